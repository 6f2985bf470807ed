import type { Sequelize } from 'sequelize';
import type { AuditActor } from '../audit/audit-log.ts';
import { listCollectionTeams, listInboxTeams, listTeamCandidates, listTeams } from './team-directory.ts';
import { collectionTeamsSetter, defaultTeamSetter, teamCreator, teamMembersSetter, teamUpdater } from './team-editor.ts';
import type { CollectionTeam, TeamFields } from './team-schemas.ts';
import type { InboxTeamView, TeamView } from './team-views.ts';

export { TeamChangeRefusedError } from './team-errors.ts';
export { collectionTeamsSchema, teamFieldsSchema, teamMembersSchema, type CollectionTeam, type TeamFields } from './team-schemas.ts';
export type { InboxTeamView, TeamView } from './team-views.ts';

/** Teams as admins manage them (`/admin/teams`) and as the inbox lists them. Every change is audited. */
export interface Teams {
  list(): Promise<TeamView[]>;
  candidates(): Promise<Array<{ id: number; name: string; email: string }>>;
  collectionTeams(): Promise<Array<{ collectionId: number; locale: string; title: string; teamId: number | null }>>;
  forInbox(userId: number): Promise<InboxTeamView[]>;
  /** Returns the new team's id. */
  create(actor: AuditActor, fields: TeamFields): Promise<number>;
  update(actor: AuditActor, teamId: number, fields: TeamFields): Promise<void>;
  /** `leadIds`: the members who lead the team (each must be in `userIds`). */
  setMembers(actor: AuditActor, teamId: number, userIds: number[], leadIds?: number[]): Promise<void>;
  makeDefault(actor: AuditActor, teamId: number): Promise<void>;
  /** Returns how many collections changed team. */
  mapCollections(actor: AuditActor, map: CollectionTeam[]): Promise<number>;
}

export function createTeams(sequelize: Sequelize): Teams {
  return {
    list: () => listTeams(sequelize),
    candidates: () => listTeamCandidates(sequelize),
    collectionTeams: () => listCollectionTeams(sequelize),
    forInbox: (userId) => listInboxTeams(sequelize, userId),
    create: (actor, fields) => teamCreator(sequelize, actor, fields),
    update: (actor, teamId, fields) => teamUpdater(sequelize, actor, teamId, fields),
    setMembers: (actor, teamId, userIds, leadIds) => teamMembersSetter(sequelize, actor, teamId, userIds, leadIds),
    makeDefault: (actor, teamId) => defaultTeamSetter(sequelize, actor, teamId),
    mapCollections: (actor, map) => collectionTeamsSetter(sequelize, actor, map),
  };
}
