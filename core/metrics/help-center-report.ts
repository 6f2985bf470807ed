import type { Sequelize } from 'sequelize';
import type { ValidReportQuery } from './report-query.ts';
import { andIf, reportSelect } from './report-sql.ts';
import { tableOf, type ReportTable } from './report-table.ts';

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
  const one = async <T extends object>(sql: string) => (await select<T>(sql))[0]!;
  const inLocale = andIf(query.locale, 'locale = :locale');
  const articleInLocale = andIf(query.locale, 'a.locale = :locale');
  const [views, logged, widget, reactionsByArticle, reactionsByDay] = await Promise.all([
    one<{ visits: number; article_views: number }>(
      // Grouping first lets PostgreSQL hash the visitors; count(DISTINCT) would sort every view of the period.
      `SELECT count(visitor_id)::int AS visits, COALESCE(sum(article_views), 0)::int AS article_views
         FROM (SELECT visitor_id, count(article_id) AS article_views FROM help_center_events
                WHERE type = 'page_view' AND occurred_at >= :from AND occurred_at < :to${inLocale} GROUP BY visitor_id) v`,
    ),
    one<{ searches: number; failed: number; no_click: number }>(
      `SELECT count(*)::int AS searches, count(*) FILTER (WHERE result_count = 0)::int AS failed,
              count(*) FILTER (WHERE result_count > 0 AND clicked_article_id IS NULL)::int AS no_click
         FROM search_queries WHERE created_at >= :from AND created_at < :to${inLocale}`,
    ),
    one<{ searches: number; failed: number }>(
      `SELECT count(*)::int AS searches, count(*) FILTER (WHERE result_count = 0)::int AS failed
         FROM help_center_events WHERE type = 'widget_search' AND occurred_at >= :from AND occurred_at < :to${inLocale}`,
    ),
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
    visits: views.visits,
    articleViews: views.article_views,
    searches: logged.searches + widget.searches,
    failedSearches: logged.failed + widget.failed,
    noClickSearches: logged.no_click,
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
