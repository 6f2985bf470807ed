import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { POST } from '../../../site/pages/api/events.ts';
import { callSiteRoute } from '../../support/site-route.ts';
import { createTestCore } from '../../support/test-core.ts';

interface StoredEvent {
  type: string;
  visitor_id: string | null;
  locale: string;
  article_id: number | null;
  query: string | null;
  result_count: number | null;
  source: string | null;
  conversation_id: number | null;
}

describe('POST /api/events', () => {
  let core: Core;
  let address = 0;
  // A fresh client address per test, so the per-address limit of one test never refuses another's requests.
  const post = (body: unknown, cookies?: Record<string, string>) => callSiteRoute(POST, core, { path: '/api/events', body, cookies, clientAddress: `10.0.0.${++address}` });
  const stored = () => core.sequelize.query<StoredEvent>('SELECT type, visitor_id, locale, article_id, query, result_count, source, conversation_id FROM help_center_events ORDER BY id', { type: QueryTypes.SELECT });

  beforeAll(async () => {
    core = await createTestCore();
  });
  beforeEach(() => core.sequelize.query('TRUNCATE help_center_events'));
  afterAll(() => core.close());

  it('stores a batch of widget events for the visitor of the cookie', async () => {
    const visitor = await core.chat.visitorFromToken(undefined);
    const answer = await post(
      {
        events: [
          { type: 'widget_open', locale: 'en' },
          { type: 'widget_search', locale: 'en', query: '  reset password ', resultCount: 3 },
          { type: 'widget_article_open', locale: 'en', articleId: 7, source: 'search' },
          { type: 'deflection', locale: 'en', articleId: 7, conversationId: 12 },
        ],
      },
      { deflect_visitor: visitor.token },
    );
    expect(answer).toMatchObject({ status: 200, body: { recorded: 4, rejected: [] } });
    expect(await stored()).toEqual([
      { type: 'widget_open', visitor_id: visitor.visitorId, locale: 'en', article_id: null, query: null, result_count: null, source: null, conversation_id: null },
      { type: 'widget_search', visitor_id: visitor.visitorId, locale: 'en', article_id: null, query: 'reset password', result_count: 3, source: null, conversation_id: null },
      { type: 'widget_article_open', visitor_id: visitor.visitorId, locale: 'en', article_id: 7, query: null, result_count: null, source: 'search', conversation_id: null },
      { type: 'deflection', visitor_id: visitor.visitorId, locale: 'en', article_id: 7, query: null, result_count: null, source: null, conversation_id: 12 },
    ]);
  });

  it('names the visitor by the widget token when the cookie is absent (the embed frame), without issuing a cookie', async () => {
    const widgetVisitor = await core.chat.visitorFromToken(undefined);
    const answer = await post({ visitorToken: widgetVisitor.token, events: [{ type: 'widget_open', locale: 'en' }] });
    expect(answer.status).toBe(200);
    expect(answer.cookies.has('deflect_visitor')).toBe(false);
    expect((await stored()).map((e) => e.visitor_id)).toEqual([widgetVisitor.visitorId]);
  });

  it('prefers the cookie over the token, and issues a cookie to a visitor with neither', async () => {
    const cookieVisitor = await core.chat.visitorFromToken(undefined);
    const widgetVisitor = await core.chat.visitorFromToken(undefined);
    await post({ visitorToken: widgetVisitor.token, events: [{ type: 'widget_open', locale: 'en' }] }, { deflect_visitor: cookieVisitor.token });
    const anonymous = await post({ events: [{ type: 'widget_open', locale: 'en' }] });
    const issued = await core.chat.visitorFromToken(anonymous.cookies.get('deflect_visitor'));
    expect(issued.issued).toBe(false);
    expect((await stored()).map((e) => e.visitor_id)).toEqual([cookieVisitor.visitorId, issued.visitorId]);
  });

  it('does not believe a forged token: the events go to a new visitor', async () => {
    const answer = await post({ visitorToken: `${randomUUID()}.forged`, events: [{ type: 'widget_open', locale: 'en' }] });
    const issued = await core.chat.visitorFromToken(answer.cookies.get('deflect_visitor'));
    expect((await stored()).map((e) => e.visitor_id)).toEqual([issued.visitorId]);
  });

  it('accepts a beacon (a JSON string sent as text/plain)', async () => {
    const answer = await post(JSON.stringify({ events: [{ type: 'widget_open', locale: 'ru' }] }));
    expect(answer.status).toBe(200);
    expect((await stored()).map((e) => e.locale)).toEqual(['ru']);
  });

  it('stores the valid events of a batch and says which were refused and why', async () => {
    const answer = await post({
      events: [
        { type: 'widget_open', locale: 'en' },
        { type: 'page_view', locale: 'en' },
        { type: 'widget_article_open', locale: 'en', articleId: 3, source: 'nowhere' },
        { type: 'widget_open', locale: 'xx' },
        { type: 'widget_search', locale: 'en', query: '   ', resultCount: 0 },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      recorded: 1,
      rejected: [
        { index: 1, message: expect.stringMatching(/^events\.1\.type: must be one of widget_open/) },
        { index: 2, message: expect.stringMatching(/^events\.2\.source: /) },
        { index: 3, message: 'events.3.locale: unknown locale' },
        { index: 4, message: 'events.4.query: must not be empty' },
      ],
    });
    expect((await stored()).map((e) => e.type)).toEqual(['widget_open']);
  });

  it('refuses a body with nothing to store, with a clear error, and stores nothing', async () => {
    expect(await post('not json')).toMatchObject({ status: 400, body: { error: { code: 'invalid_request', message: 'body: not valid JSON' } } });
    expect(await post({ events: [] })).toMatchObject({ status: 400, body: { error: { message: 'events: must hold at least one event' } } });
    expect(await post({ events: Array.from({ length: 51 }, () => ({ type: 'widget_open', locale: 'en' })) })).toMatchObject({ status: 400, body: { error: { message: 'events: at most 50 events per request' } } });
    expect(await post({ events: [{ type: 'widget_open', locale: 'xx' }] })).toMatchObject({ status: 400, body: { error: { message: 'events.0.locale: unknown locale' } } });
    expect(await stored()).toEqual([]);
  });

  it('records server-side events in one statement, keeping NULLs and quotes intact', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(await core.metrics.recordEvents([
      { type: 'page_view', locale: 'en', articleId: 1, collectionId: 2, occurredAt: at },
      { type: 'widget_search', locale: 'en', query: 'say "hi" \\ {x,y}', resultCount: 0 },
    ])).toBe(2);
    const [first, second] = await stored();
    expect(first).toMatchObject({ type: 'page_view', visitor_id: null, article_id: 1 });
    expect(second).toMatchObject({ query: 'say "hi" \\ {x,y}', result_count: 0, article_id: null });
  });
});
