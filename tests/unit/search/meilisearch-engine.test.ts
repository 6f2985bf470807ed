import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchUnavailableError, type SearchDocument } from '../../../search/engine.ts';
import { MeilisearchEngine } from '../../../search/meilisearch/index.ts';
import { defaultSearchSettings } from '../../../search/settings.ts';
import { MARK_END, MARK_START } from '../../../search/text/highlight.ts';
import { FakeMeilisearch, meiliError } from '../../support/fake-meilisearch.ts';

let fake: FakeMeilisearch;
const logger = { info: vi.fn(), warn: vi.fn() };

beforeEach(async () => {
  fake = await FakeMeilisearch.start();
  logger.info.mockClear();
  logger.warn.mockClear();
});
afterEach(async () => {
  await fake.close();
});

function engine(options: { url?: string; batchSize?: number } = {}): MeilisearchEngine {
  return new MeilisearchEngine({ url: options.url ?? fake.url, apiKey: 'test-key', logger, batchSize: options.batchSize });
}

function article(id: number, overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    locale: 'ru',
    collectionSlug: 'account',
    collectionTitle: 'Аккаунт',
    title: `Статья ${id}`,
    headings: ['Настройка уведомлений'],
    tags: ['уведомления'],
    description: 'Как настроить уведомления',
    body: 'Откройте настройки уведомлений и выберите каналы.',
    url: `/ru/account/article-${id}`,
    ...overrides,
  };
}

/** A port with nothing listening: bind a server to a free port, then close it. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const settingsBody = (uid: string): Record<string, unknown> => {
  const requests = fake.requestsTo('PATCH', `/indexes/${uid}/settings`);
  expect(requests).toHaveLength(1);
  return requests[0]!.body as Record<string, unknown>;
};

describe('MeilisearchEngine.configure', () => {
  it('sends the complete settings to one index per locale', async () => {
    await engine().configure(defaultSearchSettings);

    expect(fake.requestsTo('PATCH', /\/settings$/).map((r) => r.path)).toEqual([
      '/indexes/deflect_articles_en/settings',
      '/indexes/deflect_articles_ru/settings',
    ]);
    const ru = settingsBody('deflect_articles_ru');
    expect(Object.keys(ru).sort()).toEqual(
      ['displayedAttributes', 'filterableAttributes', 'localizedAttributes', 'pagination', 'searchableAttributes', 'stopWords', 'synonyms', 'typoTolerance'],
    );
    expect(ru['searchableAttributes']).toEqual(['title', 'headings', 'tags', 'description', 'body', 'stems']);
    expect(ru['filterableAttributes']).toEqual(['collectionSlug', 'locale']);
    expect(ru['displayedAttributes']).toEqual(['id', 'locale', 'collectionSlug', 'collectionTitle', 'title', 'description', 'body', 'url']);
    expect(ru['stopWords']).toEqual(defaultSearchSettings.stopWords['ru']);
    expect(ru['typoTolerance']).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(ru['localizedAttributes']).toEqual([{ attributePatterns: ['*'], locales: ['rus'] }]);
    expect(ru['pagination']).toEqual({ maxTotalHits: 1000 });

    const en = settingsBody('deflect_articles_en');
    expect(en['localizedAttributes']).toEqual([{ attributePatterns: ['*'], locales: ['eng'] }]);
    expect(en['stopWords']).toEqual(defaultSearchSettings.stopWords['en']);
  });

  it('expands every synonym group both ways: each word maps to all the others', async () => {
    await engine().configure(defaultSearchSettings);

    const en = settingsBody('deflect_articles_en')['synonyms'] as Record<string, string[]>;
    expect(en['invoice']).toEqual(['bill', 'receipt']);
    expect(en['receipt']).toEqual(['invoice', 'bill']);
    expect(en['sign in']).toEqual(['log in', 'login', 'signin']);
    const ru = settingsBody('deflect_articles_ru')['synonyms'] as Record<string, string[]>;
    expect(ru['квитанция']).toEqual(['счет', 'инвойс', 'чек']);
    for (const [locale, synonyms] of [['en', en], ['ru', ru]] as const) {
      const groups = defaultSearchSettings.synonyms[locale]!;
      expect(Object.keys(synonyms).length).toBe(new Set(groups.flat()).size);
      for (const group of groups) {
        for (const word of group) expect(new Set(synonyms[word])).toEqual(new Set(group.filter((other) => other !== word)));
      }
    }
  });

  it('also configures locales already indexed on the server, ignores other indexes, and is idempotent', async () => {
    fake.addIndex('deflect_articles_de');
    fake.addIndex('deflect_articles_de_tmp');
    fake.addIndex('other_articles_fr');
    const search = engine();
    await search.configure(defaultSearchSettings);
    await search.configure(defaultSearchSettings);

    const patches = fake.requestsTo('PATCH', /\/settings$/);
    expect(patches.map((r) => r.path)).toEqual([
      '/indexes/deflect_articles_en/settings',
      '/indexes/deflect_articles_ru/settings',
      '/indexes/deflect_articles_de/settings',
      '/indexes/deflect_articles_en/settings',
      '/indexes/deflect_articles_ru/settings',
      '/indexes/deflect_articles_de/settings',
    ]);
    expect(patches[3]!.body).toEqual(patches[0]!.body);
    const de = patches[2]!.body as Record<string, unknown>;
    expect(de['localizedAttributes']).toEqual([{ attributePatterns: ['*'], locales: ['deu'] }]);
    expect(de['synonyms']).toEqual({});
    // Every settings task was awaited.
    expect(fake.requestsTo('GET', /^\/tasks\/\d+$/)).toHaveLength(6);
  });

  it("rejects with the task's error message when Meilisearch fails the settings task", async () => {
    fake.failTask = ({ type, indexUid }) =>
      type === 'settingsUpdate' && indexUid === 'deflect_articles_ru' ? meiliError('invalid_settings_stop_words', 'Invalid value at `.stopWords`') : undefined;
    await expect(engine().configure(defaultSearchSettings)).rejects.toThrow(/failed: Invalid value at `\.stopWords`/);
  });
});

describe('MeilisearchEngine.upsert / remove', () => {
  it('sends 1,234 documents of one locale as exactly 3 batches of at most 500, with stems', async () => {
    const documents = Array.from({ length: 1234 }, (_, i) => article(i + 1));
    await engine().upsert(documents);

    const batches = fake.requestsTo('POST', '/indexes/deflect_articles_ru/documents');
    expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([500, 500, 234]);
    expect(batches.every((r) => r.query['primaryKey'] === 'id')).toBe(true);
    const sent = batches.flatMap((r) => r.body as Array<Record<string, unknown>>);
    expect(sent.map((d) => d['id'])).toEqual(documents.map((d) => d.id));
    expect(Object.keys(sent[0]!).sort()).toEqual(
      ['body', 'collectionSlug', 'collectionTitle', 'description', 'headings', 'id', 'locale', 'stems', 'tags', 'title', 'url'],
    );
    for (const document of sent) expect((document['stems'] as string).split(' ')).toContain('уведомлен');
    expect(sent[0]!['stems']).toBe('стат 1 настройк уведомлен уведомлен как настро уведомлен откройт настройк уведомлен и выбер канал');

    // The new locale's index was configured before its documents arrived, and every task was awaited.
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf('PATCH /indexes/deflect_articles_ru/settings')).toBeLessThan(paths.indexOf('POST /indexes/deflect_articles_ru/documents'));
    expect(fake.requestsTo('GET', /^\/tasks\/\d+$/)).toHaveLength(4);
    expect(fake.indexes.get('deflect_articles_ru')!.size).toBe(1234);
  });

  it('groups documents by locale into their own index', async () => {
    await engine().upsert([article(1), article(2, { locale: 'en', title: 'Notifications' }), article(3)]);
    expect([...fake.indexes.get('deflect_articles_ru')!.keys()]).toEqual(['1', '3']);
    expect([...fake.indexes.get('deflect_articles_en')!.keys()]).toEqual(['2']);
    expect(fake.requestsTo('POST', /\/documents$/)).toHaveLength(2);
  });

  it("rejects with the task's error message when a document batch fails", async () => {
    fake.failTask = ({ type }) =>
      type === 'documentAdditionOrUpdate' ? meiliError('invalid_document_id', 'Document identifier `"a b"` is invalid.') : undefined;
    await expect(engine().upsert([article(1)])).rejects.toThrow('Document identifier `"a b"` is invalid.');
  });

  it('removes ids in batches from every existing locale index of this installation', async () => {
    fake.addIndex('deflect_articles_en', [{ id: 1 }, { id: 2 }]);
    fake.addIndex('deflect_articles_ru', [{ id: 3 }]);
    fake.addIndex('deflect_articles_ru_tmp', [{ id: 3 }]);
    await engine({ batchSize: 2 }).remove([1, 3, 99]);

    expect(fake.requestsTo('POST', /delete-batch$/).map((r) => [r.path, r.body])).toEqual([
      ['/indexes/deflect_articles_en/documents/delete-batch', [1, 3]],
      ['/indexes/deflect_articles_en/documents/delete-batch', [99]],
      ['/indexes/deflect_articles_ru/documents/delete-batch', [1, 3]],
      ['/indexes/deflect_articles_ru/documents/delete-batch', [99]],
    ]);
    expect([...fake.indexes.get('deflect_articles_en')!.keys()]).toEqual(['2']);
    expect(fake.indexes.get('deflect_articles_ru')!.size).toBe(0);
    expect(fake.indexes.get('deflect_articles_ru_tmp')!.size).toBe(1);
  });
});

describe('MeilisearchEngine.search', () => {
  const query = { q: 'настроить уведомления', locale: 'ru', limit: 10, offset: 20 };

  it('sends the stemmed words, the escaped collection filter and the highlight/crop options', async () => {
    fake.addIndex('deflect_articles_ru');
    await engine().search({ ...query, collection: 'billing "vip" \\ plans' });

    const [request] = fake.requestsTo('POST', '/indexes/deflect_articles_ru/search');
    expect(request!.body).toEqual({
      q: 'настроить уведомления настро уведомлен',
      limit: 10,
      offset: 20,
      filter: 'collectionSlug = "billing \\"vip\\" \\\\ plans"',
      locales: ['rus'],
      attributesToHighlight: ['title', 'body', 'description'],
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
      attributesToCrop: ['body'],
      cropLength: 30,
      cropMarker: '…',
      showRankingScore: true,
    });
  });

  it('keeps the word being typed last (prefix search) and sends no filter without a collection', async () => {
    fake.addIndex('deflect_articles_en');
    await engine().search({ q: 'Configure notif', locale: 'en', limit: 5, offset: 0 });
    const body = fake.requestsTo('POST', '/indexes/deflect_articles_en/search')[0]!.body as Record<string, unknown>;
    expect(body['q']).toBe('Configure notif configur notif');
    expect(body).not.toHaveProperty('filter');
    expect(body['locales']).toEqual(['eng']);
  });

  it('maps _formatted into escaped HTML whose only tags are <mark> (XSS payloads in document and query)', async () => {
    fake.addIndex('deflect_articles_en');
    const payload = '<img src=x onerror=alert(1)>';
    fake.searchHits = [
      {
        id: 7,
        url: '/en/security/xss',
        collectionSlug: 'security',
        collectionTitle: 'Security & "privacy"',
        title: `Why ${payload} is blocked`,
        description: 'About <script>alert(1)</script>',
        body: `Never paste <script>alert(1)</script> or ${payload} anywhere.`,
        _formatted: {
          title: `Why ${MARK_START}${payload}${MARK_END} is blocked`,
          description: 'About <script>alert(1)</script>',
          body: `…paste <script>alert(1)</script> or ${MARK_START}<img${MARK_END} src=x onerror=alert(1)> anywhere.`,
        },
        _rankingScore: 0.93,
      },
      {
        id: 8,
        url: '/en/security/desc',
        collectionSlug: 'security',
        collectionTitle: 'Security',
        title: 'Onerror handlers',
        description: `The ${payload} trick`,
        body: 'Unrelated <b>body</b> text.',
        _formatted: { title: 'Onerror handlers', description: `The ${MARK_START}<img${MARK_END} src=x onerror=alert(1)> trick`, body: 'Unrelated <b>body</b> text.' },
        _rankingScore: 0.5,
      },
    ];
    fake.estimatedTotalHits = 42;

    const result = await engine().search({ q: payload, locale: 'en', limit: 10, offset: 0 });

    expect(result.total).toBe(42);
    expect(result.hits.map((h) => [h.id, h.score])).toEqual([[7, 0.93], [8, 0.5]]);
    const [first, second] = result.hits;
    expect(first).toMatchObject({ url: '/en/security/xss', collectionSlug: 'security', collectionTitle: 'Security & "privacy"' });
    expect(first!.titleHtml).toBe('Why <mark>&lt;img src=x onerror=alert(1)&gt;</mark> is blocked');
    expect(first!.snippetHtml).toBe('…paste &lt;script&gt;alert(1)&lt;/script&gt; or <mark>&lt;img</mark> src=x onerror=alert(1)&gt; anywhere.');
    // The body of the second hit has no match: its snippet is the (highlighted) description.
    expect(second!.snippetHtml).toBe('The <mark>&lt;img</mark> src=x onerror=alert(1)&gt; trick');
    for (const hit of result.hits) {
      for (const html of [hit.titleHtml, hit.snippetHtml]) {
        expect(html.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>]/);
      }
    }
  });

  it('answers no hits for a locale without an index, and for a query without words (no request)', async () => {
    const search = engine();
    expect(await search.search({ q: 'anything', locale: 'de', limit: 10, offset: 0 })).toEqual({ hits: [], total: 0 });
    expect(await search.search({ q: '  ?! ', locale: 'en', limit: 10, offset: 0 })).toEqual({ hits: [], total: 0 });
    expect(fake.requestsTo('POST', /\/search$/)).toHaveLength(1);
  });

  it("surfaces API errors with Meilisearch's message, without retrying", async () => {
    fake.override = (request) =>
      request.path.endsWith('/search')
        ? { status: 400, body: meiliError('invalid_search_filter', 'Attribute `collectionSlug` is not filterable.') }
        : undefined;
    await expect(engine().search({ ...query, collection: 'x' })).rejects.toThrow('Attribute `collectionSlug` is not filterable.');
    expect(fake.requestsTo('POST', /\/search$/)).toHaveLength(1);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('MeilisearchEngine when the server is unreachable', () => {
  it('retries connection errors with backoff (200 ms, 400 ms), then throws SearchUnavailableError', async () => {
    const search = engine({ url: await closedPortUrl() });
    const started = performance.now();
    await expect(search.search({ q: 'invoice', locale: 'en', limit: 10, offset: 0 })).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(logger.warn.mock.calls.map(([details]) => [(details as { attempt: number }).attempt, (details as { delayMs: number }).delayMs])).toEqual([
      [1, 200],
      [2, 400],
    ]);
    await expect(search.upsert([article(1)])).rejects.toThrow(SearchUnavailableError);
  });

  it('isHealthy() is false on a closed port and true on a live server', async () => {
    await expect(engine({ url: await closedPortUrl() }).isHealthy()).resolves.toBe(false);
    await expect(engine().isHealthy()).resolves.toBe(true);
    expect(fake.requestsTo('GET', '/health')).toHaveLength(1);
  });

  it('recovers when the connection comes back before the retries run out', async () => {
    fake.addIndex('deflect_articles_en');
    fake.dropConnections = 2;
    await expect(engine().search({ q: 'invoice', locale: 'en', limit: 10, offset: 0 })).resolves.toEqual({ hits: [], total: 0 });
    expect(fake.requestsTo('POST', /\/search$/).map((r) => r.dropped)).toEqual([true, true, false]);
  });
});

describe('MeilisearchEngine.replaceAll', () => {
  it('fills temporary indexes, swaps them with the live ones in one task, then deletes them', async () => {
    fake.addIndex('deflect_articles_en', [{ id: 100, title: 'old' }]);
    fake.addIndex('deflect_articles_en_tmp', [{ id: 666, title: 'leftover of a crashed rebuild' }]);
    fake.addIndex('deflect_articles_fr', [{ id: 200, title: 'locale without articles anymore' }]);
    const search = engine();
    await search.configure(defaultSearchSettings);
    fake.requests.length = 0;
    let liveDuringRebuild: string[] = [];
    fake.override = (request) => {
      if (request.path === '/swap-indexes') liveDuringRebuild = [...fake.indexes.get('deflect_articles_en')!.keys()];
      return undefined;
    };

    await search.replaceAll([article(1, { locale: 'en', title: 'New' }), article(2), article(3), article(4, { locale: 'de' })]);

    const writes = fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      'DELETE /indexes/deflect_articles_en_tmp',
      'PATCH /indexes/deflect_articles_en_tmp/settings',
      'PATCH /indexes/deflect_articles_ru_tmp/settings',
      'PATCH /indexes/deflect_articles_de_tmp/settings',
      'PATCH /indexes/deflect_articles_fr_tmp/settings',
      // de has no live index yet: a swap needs one, so it is created (configured, empty).
      'PATCH /indexes/deflect_articles_de/settings',
      'POST /indexes/deflect_articles_en_tmp/documents',
      'POST /indexes/deflect_articles_ru_tmp/documents',
      'POST /indexes/deflect_articles_de_tmp/documents',
      'POST /swap-indexes',
      'DELETE /indexes/deflect_articles_en_tmp',
      'DELETE /indexes/deflect_articles_ru_tmp',
      'DELETE /indexes/deflect_articles_de_tmp',
      'DELETE /indexes/deflect_articles_fr_tmp',
    ]);
    // Until the swap, searches were still answered from the previous content.
    expect(liveDuringRebuild).toEqual(['100']);
    expect(fake.requestsTo('POST', '/swap-indexes')[0]!.body).toEqual([
      { indexes: ['deflect_articles_en', 'deflect_articles_en_tmp'], rename: false },
      { indexes: ['deflect_articles_ru', 'deflect_articles_ru_tmp'], rename: false },
      { indexes: ['deflect_articles_de', 'deflect_articles_de_tmp'], rename: false },
      { indexes: ['deflect_articles_fr', 'deflect_articles_fr_tmp'], rename: false },
    ]);
    expect([...fake.indexes.keys()].sort()).toEqual(['deflect_articles_de', 'deflect_articles_en', 'deflect_articles_fr', 'deflect_articles_ru']);
    expect([...fake.indexes.get('deflect_articles_en')!.keys()]).toEqual(['1']);
    expect([...fake.indexes.get('deflect_articles_ru')!.keys()]).toEqual(['2', '3']);
    expect([...fake.indexes.get('deflect_articles_de')!.keys()]).toEqual(['4']);
    expect(fake.indexes.get('deflect_articles_fr')!.size).toBe(0);
    // Every task was awaited before the next step.
    expect(fake.requestsTo('GET', /^\/tasks\/\d+$/)).toHaveLength(14);
    expect(settingsBody('deflect_articles_de_tmp')).toEqual(settingsBody('deflect_articles_de'));
    expect((settingsBody('deflect_articles_ru_tmp')['synonyms'] as Record<string, string[]>)['чек']).toEqual(['счет', 'инвойс', 'квитанция']);
  });

  it('leaves the live index untouched (no swap) when filling the temporary one fails', async () => {
    fake.addIndex('deflect_articles_en', [{ id: 100, title: 'old' }]);
    fake.failTask = ({ type }) => (type === 'documentAdditionOrUpdate' ? meiliError('internal', 'disk full', 'internal') : undefined);
    await expect(engine().replaceAll([article(1, { locale: 'en' })])).rejects.toThrow('disk full');
    expect(fake.requestsTo('POST', '/swap-indexes')).toHaveLength(0);
    expect([...fake.indexes.get('deflect_articles_en')!.keys()]).toEqual(['100']);
  });
});
