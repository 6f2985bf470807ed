import type { Sequelize } from 'sequelize';
import { TypedFastBitSet } from 'typedfastbitset';
import { conversationTimes } from './conversation-times.ts';
import { conversationVolume } from './conversation-volume.ts';
import type { ValidReportQuery } from './report-query.ts';
import { andIf, reportSelect } from './report-sql.ts';
import { ratio, tableOf, type ReportTable } from './report-table.ts';
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

/** Volume, reply and resolution times, reopen rate, CSAT and load for conversations of [from, to). */
export async function chatReport(sequelize: Sequelize, query: ValidReportQuery): Promise<ChatReport> {
  const replacements = { from: query.from, to: query.to, teamId: query.teamId, timeZone: query.timeZone };
  const select = <T extends object>(sql: string) => reportSelect<T>(sequelize, sql, replacements);
  const team = andIf(query.teamId, 'c.team_id = :teamId');
  // Without a team filter, ratings and replies need no conversation: the join is written only for the filter.
  const ofTeam = (conversationId: string) => andIf(query.teamId, `EXISTS (SELECT 1 FROM conversations c WHERE c.id = ${conversationId} AND c.team_id = :teamId)`);
  const [volume, times, csatByTeam, csatByOperator, operatorLoad] = await Promise.all([
    conversationVolume(select, team),
    conversationTimes(sequelize, query),
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
  const withCsat = (rows: Array<Omit<CsatRow, 'csat'>>): CsatRow[] => rows.map((r) => ({ ...r, csat: ratio(r.happy, r.sad + r.neutral + r.happy) }));
  return {
    ...volume,
    firstReply: times.firstReply,
    resolution: times.resolution,
    reopenRate: ratio(times.reopened, times.resolution.count),
    csatByTeam: withCsat(csatByTeam),
    csatByOperator: withCsat(csatByOperator),
    operatorLoad,
  };
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
