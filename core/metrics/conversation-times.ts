import { QueryTypes, type Sequelize } from 'sequelize';
import { scheduleSchema, type Schedule } from '../hours/index.ts';
import { openTimeMeasurer } from './business-time.ts';
import type { Durations } from './chat-report.ts';
import type { ValidReportQuery } from './report-query.ts';
import { percentile } from './report-table.ts';
import { periodFacts } from './summaries/period-facts.ts';

/** First reply (business hours), first resolution (wall clock) and reopenings of the period's conversations. */
export interface ConversationTimes {
  firstReply: Durations & { unanswered: number };
  resolution: Durations;
  reopened: number;
}

/**
 * The period's conversations' times, from the day summaries (summaries/): per team, each answered
 * conversation's creation and first reply (`first_reply_at`, kept by a trigger on messages), and each closed
 * one's seconds to its first close. First replies are measured here, in JS, against each team's schedule as it
 * is now, walked once for the whole window (business-time.ts), so editing a schedule needs no summary rebuilt.
 */
export async function conversationTimes(sequelize: Sequelize, query: ValidReportQuery): Promise<ConversationTimes> {
  const [facts, teams] = await Promise.all([
    periodFacts(sequelize, query, { counts: ['unanswered', 'reopened'], values: ['reply_pairs', 'resolutions'] }),
    sequelize.query<{ id: number; schedule: unknown }>('SELECT id, schedule FROM teams', { type: QueryTypes.SELECT }),
  ]);
  const pairs = facts.valuesByTeam('reply_pairs');
  // Replies may come after the period ends: the schedule is walked up to the last of them.
  let windowEnd = query.to.getTime();
  for (const values of pairs.values()) for (let i = 1; i < values.length; i += 2) windowEnd = Math.max(windowEnd, values[i]!);
  const schedules = new Map(teams.map((t) => [t.id, t.schedule ? (scheduleSchema.parse(t.schedule) as Schedule) : null]));
  const replies = new Float64Array([...pairs.values()].reduce((n, values) => n + values.length / 2, 0));
  let filled = 0;
  for (const [teamId, values] of pairs) {
    const measure = openTimeMeasurer(schedules.get(teamId) ?? null, query.from, new Date(windowEnd + 1));
    for (let i = 0; i < values.length; i += 2) replies[filled++] = measure(values[i]!, values[i + 1]!) / 1000;
  }
  const resolutions = Float64Array.from([...facts.valuesByTeam('resolutions').values()].flatMap((values) => [...values]));
  return {
    firstReply: { ...durations(replies.sort()), unanswered: facts.count('unanswered') },
    resolution: durations(resolutions.sort()),
    reopened: facts.count('reopened'),
  };
}

/** Count, p50 and p90 (nearest rank) of sorted seconds. */
function durations(sorted: Float64Array): Durations {
  return { count: sorted.length, p50Seconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9) };
}
