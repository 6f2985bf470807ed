import { QueryTypes, type Sequelize } from 'sequelize';
import { TypedFastBitSet } from 'typedfastbitset';
import { scheduleSchema, type Schedule } from '../hours/index.ts';
import { openTimeMeasurer } from './business-time.ts';
import { conversationVolume } from './conversation-volume.ts';
import type { ValidReportQuery } from './report-query.ts';
import { andIf, reportSelect } from './report-sql.ts';
import { percentile, ratio, tableOf, type ReportTable } from './report-table.ts';
import { periodFacts } from './summaries/period-facts.ts';

export interface DayCount {
  day: string;
  conversations: number;
}

/** Conversations started in one hour of one weekday (ISO: 1 = Monday … 7 = Sunday; hour 0–23), in the report's zone. */
export interface HeatmapCell {
  weekday: number;
  hour: number;
  conversations: number;
}

/** p50/p90 in seconds, over `count` conversations (null without any). */
export interface Durations {
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface CsatRow {
  id: number | null;
  name: string | null;
  sad: number;
  neutral: number;
  happy: number;
  /** happy / all ratings (0–1). */
  csat: number | null;
}

export interface OperatorLoad {
  operatorId: number;
  name: string;
  openNow: number;
  handled: number;
}

/** The chat in a period; every number is defined in core/metrics/METRICS.md. */
export interface ChatReport {
  conversations: number;
  byDay: DayCount[];
  heatmap: HeatmapCell[];
  /** Business hours only (the team's schedule); `unanswered` conversations have no reply yet. */
  firstReply: Durations & { unanswered: number };
  resolution: Durations;
  /** Conversations closed at least once that were reopened (0–1). */
  reopenRate: number | null;
  csatByTeam: CsatRow[];
  csatByOperator: CsatRow[];
  operatorLoad: OperatorLoad[];
}

const CREATED = 'c.created_at >= :from AND c.created_at < :to';

/** Volume, reply and resolution times, reopen rate, CSAT and load for conversations of [from, to). */
export async function chatReport(sequelize: Sequelize, query: ValidReportQuery): Promise<ChatReport> {
  const replacements = { from: query.from, to: query.to, teamId: query.teamId, timeZone: query.timeZone };
  const select = <T extends object>(sql: string) => reportSelect<T>(sequelize, sql, replacements);
  const team = andIf(query.teamId, 'c.team_id = :teamId');
  // Without a team filter, ratings and replies need no conversation: the join is written only for the filter.
  const ofTeam = (conversationId: string) => andIf(query.teamId, `EXISTS (SELECT 1 FROM conversations c WHERE c.id = ${conversationId} AND c.team_id = :teamId)`);
  const [volume, firstReply, resolution, csatByTeam, csatByOperator, operatorLoad] = await Promise.all([
    conversationVolume(select, team),
    firstReplyTimes(sequelize, replacements, team),
    select<{ count: number; p50: number | null; p90: number | null; reopened: number }>(
      `SELECT count(*)::int AS count, count(*) FILTER (WHERE c.reopen_count > 0)::int AS reopened,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_closed_at - c.created_at))::float8 AS p50,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_closed_at - c.created_at))::float8 AS p90
         FROM conversations c WHERE ${CREATED}${team} AND c.first_closed_at IS NOT NULL`,
    ),
    select<Omit<CsatRow, 'csat'>>(
      `SELECT t.id, t.name, count(*) FILTER (WHERE r.score = 1)::int AS sad, count(*) FILTER (WHERE r.score = 2)::int AS neutral, count(*) FILTER (WHERE r.score = 3)::int AS happy
         FROM conversation_ratings r JOIN conversations c ON c.id = r.conversation_id JOIN teams t ON t.id = c.team_id
        WHERE r.updated_at >= :from AND r.updated_at < :to${team} GROUP BY t.id, t.name ORDER BY t.name`,
    ),
    select<Omit<CsatRow, 'csat'>>(
      `SELECT r.operator_id AS id, u.name, count(*) FILTER (WHERE r.score = 1)::int AS sad, count(*) FILTER (WHERE r.score = 2)::int AS neutral, count(*) FILTER (WHERE r.score = 3)::int AS happy
         FROM conversation_ratings r LEFT JOIN users u ON u.id = r.operator_id
        WHERE r.updated_at >= :from AND r.updated_at < :to${ofTeam('r.conversation_id')} GROUP BY r.operator_id, u.name ORDER BY u.name NULLS LAST`,
    ),
    operatorLoads(sequelize, query),
  ]);
  const closed = resolution[0]!;
  const withCsat = (rows: Array<Omit<CsatRow, 'csat'>>): CsatRow[] => rows.map((r) => ({ ...r, csat: ratio(r.happy, r.sad + r.neutral + r.happy) }));
  return {
    ...volume,
    firstReply,
    resolution: { count: closed.count, p50Seconds: closed.p50, p90Seconds: closed.p90 },
    reopenRate: ratio(closed.reopened, closed.count),
    csatByTeam: withCsat(csatByTeam),
    csatByOperator: withCsat(csatByOperator),
    operatorLoad,
  };
}

/**
 * First-reply times counted in business hours: the conversations of the period with their first agent reply
 * (`first_reply_at`, kept by a trigger on messages: migration 0027), measured in JS against each team's
 * schedule, walked once for the whole window (see business-time.ts).
 */
async function firstReplyTimes(sequelize: Sequelize, replacements: { from: Date; to: Date }, team: string): Promise<ChatReport['firstReply']> {
  const [rows, teams] = await Promise.all([
    reportSelect<{ team_id: number; created: number; replied: number | null }>(
      sequelize,
      // A reply is never older than its conversation, so replies before `from` can't be a first reply here.
      // float8, not numeric: the driver hands numbers over as they are instead of as strings to convert.
      `SELECT c.team_id, (extract(epoch FROM c.created_at) * 1000)::float8 AS created, (extract(epoch FROM c.first_reply_at) * 1000)::float8 AS replied
         FROM conversations c WHERE ${CREATED}${team}`,
      replacements,
    ),
    sequelize.query<{ id: number; schedule: unknown }>('SELECT id, schedule FROM teams', { type: QueryTypes.SELECT }),
  ]);
  const answered = rows.filter((r) => r.replied !== null);
  // Replies may come after the period ends: the schedule is walked up to the last of them.
  const windowEnd = new Date(answered.reduce((max, r) => Math.max(max, Number(r.replied)), replacements.to.getTime()) + 1);
  const measurers = new Map(teams.map((t) => [t.id, openTimeMeasurer(t.schedule ? (scheduleSchema.parse(t.schedule) as Schedule) : null, replacements.from, windowEnd)]));
  const seconds = answered.map((r) => measurers.get(r.team_id)!(Number(r.created), Number(r.replied)) / 1000).sort((a, b) => a - b);
  return { count: seconds.length, p50Seconds: percentile(seconds, 0.5), p90Seconds: percentile(seconds, 0.9), unanswered: rows.length - answered.length };
}

/**
 * Per active operator (of the team, with `teamId`): open conversations assigned now, and the conversations they
 * replied to in the period — the union of their day sets (summaries/), intersected with the team's conversations.
 */
async function operatorLoads(sequelize: Sequelize, query: ValidReportQuery): Promise<OperatorLoad[]> {
  const replacements = { teamId: query.teamId };
  const team = andIf(query.teamId, 'c.team_id = :teamId');
  const [operators, facts, teamConversations] = await Promise.all([
    reportSelect<{ operatorId: number; name: string; openNow: number }>(
      sequelize,
      `WITH open_now AS (SELECT c.assignee_id AS id, count(*)::int AS n FROM conversations c WHERE c.status = 'open' AND c.assignee_id IS NOT NULL${team} GROUP BY 1)
       SELECT u.id AS "operatorId", u.name, COALESCE(open_now.n, 0) AS "openNow"
         FROM users u LEFT JOIN open_now ON open_now.id = u.id
        WHERE u.deactivated_at IS NULL AND u.roles && ARRAY['operator', 'admin']::varchar(16)[]
          ${andIf(query.teamId, 'EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = :teamId)')}
        ORDER BY u.name`,
      replacements,
    ),
    periodFacts(sequelize, query, { sets: ['handled'], counts: [] }),
    query.teamId === undefined ? undefined : reportSelect<{ id: number }>(sequelize, 'SELECT c.id FROM conversations c WHERE c.team_id = :teamId', replacements),
  ]);
  const ofTeam = teamConversations && new TypedFastBitSet(teamConversations.map((c) => c.id));
  const handled = facts.membersBySubject('handled');
  const count = (id: number) => {
    const set = handled.get(id);
    if (!set) return 0;
    return ofTeam ? set.intersection_size(ofTeam) : set.size();
  };
  return operators.map((o) => ({ ...o, handled: count(o.operatorId) }));
}

/** The report as tables: totals, per day, the weekday × hour heatmap, CSAT per team and operator, load. */
export function chatTables(report: ChatReport): Record<'totals' | 'byDay' | 'heatmap' | 'csatByTeam' | 'csatByOperator' | 'operatorLoad', ReportTable> {
  const { firstReply, resolution } = report;
  return {
    totals: {
      columns: ['metric', 'value'],
      rows: [
        ['conversations', report.conversations],
        ['firstReplyP50Seconds', firstReply.p50Seconds],
        ['firstReplyP90Seconds', firstReply.p90Seconds],
        ['unanswered', firstReply.unanswered],
        ['resolutionP50Seconds', resolution.p50Seconds],
        ['resolutionP90Seconds', resolution.p90Seconds],
        ['reopenRate', report.reopenRate],
      ],
    },
    byDay: tableOf(['day', 'conversations'], report.byDay),
    heatmap: tableOf(['weekday', 'hour', 'conversations'], report.heatmap),
    csatByTeam: tableOf(['id', 'name', 'sad', 'neutral', 'happy', 'csat'], report.csatByTeam),
    csatByOperator: tableOf(['id', 'name', 'sad', 'neutral', 'happy', 'csat'], report.csatByOperator),
    operatorLoad: tableOf(['operatorId', 'name', 'openNow', 'handled'], report.operatorLoad),
  };
}
