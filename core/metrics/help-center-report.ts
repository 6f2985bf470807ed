import type { Sequelize } from 'sequelize';
import type { ValidReportQuery } from './report-query.ts';
import { andIf, reportSelect } from './report-sql.ts';
import { tableOf, type ReportTable } from './report-table.ts';
import { periodFacts } from './summaries/period-facts.ts';

/** Reactions to one article in the period. */
export interface ArticleReactions {
  articleId: number;
  title: string;
  sad: number;
  neutral: number;
  happy: number;
}

/** Reactions given on one day (in the report's time zone). */
export interface ReactionsOnDay {
  day: string;
  sad: number;
  neutral: number;
  happy: number;
}

/** Help-center use in a period; every number is defined in core/metrics/METRICS.md. */
export interface HelpCenterReport {
  visits: number;
  articleViews: number;
  searches: number;
  failedSearches: number;
  noClickSearches: number;
  reactionsByArticle: ArticleReactions[];
  reactionsByDay: ReactionsOnDay[];
}

/** Visits, article views, searches and reactions for [from, to), optionally in one locale. */
export async function helpCenterReport(sequelize: Sequelize, query: ValidReportQuery): Promise<HelpCenterReport> {
  const replacements = { from: query.from, to: query.to, locale: query.locale, timeZone: query.timeZone };
  const select = <T extends object>(sql: string) => reportSelect<T>(sequelize, sql, replacements);
  const articleInLocale = andIf(query.locale, 'a.locale = :locale');
  const [facts, reactionsByArticle, reactionsByDay] = await Promise.all([
    // Visitors and the searches come from the day summaries plus the raw edges of the period (summaries/).
    periodFacts(sequelize, query, {
      sets: ['visited'],
      counts: ['article_views', 'searches', 'failed_searches', 'no_click_searches', 'widget_searches', 'widget_failed_searches'],
    }),
    select<ArticleReactions>(
      `SELECT a.id AS "articleId", a.title, count(*) FILTER (WHERE r.value = -1)::int AS sad,
              count(*) FILTER (WHERE r.value = 0)::int AS neutral, count(*) FILTER (WHERE r.value = 1)::int AS happy
         FROM article_reactions r JOIN articles a ON a.id = r.article_id
        WHERE r.updated_at >= :from AND r.updated_at < :to${articleInLocale}
        GROUP BY a.id, a.title ORDER BY sad DESC, count(*) DESC, a.id`,
    ),
    select<ReactionsOnDay>(
      `SELECT to_char(date_trunc('day', r.updated_at AT TIME ZONE :timeZone), 'YYYY-MM-DD') AS day,
              count(*) FILTER (WHERE r.value = -1)::int AS sad, count(*) FILTER (WHERE r.value = 0)::int AS neutral,
              count(*) FILTER (WHERE r.value = 1)::int AS happy
         FROM article_reactions r JOIN articles a ON a.id = r.article_id
        WHERE r.updated_at >= :from AND r.updated_at < :to${articleInLocale}
        GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  return {
    visits: facts.members('visited').size(),
    articleViews: facts.count('article_views'),
    searches: facts.count('searches') + facts.count('widget_searches'),
    failedSearches: facts.count('failed_searches') + facts.count('widget_failed_searches'),
    noClickSearches: facts.count('no_click_searches'),
    reactionsByArticle,
    reactionsByDay,
  };
}

/** The report as tables: the totals, reactions per article, reactions per day. */
export function helpCenterTables(report: HelpCenterReport): Record<'totals' | 'reactionsByArticle' | 'reactionsByDay', ReportTable> {
  const { reactionsByArticle, reactionsByDay, ...totals } = report;
  return {
    totals: { columns: ['metric', 'value'], rows: Object.entries(totals) },
    reactionsByArticle: tableOf(['articleId', 'title', 'sad', 'neutral', 'happy'], reactionsByArticle),
    reactionsByDay: tableOf(['day', 'sad', 'neutral', 'happy'], reactionsByDay),
  };
}
