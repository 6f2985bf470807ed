import { QueryTypes, type Sequelize } from 'sequelize';
import { scheduleSchema, type Schedule } from '../hours/index.ts';
import { openTimeMeasurer } from './business-time.ts';
import type { Durations } from './chat-report.ts';
import { reportSelect } from './report-sql.ts';
import { percentile } from './report-table.ts';

/** First reply (business hours), first resolution (wall clock) and reopenings of the period's conversations. */
export interface ConversationTimes {
  firstReply: Durations & { unanswered: number };
  resolution: Durations;
  reopened: number;
}

/**
 * Reads the period's conversations once (each carries its first reply, `first_reply_at`, kept by a trigger on
 * messages since migration 0027, and its closing history) and measures them in JS: first replies against each
 * team's schedule, walked once for the whole window (business-time.ts), resolutions as they are. One scan of a
 * year's conversations instead of one per number. `team` is the team condition (`AND …`, or nothing).
 */
export async function conversationTimes(sequelize: Sequelize, replacements: { from: Date; to: Date }, team: string): Promise<ConversationTimes> {
  const [rows, teams] = await Promise.all([
    reportSelect<{ team_id: number; created: number; replied: number | null; resolved: number | null; reopened: boolean }>(
      sequelize,
      // float8, not numeric: the driver hands numbers over as they are instead of as strings to convert. The
      // resolution is subtracted in SQL, exactly, not from two rounded epochs.
      `SELECT c.team_id, (extract(epoch FROM c.created_at) * 1000)::float8 AS created, (extract(epoch FROM c.first_reply_at) * 1000)::float8 AS replied,
              extract(epoch FROM c.first_closed_at - c.created_at)::float8 AS resolved, c.reopen_count > 0 AS reopened
         FROM conversations c WHERE c.created_at >= :from AND c.created_at < :to${team}`,
      replacements,
    ),
    sequelize.query<{ id: number; schedule: unknown }>('SELECT id, schedule FROM teams', { type: QueryTypes.SELECT }),
  ]);
  const answered = rows.filter((r) => r.replied !== null);
  // Replies may come after the period ends: the schedule is walked up to the last of them.
  const windowEnd = new Date(answered.reduce((max, r) => Math.max(max, r.replied!), replacements.to.getTime()) + 1);
  const measurers = new Map(teams.map((t) => [t.id, openTimeMeasurer(t.schedule ? (scheduleSchema.parse(t.schedule) as Schedule) : null, replacements.from, windowEnd)]));
  const replies = Float64Array.from(answered, (r) => measurers.get(r.team_id)!(r.created, r.replied!) / 1000).sort();
  const closed = rows.filter((r) => r.resolved !== null);
  const resolutions = Float64Array.from(closed, (r) => r.resolved!).sort();
  return {
    firstReply: { ...durations(replies), unanswered: rows.length - answered.length },
    resolution: durations(resolutions),
    reopened: closed.filter((r) => r.reopened).length,
  };
}

/** Count, p50 and p90 (nearest rank) of sorted seconds. */
function durations(sorted: Float64Array): Durations {
  return { count: sorted.length, p50Seconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9) };
}
