import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

interface ViewRow {
  visitor_id: string;
  locale: string;
  article_id: number | null;
  collection_id: number | null;
}

describe('page views of the help center', () => {
  let server: ServerProcess;
  let db: pg.Client;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { 'user-agent': BROWSER, ...headers }, redirect: 'manual' });
  const visitorCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('deflect_visitor='))?.split(';')[0];
  const views = async () => (await db.query<ViewRow>("SELECT visitor_id, locale, article_id, collection_id FROM help_center_events WHERE type = 'page_view' ORDER BY id")).rows;

  beforeAll(async () => {
    server = await startServerProcess();
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('counts rendered and cached pages for one visitor, issuing the cookie once, and skips crawlers, admin and API', async () => {
    const { rows: [article] } = await db.query<{ id: number; collection_id: number }>("SELECT id, collection_id FROM articles WHERE slug = 'reset-password' AND locale = 'en'");
    const first = await get('/en/account/reset-password');
    expect(first.status).toBe(200);
    const cookie = visitorCookie(first);
    expect(cookie).toMatch(/^deflect_visitor=[0-9a-f-]{36}\./);
    // The second request is answered from the page cache: it counts too, and hands nobody the first visitor's cookie.
    const cached = await get('/en/account/reset-password', { cookie: cookie! });
    expect(visitorCookie(cached)).toBeUndefined();
    const stranger = await get('/en/account/reset-password');
    expect(visitorCookie(stranger)).not.toBe(cookie);
    await get('/ru', { cookie: cookie! });
    await get('/en/account/reset-password', { 'user-agent': CRAWLER });
    expect(visitorCookie(await get('/en', { 'user-agent': CRAWLER }))).toBeUndefined();
    await get('/admin', { cookie: cookie! });
    await get('/api/search?q=reset&locale=en', { cookie: cookie! });

    const visitorId = cookie!.split('=')[1]!.split('.')[0];
    await expect.poll(async () => (await views()).length, { timeout: 10_000, interval: 500 }).toBe(4);
    const rows = await views();
    expect(rows.filter((r) => r.visitor_id === visitorId)).toEqual([
      { visitor_id: visitorId, locale: 'en', article_id: article!.id, collection_id: article!.collection_id },
      { visitor_id: visitorId, locale: 'en', article_id: article!.id, collection_id: article!.collection_id },
      { visitor_id: visitorId, locale: 'ru', article_id: null, collection_id: null },
    ]);
    expect(rows.filter((r) => r.visitor_id !== visitorId)).toHaveLength(1);
  });

  it('joins the search log to the visitor of the cookie', async () => {
    const page = await get('/en');
    const cookie = visitorCookie(page)!;
    const entry = { sessionId: '2f0c2b7e-5f0e-4a3b-8d4e-6b1f0c9a7e11', locale: 'en', query: 'export to pdf', resultCount: 0 };
    const logged = await fetch(`${server.url}/api/search/log`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(entry) });
    expect(logged.status).toBe(204);
    const { rows } = await db.query('SELECT visitor_id FROM search_queries WHERE session_id = $1', [entry.sessionId]);
    expect(rows).toEqual([{ visitor_id: cookie.split('=')[1]!.split('.')[0] }]);
  });
});
