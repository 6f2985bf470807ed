import type { Sequelize } from 'sequelize';
import type { ValidReportQuery } from './report-query.ts';
import { andIf, reportSelect } from './report-sql.ts';
import { ratio, tableOf, type ReportTable } from './report-table.ts';
import { periodFacts } from './summaries/period-facts.ts';

export { VISIT_WINDOW_MINUTES } from './visit-window.ts';
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
  const replacements = { from: query.from, to: query.to, locale: query.locale, top: TOP_ARTICLES };
  const articleInLocale = andIf(query.locale, 'a.locale = :locale');
  const [facts, sad] = await Promise.all([
    // Per-visitor steps are intersections of visitor sets; see summaries/ for how a year stays fast.
    periodFacts(sequelize, query, {
      sets: ['visited', 'engaged', 'opened_widget', 'chatted', 'needed_human'],
      counts: ['deflections', 'bot_helped', 'bot_escalated', 'led_to_chat'],
    }),
    reportSelect<SadArticle>(
      sequelize,
      `SELECT a.id AS "articleId", a.title, count(*) FILTER (WHERE r.value = -1)::int AS sad, count(*)::int AS reactions
         FROM article_reactions r JOIN articles a ON a.id = r.article_id
        WHERE r.updated_at >= :from AND r.updated_at < :to${articleInLocale}
        GROUP BY a.id, a.title HAVING count(*) FILTER (WHERE r.value = -1) > 0
        ORDER BY sad DESC, reactions, a.id LIMIT :top`,
      replacements,
    ),
  ]);
  const visited = facts.members('visited');
  const steps: FunnelSteps = {
    helpCenterVisitors: visited.size(),
    searchedOrRead: visited.intersection_size(facts.members('engaged')),
    openedWidget: visited.intersection_size(facts.members('opened_widget')),
    startedConversation: visited.intersection_size(facts.members('chatted')),
    neededHuman: visited.intersection_size(facts.members('needed_human')),
  };
  const [helped, escalated] = [facts.count('bot_helped'), facts.count('bot_escalated')];
  return {
    steps,
    selfServiceRate: ratio(steps.helpCenterVisitors - steps.neededHuman, steps.helpCenterVisitors),
    answerBotResolutionRate: ratio(helped, helped + escalated),
    botHelped: helped,
    botEscalated: escalated,
    deflections: facts.count('deflections'),
    articlesLeadingToChats: await topArticles(sequelize, facts.countsBySubject('led_to_chat'), articleInLocale, query.locale),
    sadArticles: sad,
  };
}

/** The articles with the most conversations (of the locale's articles, with a locale), most first, then by id. */
async function topArticles(sequelize: Sequelize, counts: Map<number, number>, articleInLocale: string, locale: string | undefined): Promise<ArticleLeadingToChats[]> {
  if (counts.size === 0) return [];
  const articles = await reportSelect<{ id: number; title: string }>(sequelize, `SELECT a.id, a.title FROM articles a WHERE a.id IN (:ids)${articleInLocale}`, { ids: [...counts.keys()], locale });
  return articles
    .map((a) => ({ articleId: a.id, title: a.title, conversations: counts.get(a.id)! }))
    .sort((x, y) => y.conversations - x.conversations || x.articleId - y.articleId)
    .slice(0, TOP_ARTICLES);
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
