import { VISIT_WINDOW_MINUTES } from '../visit-window.ts';

/**
 * The facts of the raw rows, as SQL shared by the day builder (bucket = the UTC day, range = the days to build)
 * and the reports' raw edges (bucket = NULL, range = the parts of the period no summary covers), so a summary
 * and a raw read can never disagree on a definition. Definitions: core/metrics/METRICS.md.
 */
export interface FactRange {
  /** SQL condition on a timestamptz column: the rows to read. */
  inRange: (column: string) => string;
  /** SQL expression giving a row's bucket (a date, or NULL for one bucket). */
  bucket: (column: string) => string;
}

/**
 * Rows (day, kind, locale, team_id, subject_id, visitor_id, conversation_id) of the set facts, one per member
 * and fact (duplicates left in: the caller deduplicates once, on its own key).
 */
export function memberRowsSql({ inRange, bucket }: FactRange): string {
  const e = (column: string) => `${bucket(column)} AS day`;
  return `
    SELECT ${e('occurred_at')}, 'visited' AS kind, locale, 0 AS team_id, 0 AS subject_id, visitor_id, NULL::int AS conversation_id
      FROM help_center_events WHERE type = 'page_view' AND visitor_id IS NOT NULL AND ${inRange('occurred_at')}
    UNION ALL
    SELECT ${e('occurred_at')}, 'engaged', '', 0, 0, visitor_id, NULL FROM help_center_events
     WHERE (type IN ('page_view', 'widget_article_open') AND article_id IS NOT NULL OR type = 'widget_search') AND visitor_id IS NOT NULL AND ${inRange('occurred_at')}
    UNION ALL
    SELECT ${e('created_at')}, 'engaged', '', 0, 0, visitor_id, NULL FROM search_queries WHERE visitor_id IS NOT NULL AND ${inRange('created_at')}
    UNION ALL
    SELECT ${e('occurred_at')}, 'opened_widget', '', 0, 0, visitor_id, NULL FROM help_center_events
     WHERE type = 'widget_open' AND visitor_id IS NOT NULL AND ${inRange('occurred_at')}
    UNION ALL
    SELECT ${e('created_at')}, 'chatted', '', team_id, 0, visitor_id, NULL FROM conversations WHERE visitor_id IS NOT NULL AND ${inRange('created_at')}
    UNION ALL
    SELECT ${e('created_at')}, 'needed_human', '', team_id, 0, visitor_id, NULL FROM conversations
     WHERE visitor_id IS NOT NULL AND (bot_outcome IS NULL OR bot_outcome = 'escalated') AND ${inRange('created_at')}
    UNION ALL
    SELECT ${e('created_at')}, 'handled', '', 0, sender_user_id, NULL, conversation_id FROM messages
     WHERE sender = 'agent' AND kind = 'text' AND sender_user_id IS NOT NULL AND ${inRange('created_at')}`;
}

/** Rows (day, kind, locale, team_id, subject_id, n) of the count facts. */
export function countRowsSql({ inRange, bucket }: FactRange): string {
  return `
    SELECT ${bucket('occurred_at')} AS day, k.kind, e.locale, 0 AS team_id, 0 AS subject_id, count(*)::int AS n
      FROM help_center_events e
      CROSS JOIN LATERAL (VALUES
        (CASE WHEN e.type = 'page_view' AND e.article_id IS NOT NULL THEN 'article_views' END),
        (CASE WHEN e.type = 'widget_search' THEN 'widget_searches' END),
        (CASE WHEN e.type = 'widget_search' AND e.result_count = 0 THEN 'widget_failed_searches' END),
        (CASE WHEN e.type = 'deflection' THEN 'deflections' END)) k(kind)
     WHERE e.type IN ('page_view', 'widget_search', 'deflection') AND k.kind IS NOT NULL AND ${inRange('e.occurred_at')}
     GROUP BY 1, 2, 3
    UNION ALL
    SELECT ${bucket('created_at')}, k.kind, s.locale, 0, 0, count(*)::int
      FROM search_queries s
      CROSS JOIN LATERAL (VALUES ('searches'), (CASE WHEN s.result_count = 0 THEN 'failed_searches' END),
                                 (CASE WHEN s.result_count > 0 AND s.clicked_article_id IS NULL THEN 'no_click_searches' END)) k(kind)
     WHERE k.kind IS NOT NULL AND ${inRange('s.created_at')}
     GROUP BY 1, 2, 3
    UNION ALL
    SELECT ${bucket('created_at')}, 'bot_' || bot_outcome, '', team_id, 0, count(*)::int
      FROM conversations WHERE bot_outcome IN ('helped', 'escalated') AND ${inRange('created_at')}
     GROUP BY 1, 2, 4
    UNION ALL
    -- A conversation leads to its own article (started from it) and to every article its visitor viewed in the
    -- visit before it; UNION counts it once per article even when both apply.
    SELECT ${bucket('c.created_at')}, 'led_to_chat', '', c.team_id, led.article_id, count(*)::int
      FROM conversations c
      CROSS JOIN LATERAL (
        SELECT (c.origin->>'articleId')::int AS article_id WHERE c.origin->>'articleId' IS NOT NULL
        UNION
        SELECT e.article_id FROM help_center_events e
         WHERE e.type = 'page_view' AND e.visitor_id = c.visitor_id AND e.article_id IS NOT NULL
           AND e.occurred_at <= c.created_at AND e.occurred_at > c.created_at - interval '${VISIT_WINDOW_MINUTES} minutes'
      ) led
     WHERE ${inRange('c.created_at')}
     GROUP BY 1, 4, 5
    UNION ALL
    SELECT ${bucket('created_at')}, k.kind, '', team_id, 0, count(*)::int
      FROM conversations
      CROSS JOIN LATERAL (VALUES (CASE WHEN first_reply_at IS NULL THEN 'unanswered' END),
                                 (CASE WHEN first_closed_at IS NOT NULL AND reopen_count > 0 THEN 'reopened' END)) k(kind)
     WHERE k.kind IS NOT NULL AND ${inRange('created_at')}
     GROUP BY 1, 2, 4`;
}

/**
 * Rows (day, kind, locale, team_id, subject_id, n, members) of the value facts, already aggregated: `members`
 * packs the values as big-endian float8s (`float8send`), read back with one DataView pass.
 */
export function valueRowsSql({ inRange, bucket }: FactRange): string {
  const epochMs = (column: string) => `float8send((extract(epoch FROM ${column}) * 1000)::float8)`;
  return `
    -- A conversation the answer bot held waits for a reply from when the visitor asked for a person.
    SELECT ${bucket('created_at')} AS day, 'reply_pairs' AS kind, '' AS locale, team_id, 0 AS subject_id, count(*)::int AS n,
           string_agg(${epochMs('COALESCE(human_requested_at, created_at)')} || ${epochMs('first_reply_at')}, ''::bytea) AS members
      FROM conversations WHERE first_reply_at IS NOT NULL AND ${inRange('created_at')}
     GROUP BY 1, 4
    UNION ALL
    -- Subtracted in SQL, exactly, not from two rounded epochs.
    SELECT ${bucket('created_at')}, 'resolutions', '', team_id, 0, count(*)::int,
           string_agg(float8send(extract(epoch FROM first_closed_at - created_at)::float8), ''::bytea)
      FROM conversations WHERE first_closed_at IS NOT NULL AND ${inRange('created_at')}
     GROUP BY 1, 4`;
}
