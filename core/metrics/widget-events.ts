import { z } from 'zod';
import { issueLines } from '../validation.ts';
import { ARTICLE_OPEN_SOURCES, type HelpCenterEvent } from './events.ts';

/** A beacon carries what a page gathered in a few seconds; more than this in one request is not a widget. */
export const MAX_EVENTS_PER_BATCH = 50;

const locale = z.string().regex(/^[a-z]{2}$/, 'must be a locale code such as en');
const articleId = z.number().int().positive();
const conversationId = z.number().int().positive().optional();

/** The events the widget may report; `page_view` is recorded by the server only, so a script can't inflate visits. */
const widgetEventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('widget_open'), locale }),
    z.object({ type: z.literal('widget_search'), locale, query: z.string().trim().min(1, 'must not be empty').max(200, 'too long (at most 200 characters)'), resultCount: z.number().int().min(0).max(100_000) }),
    z.object({ type: z.literal('widget_article_open'), locale, articleId, source: z.enum(ARTICLE_OPEN_SOURCES), conversationId }),
    z.object({ type: z.literal('deflection'), locale, articleId, conversationId }),
  ],
  { error: 'must be one of widget_open, widget_search, widget_article_open, deflection' },
);

/** `POST /api/events`: a batch, and the widget's visitor token for frames where the visitor cookie is blocked. */
export const widgetEventBatchSchema = z.object({
  visitorToken: z.string().max(200).optional(),
  events: z.array(z.unknown()).min(1, 'must hold at least one event').max(MAX_EVENTS_PER_BATCH, `at most ${MAX_EVENTS_PER_BATCH} events per request`),
});
export type WidgetEventBatch = z.infer<typeof widgetEventBatchSchema>;

export interface RejectedEvent {
  index: number;
  message: string;
}

/**
 * Splits a batch into the events to store and the ones refused, with why ("events.2.locale: unknown locale"):
 * one malformed event (an old widget, a typo in a new call) must not lose the others sent with it.
 */
export function parseWidgetEvents(items: readonly unknown[], knownLocales: readonly string[], visitorId: string | null): { accepted: HelpCenterEvent[]; rejected: RejectedEvent[] } {
  const accepted: HelpCenterEvent[] = [];
  const rejected: RejectedEvent[] = [];
  items.forEach((item, index) => {
    const parsed = widgetEventSchema.safeParse(item);
    if (!parsed.success) return rejected.push({ index, message: issueLines(parsed.error, 'event').map((line) => `events.${index}.${line}`).join('; ') });
    if (!knownLocales.includes(parsed.data.locale)) return rejected.push({ index, message: `events.${index}.locale: unknown locale` });
    accepted.push({ ...parsed.data, visitorId });
  });
  return { accepted, rejected };
}
