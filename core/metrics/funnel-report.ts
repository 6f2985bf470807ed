import type { Sequelize } from 'sequelize';
import type { ValidReportQuery } from './report-query.ts';
import { andIf, reportSelect } from './report-sql.ts';
import { ratio, tableOf, type ReportTable } from './report-table.ts';

/**
 * A page view of an article counts toward a chat the same visitor started within this long after it: the
 * usual web-analytics visit (a visit ends after 30 minutes without activity).
 */
export const VISIT_WINDOW_MINUTES = 30;
const TOP_ARTICLES = 10;

/** Help-center visitors at each step of the deflection funnel (each step counts them independently). */
export interface FunnelSteps {
  helpCenterVisitors: number;
  searchedOrRead: number;
  openedWidget: number;
  startedConversation: number;
  neededHuman: number;
}

export interface ArticleLeadingToChats {
  articleId: number;
  title: string;
  conversations: number;
}

export interface SadArticle {
  articleId: number;
  title: string;
  sad: number;
  reactions: number;
}

/** The deflection funnel and what feeds it; every number is defined in core/metrics/METRICS.md. */
export interface FunnelReport {
  steps: FunnelSteps;
  /** Share of help-center visitors who did not need a human (0–1; null without visitors). */
  selfServiceRate: number | null;
  /** helped / (helped + escalated) among conversations the answer bot finished with (null: none). */
  answerBotResolutionRate: number | null;
  botHelped: number;
  botEscalated: number;
  deflections: number;
  articlesLeadingToChats: ArticleLeadingToChats[];
  sadArticles: SadArticle[];
}

/** The funnel for [from, to): help-center visitors (optionally of one locale), chats optionally of one team. */
export async function funnelReport(sequelize: Sequelize, query: ValidReportQuery): Promise<FunnelReport> {
  const replacements = { from: query.from, to: query.to, locale: query.locale, teamId: query.teamId, visit: `${VISIT_WINDOW_MINUTES} minutes`, top: TOP_ARTICLES };
  const select = <T extends object>(sql: string) => reportSelect<T>(sequelize, sql, replacements);
  const period = 'occurred_at >= :from AND occurred_at < :to';
  const inLocale = andIf(query.locale, 'locale = :locale');
  const articleInLocale = andIf(query.locale, 'a.locale = :locale');
  const ofTeam = andIf(query.teamId, 'c.team_id = :teamId');
  const [steps, bot, deflections, leading, sad] = await Promise.all([
    select<FunnelSteps>(
      // One pass over the period's events, grouped by visitor, gives every per-visitor flag at once.
      `WITH active AS (
         SELECT visitor_id, bool_or(type = 'page_view'${inLocale}) AS visited,
                bool_or(type IN ('page_view', 'widget_article_open') AND article_id IS NOT NULL OR type = 'widget_search') AS engaged,
                bool_or(type = 'widget_open') AS opened
           FROM help_center_events WHERE type <> 'deflection' AND ${period} AND visitor_id IS NOT NULL GROUP BY visitor_id
       ),
       searchers AS (SELECT DISTINCT visitor_id FROM search_queries WHERE created_at >= :from AND created_at < :to AND visitor_id IS NOT NULL),
       chats AS (
         SELECT c.visitor_id, bool_or(c.bot_outcome IS NULL OR c.bot_outcome = 'escalated') AS human
           FROM conversations c WHERE c.created_at >= :from AND c.created_at < :to${ofTeam} GROUP BY c.visitor_id
       )
       SELECT count(*)::int AS "helpCenterVisitors",
              count(*) FILTER (WHERE a.engaged OR s.visitor_id IS NOT NULL)::int AS "searchedOrRead",
              count(*) FILTER (WHERE a.opened)::int AS "openedWidget",
              count(ch.visitor_id)::int AS "startedConversation",
              count(*) FILTER (WHERE ch.human)::int AS "neededHuman"
         FROM active a LEFT JOIN searchers s USING (visitor_id) LEFT JOIN chats ch USING (visitor_id) WHERE a.visited`,
    ),
    select<{ helped: number; escalated: number }>(
      `SELECT count(*) FILTER (WHERE bot_outcome = 'helped')::int AS helped, count(*) FILTER (WHERE bot_outcome = 'escalated')::int AS escalated
         FROM conversations c WHERE c.created_at >= :from AND c.created_at < :to${ofTeam} AND c.bot_outcome IN ('helped', 'escalated')`,
    ),
    select<{ n: number }>(`SELECT count(*)::int AS n FROM help_center_events WHERE type = 'deflection' AND ${period}${inLocale}`),
    select<ArticleLeadingToChats>(
      `WITH chats AS (
         SELECT c.id, c.visitor_id, c.created_at, (c.origin->>'articleId')::int AS origin_article
           FROM conversations c WHERE c.created_at >= :from AND c.created_at < :to${ofTeam}
       ),
       led AS (
         SELECT origin_article AS article_id, id FROM chats WHERE origin_article IS NOT NULL
         UNION
         SELECT e.article_id, ch.id FROM chats ch
           JOIN help_center_events e ON e.type = 'page_view' AND e.visitor_id = ch.visitor_id AND e.article_id IS NOT NULL
            AND e.occurred_at <= ch.created_at AND e.occurred_at > ch.created_at - :visit::interval
            -- Implied by the two lines above, but it lets PostgreSQL read only the period's views, not every view.
            AND e.occurred_at > :from::timestamptz - :visit::interval AND e.occurred_at < :to
       )
       SELECT a.id AS "articleId", a.title, count(*)::int AS conversations
         FROM led JOIN articles a ON a.id = led.article_id${articleInLocale}
        GROUP BY a.id, a.title ORDER BY conversations DESC, a.id LIMIT :top`,
    ),
    select<SadArticle>(
      `SELECT a.id AS "articleId", a.title, count(*) FILTER (WHERE r.value = -1)::int AS sad, count(*)::int AS reactions
         FROM article_reactions r JOIN articles a ON a.id = r.article_id
        WHERE r.updated_at >= :from AND r.updated_at < :to${articleInLocale}
        GROUP BY a.id, a.title HAVING count(*) FILTER (WHERE r.value = -1) > 0
        ORDER BY sad DESC, reactions, a.id LIMIT :top`,
    ),
  ]);
  const funnel = steps[0]!;
  const { helped, escalated } = bot[0]!;
  return {
    steps: funnel,
    selfServiceRate: ratio(funnel.helpCenterVisitors - funnel.neededHuman, funnel.helpCenterVisitors),
    answerBotResolutionRate: ratio(helped, helped + escalated),
    botHelped: helped,
    botEscalated: escalated,
    deflections: deflections[0]!.n,
    articlesLeadingToChats: leading,
    sadArticles: sad,
  };
}

/** The report as tables: funnel steps and rates, articles that lead to chats, 😞 articles. */
export function funnelTables(report: FunnelReport): Record<'funnel' | 'articlesLeadingToChats' | 'sadArticles', ReportTable> {
  const { steps, selfServiceRate, answerBotResolutionRate, botHelped, botEscalated, deflections } = report;
  return {
    funnel: { columns: ['metric', 'value'], rows: Object.entries({ ...steps, selfServiceRate, answerBotResolutionRate, botHelped, botEscalated, deflections }) },
    articlesLeadingToChats: tableOf(['articleId', 'title', 'conversations'], report.articlesLeadingToChats),
    sadArticles: tableOf(['articleId', 'title', 'sad', 'reactions'], report.sadArticles),
  };
}
