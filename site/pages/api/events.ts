import type { APIRoute } from 'astro';
import { widgetEventBatchSchema } from '../../../core/metrics/widget-events.ts';
import { apiError, describeIssues } from '../../api/json.ts';
import { rateLimit } from '../../api/rate-limits.ts';
import { BodyTooLargeError, readBodyLimited } from '../../api/read-body.ts';
import { visitorOfRequest } from '../../api/visitor-cookie.ts';

/** Per client address per minute: a page sends a batch every few seconds at most, and one on leaving. */
const BATCHES_PER_MINUTE = 60;
const MAX_BODY_BYTES = 32 * 1024;

/**
 * `POST /api/events {visitorToken?, events: [...]}`: the widget's batched events (JSON, or a JSON string sent
 * with navigator.sendBeacon as text/plain). The visitor is the `deflect_visitor` cookie's, else the widget's
 * signed token (the embed frame, where the cookie may be blocked), else a new one issued as the cookie.
 * 200 `{recorded, rejected: [{index, message}]}` when at least one event was stored; 400 when none could be.
 */
export const POST: APIRoute = async ({ request, locals, cookies, clientAddress }) => {
  const limited = await rateLimit('events', clientAddress, BATCHES_PER_MINUTE);
  if (limited) return limited;
  let body: unknown;
  try {
    body = JSON.parse((await readBodyLimited(request, MAX_BODY_BYTES)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiError(413, 'too_large', `body: ${error.message}`);
    return apiError(400, 'invalid_request', 'body: not valid JSON');
  }
  const parsed = widgetEventBatchSchema.safeParse(body);
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  const visitorId = await visitorOfRequest(locals, cookies, parsed.data.visitorToken);
  const knownLocales = locals.site.locales.map((l) => l.code);
  const result = await locals.core.metrics.recordWidgetEvents({ items: parsed.data.events, visitorId, knownLocales });
  if (result.recorded === 0) return apiError(400, 'invalid_request', result.rejected.map((r) => r.message).join('; '));
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
};
