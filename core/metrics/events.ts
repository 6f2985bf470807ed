import type { Sequelize, Transaction } from 'sequelize';

/** Where a visitor opened an article inside the widget. */
export const ARTICLE_OPEN_SOURCES = ['home', 'page', 'search', 'suggestion', 'bot', 'api'] as const;
export type ArticleOpenSource = (typeof ARTICLE_OPEN_SOURCES)[number];

/**
 * The help-center event types. `page_view` is recorded by the server for every help-center page it renders;
 * the others come from the widget through `POST /api/events`.
 */
export const HELP_CENTER_EVENT_TYPES = ['page_view', 'widget_open', 'widget_search', 'widget_article_open', 'deflection'] as const;
export type HelpCenterEventType = (typeof HELP_CENTER_EVENT_TYPES)[number];

/** One event as it is stored (see migration 0022). Unset fields are stored as NULL. */
export interface HelpCenterEvent {
  type: HelpCenterEventType;
  locale: string;
  visitorId?: string | null;
  articleId?: number | null;
  collectionId?: number | null;
  query?: string | null;
  resultCount?: number | null;
  source?: ArticleOpenSource | null;
  conversationId?: number | null;
  /** Defaults to now: the server's clock, not the browser's, which may be off by hours. */
  occurredAt?: Date;
}

/**
 * Stores events in one statement however many there are (arrays unnested into rows), so a batch of page
 * views or a widget's beacon costs one round trip. Returns the number of rows written.
 */
export async function recordEvents(sequelize: Sequelize, events: readonly HelpCenterEvent[], transaction?: Transaction): Promise<number> {
  if (events.length === 0) return 0;
  const now = new Date();
  const column = <T>(pick: (e: HelpCenterEvent) => T | null | undefined) => events.map((e) => pick(e) ?? null);
  await sequelize.query(
    `INSERT INTO help_center_events (occurred_at, type, visitor_id, locale, article_id, collection_id, query, result_count, source, conversation_id)
     SELECT * FROM unnest(:occurredAt::timestamptz[], :type::varchar[], :visitorId::uuid[], :locale::varchar[], :articleId::int[],
                          :collectionId::int[], :query::varchar[], :resultCount::int[], :source::varchar[], :conversationId::int[])`,
    {
      replacements: {
        occurredAt: pgArray(column((e) => (e.occurredAt ?? now).toISOString())),
        type: pgArray(column((e) => e.type)),
        visitorId: pgArray(column((e) => e.visitorId)),
        locale: pgArray(column((e) => e.locale)),
        articleId: pgArray(column((e) => e.articleId)),
        collectionId: pgArray(column((e) => e.collectionId)),
        query: pgArray(column((e) => e.query)),
        resultCount: pgArray(column((e) => e.resultCount)),
        source: pgArray(column((e) => e.source)),
        conversationId: pgArray(column((e) => e.conversationId)),
      },
      ...(transaction ? { transaction } : {}),
    },
  );
  return events.length;
}

/**
 * A Postgres array literal (`{"a",NULL,"b"}`) passed as one text parameter: Sequelize expands a JS array
 * replacement into `ARRAY[...]`, which cannot hold NULLs of an unknown type, and NULLs are the common case here.
 */
function pgArray(values: readonly (string | number | null)[]): string {
  const items = values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`));
  return `{${items.join(',')}}`;
}
