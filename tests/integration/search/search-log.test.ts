import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { Article, SearchQuery } from '../../../core/models/index.ts';
import { contentGaps } from '../../../search/content-gaps.ts';
import searchLogRecorder from '../../../search/search-log.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('the failed-search log', () => {
  let core: Core;
  let articleId: number;
  const record = (sessionId: string, query: string, resultCount: number, click?: { clickedArticleId: number; position: number }) =>
    searchLogRecorder(core.sequelize, { sessionId, locale: 'en', query, resultCount, ...click });

  beforeAll(async () => {
    core = await createTestCore({ ARTICLES_DIR: path.resolve('articles') });
    await core.importArticles();
    articleId = (await Article.findOne({ where: { slug: 'reset-password', locale: 'en' }, rejectOnEmpty: true })).id;
  });
  beforeEach(() => SearchQuery.destroy({ where: {} }));
  afterAll(() => core.close());

  it('counts a query refined within one session once, as the final query', async () => {
    const session = randomUUID();
    await record(session, 'pasword', 0);
    await record(session, 'Password  reset', 4);
    const rows = await SearchQuery.findAll();
    expect(rows.map((r) => [r.query, r.resultCount])).toEqual([['password reset', 4]]);
  });

  it('attaches a click to the search it came from instead of adding a row', async () => {
    const session = randomUUID();
    await record(session, 'password reset', 4);
    await record(session, 'password reset', 4, { clickedArticleId: articleId, position: 1 });
    await record(session, 'password reset', 4);
    const rows = await SearchQuery.findAll();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clickedArticleId: articleId, clickedPosition: 1 });
  });

  it('starts a new episode after a click, and keeps sessions apart', async () => {
    const session = randomUUID();
    await record(session, 'password reset', 4, { clickedArticleId: articleId, position: 2 });
    await record(session, 'invoices', 3);
    await record(randomUUID(), 'invoices', 3);
    expect(await SearchQuery.count()).toBe(3);
  });

  it('drops a click on an article that does not exist, keeping the search', async () => {
    await record(randomUUID(), 'refund', 2, { clickedArticleId: 999_999, position: 1 });
    expect(await SearchQuery.findAll()).toMatchObject([{ query: 'refund', clickedArticleId: null }]);
  });

  it('lists content gaps: failed and no-click queries with visitors, dates and trend', async () => {
    const now = Date.now();
    const day = 86_400_000;
    const rows = [
      { query: 'sso saml', resultCount: 0, ago: 1 },
      { query: 'sso saml', resultCount: 0, ago: 2 },
      { query: 'sso saml', resultCount: 0, ago: 3 },
      { query: 'sso saml', resultCount: 0, ago: 9 }, // previous period
      { query: 'export csv', resultCount: 5, ago: 1 }, // results, no click
      { query: 'password reset', resultCount: 4, ago: 1, clicked: true }, // answered: not a gap
      { query: 'export csv', resultCount: 0, ago: 20 }, // outside both periods
    ];
    for (const row of rows) {
      const at = new Date(now - row.ago * day);
      await SearchQuery.create({ sessionId: randomUUID(), locale: 'en', query: row.query, resultCount: row.resultCount, clickedArticleId: row.clicked ? articleId : null, clickedPosition: row.clicked ? 1 : null, createdAt: at, updatedAt: at });
    }
    await SearchQuery.create({ sessionId: randomUUID(), locale: 'ru', query: 'sso saml', resultCount: 0, clickedArticleId: null, clickedPosition: null });

    const gaps = await contentGaps(core.sequelize, { locale: 'en', from: new Date(now - 7 * day), to: new Date(now + 1000) });
    expect(gaps.map(({ query, searches, failed, noClick, uniqueVisitors, trend }) => ({ query, searches, failed, noClick, uniqueVisitors, trend }))).toEqual([
      { query: 'sso saml', searches: 3, failed: 3, noClick: 0, uniqueVisitors: 3, trend: 2 },
      { query: 'export csv', searches: 1, failed: 0, noClick: 1, uniqueVisitors: 1, trend: 1 },
    ]);
    expect(new Date(gaps[0]!.firstSeen).getTime()).toBeCloseTo(now - 3 * day, -3);
  });
});
