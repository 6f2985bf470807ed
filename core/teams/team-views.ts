import type { Schedule } from '../hours/index.ts';
import type { AssignmentStrategy, Team } from '../models/index.ts';

/** A team as the admin shows it. */
export interface TeamView {
  id: number;
  name: string;
  strategy: AssignmentStrategy;
  capacity: number;
  staffedGraceMinutes: number;
  schedule: Schedule | null;
  isDefault: boolean;
  answerBot: boolean;
  /** `lead`: alerted about unhappy visitors (😞 ratings and reactions). */
  members: Array<{ userId: number; name: string; lead: boolean }>;
}

/** A team as the inbox knows it: for names on rows, the Team tab (`mine`) and the assign picker. */
export interface InboxTeamView {
  id: number;
  name: string;
  /** The signed-in operator is a member. */
  mine: boolean;
}

export function presentTeam(team: Team, members: TeamView['members']): TeamView {
  const { id, name, strategy, capacity, staffedGraceMinutes, schedule, isDefault, answerBot } = team;
  return { id, name, strategy, capacity, staffedGraceMinutes, schedule, isDefault, answerBot, members };
}
