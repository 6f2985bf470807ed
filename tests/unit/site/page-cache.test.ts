import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PageCache, serveCachedPage } from '../../../site/server/page-cache.ts';

const page = (body: string, articleId?: number) => ({ status: 200, headers: { 'content-type': 'text/html' }, body, ...(articleId ? { articleId } : {}) });

function fakeResponse() {
  const sent: { status?: number; body?: string } = {};
  const res = {
    writeHead: (status: number) => (sent.status = status),
    end: (body: string) => (sent.body = body),
  } as unknown as ServerResponse;
  return { res, sent };
}

describe('PageCache', () => {
  it('evicts the least recently used page beyond its size', () => {
    const cache = new PageCache({ maxEntries: 2, ttlMs: 60_000 });
    cache.set('/a', page('a'));
    cache.set('/b', page('b'));
    cache.get('/a');
    cache.set('/c', page('c'));
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')?.body).toBe('a');
    expect(cache.get('/c')?.body).toBe('c');
  });

  it('forgets pages after their time to live', () => {
    const cache = new PageCache({ maxEntries: 10, ttlMs: 1_000 });
    cache.set('/a', page('a'), 0);
    expect(cache.get('/a', 999)?.body).toBe('a');
    expect(cache.get('/a', 1_000)).toBeUndefined();
  });

  it('serves a hit directly and still counts the article view; misses and queries fall through', () => {
    const cache = new PageCache();
    cache.set('/en/billing/refunds', page('<html>refunds</html>', 7));
    const views: number[] = [];
    const hit = fakeResponse();
    expect(serveCachedPage({ method: 'GET', url: '/en/billing/refunds' } as IncomingMessage, hit.res, cache, (id) => views.push(id))).toBe(true);
    expect(hit.sent).toEqual({ status: 200, body: '<html>refunds</html>' });
    expect(views).toEqual([7]);
    expect(serveCachedPage({ method: 'GET', url: '/en/billing/refunds?x=1' } as IncomingMessage, fakeResponse().res, cache, () => {})).toBe(false);
    expect(serveCachedPage({ method: 'POST', url: '/en/billing/refunds' } as IncomingMessage, fakeResponse().res, cache, () => {})).toBe(false);
    expect(serveCachedPage({ method: 'GET', url: '/en/other' } as IncomingMessage, fakeResponse().res, cache, () => {})).toBe(false);
  });

  it('counts a hit as a page view and sends a new visitor their cookie with this response only', () => {
    const cache = new PageCache();
    cache.set('/en/billing', { ...page('<html>billing</html>'), view: { locale: 'en', collectionId: 3 } });
    const heads: Array<Record<string, string>> = [];
    const res = { writeHead: (_status: number, headers: Record<string, string>) => heads.push(headers), end: () => {} } as unknown as ServerResponse;
    const counted: unknown[] = [];
    const request = { method: 'GET', url: '/en/billing' } as IncomingMessage;
    serveCachedPage(request, res, cache, () => {}, (view) => (counted.push(view), 'deflect_visitor=new'));
    serveCachedPage(request, res, cache, () => {}, (view) => void counted.push(view));
    expect(counted).toEqual([{ locale: 'en', collectionId: 3 }, { locale: 'en', collectionId: 3 }]);
    expect(heads.map((h) => h['set-cookie'])).toEqual(['deflect_visitor=new', undefined]);
    expect(cache.get('/en/billing')?.headers['set-cookie']).toBeUndefined();
  });
});
