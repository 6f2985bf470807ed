import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { metricsFixtures } from '../../support/metrics-fixtures.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('the help-center report', () => {
  let core: Core;
  let data: ReturnType<typeof metricsFixtures>;
  let articles: { refunds: number; invoices: number; ruArticle: number };

  beforeAll(async () => {
    core = await createTestCore();
    data = metricsFixtures(core);
    const teams = teamFixtures(core);
    const en = await teams.collection();
    const ru = await teams.collection(undefined, 'ru');
    articles = { refunds: (await teams.article(en, null)).id, invoices: (await teams.article(en, null)).id, ruArticle: (await teams.article(ru, null)).id };
  });
  afterAll(() => core.close());

  const march = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

  it('counts visits as distinct visitors, and article views, inside [from, to) only', async () => {
    const [ann, bob] = [await data.visitor(), await data.visitor()];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: ann, occurredAt: new Date('2026-03-01T00:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: ann, articleId: articles.refunds, occurredAt: new Date('2026-03-05T10:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: ann, articleId: articles.refunds, occurredAt: new Date('2026-03-06T10:00:00Z') },
      { type: 'page_view', locale: 'ru', visitorId: bob, articleId: articles.ruArticle, occurredAt: new Date('2026-03-31T23:59:59Z') },
      // Outside: the end is exclusive, and February is another period.
      { type: 'page_view', locale: 'en', visitorId: await data.visitor(), occurredAt: new Date('2026-04-01T00:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: await data.visitor(), occurredAt: new Date('2026-02-28T23:59:59Z') },
      // Not a page view.
      { type: 'widget_open', locale: 'en', visitorId: await data.visitor(), occurredAt: new Date('2026-03-05T10:00:00Z') },
    ]);
    expect(await core.metrics.helpCenter(march)).toMatchObject({ visits: 2, articleViews: 3 });
    expect(await core.metrics.helpCenter({ ...march, locale: 'ru' })).toMatchObject({ visits: 1, articleViews: 1 });
  });

  it('counts searches from the search box and the widget, failed ones, and no-click ones', async () => {
    const may = { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') };
    await data.search({ at: '2026-05-02T10:00:00Z', query: 'refund', resultCount: 3, clickedArticleId: articles.refunds });
    await data.search({ at: '2026-05-02T11:00:00Z', query: 'invoice', resultCount: 2 });
    await data.search({ at: '2026-05-02T12:00:00Z', query: 'sso saml', resultCount: 0 });
    await data.search({ at: '2026-05-02T12:00:00Z', query: 'счёт', resultCount: 0, locale: 'ru' });
    await data.events([
      { type: 'widget_search', locale: 'en', query: 'api key', resultCount: 0, occurredAt: new Date('2026-05-03T10:00:00Z') },
      { type: 'widget_search', locale: 'en', query: 'refund', resultCount: 4, occurredAt: new Date('2026-05-03T10:00:00Z') },
    ]);
    expect(await core.metrics.helpCenter(may)).toMatchObject({ searches: 6, failedSearches: 3, noClickSearches: 1 });
    expect(await core.metrics.helpCenter({ ...may, locale: 'en' })).toMatchObject({ searches: 5, failedSearches: 2, noClickSearches: 1 });
  });

  it('counts reactions per article and per day, days taken in the asked time zone', async () => {
    const july = { from: new Date('2026-07-01T00:00:00Z'), to: new Date('2026-08-01T00:00:00Z') };
    await data.reaction(articles.refunds, -1, '2026-07-10T22:30:00Z'); // 11 July in Moscow (UTC+3)
    await data.reaction(articles.refunds, -1, '2026-07-10T12:00:00Z');
    await data.reaction(articles.refunds, 1, '2026-07-11T09:00:00Z');
    await data.reaction(articles.invoices, 0, '2026-07-11T09:00:00Z');
    const report = await core.metrics.helpCenter(july);
    expect(report.reactionsByArticle).toEqual([
      { articleId: articles.refunds, title: expect.any(String), sad: 2, neutral: 0, happy: 1 },
      { articleId: articles.invoices, title: expect.any(String), sad: 0, neutral: 1, happy: 0 },
    ]);
    expect(report.reactionsByDay).toEqual([
      { day: '2026-07-10', sad: 2, neutral: 0, happy: 0 },
      { day: '2026-07-11', sad: 0, neutral: 1, happy: 1 },
    ]);
    expect((await core.metrics.helpCenter({ ...july, timeZone: 'Europe/Moscow' })).reactionsByDay).toEqual([
      { day: '2026-07-10', sad: 1, neutral: 0, happy: 0 },
      { day: '2026-07-11', sad: 1, neutral: 1, happy: 1 },
    ]);
  });

  it('serializes as tables of columns and rows', async () => {
    const tables = core.metrics.tables.helpCenter(await core.metrics.helpCenter(march));
    expect(tables.totals).toEqual({ columns: ['metric', 'value'], rows: [['visits', 2], ['articleViews', 3], ['searches', 0], ['failedSearches', 0], ['noClickSearches', 0]] });
    expect(tables.reactionsByDay.columns).toEqual(['day', 'sad', 'neutral', 'happy']);
  });

  it('refuses a period or filter it cannot answer, saying why', async () => {
    await expect(core.metrics.helpCenter({ from: march.to, to: march.from })).rejects.toThrow('to: must be after from');
    await expect(core.metrics.helpCenter({ from: new Date('2024-01-01'), to: new Date('2026-01-01') })).rejects.toThrow('to: the period is longer than 400 days');
    await expect(core.metrics.helpCenter({ ...march, timeZone: 'Mars/Olympus' })).rejects.toThrow('timeZone: not an IANA time zone such as Europe/Berlin');
    await expect(core.metrics.helpCenter({ ...march, locale: 'english' })).rejects.toThrow(/^locale: /);
    await expect(core.metrics.helpCenter({ from: new Date('nope'), to: march.to })).rejects.toThrow(/^from: /);
  });
});
