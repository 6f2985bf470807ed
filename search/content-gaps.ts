import { QueryTypes, type Sequelize } from 'sequelize';

/** A query customers searched for without finding (or without clicking) an answer. */
export interface ContentGap {
  query: string;
  /** Searches in the period. */
  searches: number;
  /** Of those, with zero results. */
  failed: number;
  /** Of those, with results but no click. */
  noClick: number;
  uniqueVisitors: number;
  firstSeen: string;
  lastSeen: string;
  /** Searches in this period minus the previous period of the same length. */
  trend: number;
}

export interface ContentGapQuery {
  locale: string;
  from: Date;
  to: Date;
  limit?: number;
}

/**
 * The authors' to-do list: top failed and no-click queries of a locale over a period, with counts, unique
 * visitors (sessions), first/last seen and the trend against the previous period of the same length.
 */
export async function contentGaps(sequelize: Sequelize, { locale, from, to, limit = 50 }: ContentGapQuery): Promise<ContentGap[]> {
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const rows = await sequelize.query<{
    query: string; searches: string; failed: string; no_click: string; unique_visitors: string; first_seen: Date; last_seen: Date; previous: string | null;
  }>(
    `WITH unanswered AS (
       SELECT query, session_id, result_count, created_at
         FROM search_queries
        WHERE locale = :locale AND created_at >= :previousFrom AND created_at < :to
          AND (result_count = 0 OR clicked_article_id IS NULL)
     ), current AS (
       SELECT query,
              count(*) AS searches,
              count(*) FILTER (WHERE result_count = 0) AS failed,
              count(*) FILTER (WHERE result_count > 0) AS no_click,
              count(DISTINCT session_id) AS unique_visitors,
              min(created_at) AS first_seen,
              max(created_at) AS last_seen
         FROM unanswered WHERE created_at >= :from
        GROUP BY query
     ), previous AS (
       SELECT query, count(*) AS searches FROM unanswered WHERE created_at < :from GROUP BY query
     )
     SELECT current.*, previous.searches AS previous
       FROM current LEFT JOIN previous USING (query)
      ORDER BY current.searches DESC, current.unique_visitors DESC, current.last_seen DESC
      LIMIT :limit`,
    { replacements: { locale, from, to, previousFrom, limit }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    query: row.query,
    searches: Number(row.searches),
    failed: Number(row.failed),
    noClick: Number(row.no_click),
    uniqueVisitors: Number(row.unique_visitors),
    firstSeen: new Date(row.first_seen).toISOString(),
    lastSeen: new Date(row.last_seen).toISOString(),
    trend: Number(row.searches) - Number(row.previous ?? 0),
  }));
}
