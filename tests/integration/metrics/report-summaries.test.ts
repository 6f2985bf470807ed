import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { createLogger } from '../../../core/logger.ts';
import { SummaryWarmer } from '../../../core/metrics/summaries/summary-warmer.ts';
import { metricsFixtures } from '../../support/metrics-fixtures.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

/**
 * Reports read closed UTC days from their summaries and the rest of the period from the raw rows
 * (core/metrics/summaries/). These prove the numbers stay exact across that seam, and after raw rows change.
 */
describe('reports over summarised days', () => {
  let core: Core;
  let data: ReturnType<typeof metricsFixtures>;
  let teams: ReturnType<typeof teamFixtures>;
  let article: number;
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    core = await createTestCore();
    data = metricsFixtures(core);
    teams = teamFixtures(core);
    article = (await teams.article(await teams.collection(), null)).id;
  });
  afterAll(() => core.close());

  it('counts a visitor once across the partial local days at each end and the whole days between, in a non-UTC zone', async () => {
    // 10–13 January in Berlin (UTC+1): from 9 Jan 23:00 UTC to 12 Jan 23:00 UTC, cutting two UTC days.
    const period = { from: at('2026-01-09T23:00:00Z'), to: at('2026-01-12T23:00:00Z'), timeZone: 'Europe/Berlin' };
    const [both, tailOnly, before, after] = [await data.visitor(), await data.visitor(), await data.visitor(), await data.visitor()];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: both, occurredAt: at('2026-01-09T23:30:00Z') }, // head: 10 Jan in Berlin
      { type: 'widget_search', locale: 'en', visitorId: both, query: 'refund', resultCount: 0, occurredAt: at('2026-01-09T23:40:00Z') },
      { type: 'page_view', locale: 'en', visitorId: both, articleId: article, occurredAt: at('2026-01-11T10:00:00Z') }, // a whole UTC day
      { type: 'page_view', locale: 'en', visitorId: tailOnly, occurredAt: at('2026-01-12T22:59:00Z') }, // tail: 12 Jan in Berlin
      { type: 'page_view', locale: 'en', visitorId: before, occurredAt: at('2026-01-09T22:59:00Z') }, // 9 Jan in Berlin
      { type: 'page_view', locale: 'en', visitorId: after, occurredAt: at('2026-01-12T23:00:00Z') }, // 13 Jan in Berlin
    ]);
    await data.search({ at: '2026-01-11T09:00:00Z', query: 'invoice', resultCount: 3, visitorId: tailOnly });
    await data.conversation({ visitorId: tailOnly, at: '2026-01-12T22:59:30Z' });

    // Twice: the first report summarises the whole days, the second reads them back.
    for (let run = 0; run < 2; run += 1) {
      expect(await core.metrics.helpCenter(period)).toMatchObject({ visits: 2, articleViews: 1, searches: 2, failedSearches: 1, noClickSearches: 1 });
      expect((await core.metrics.funnel(period)).steps).toEqual({ helpCenterVisitors: 2, searchedOrRead: 2, openedWidget: 0, startedConversation: 1, neededHuman: 1 });
    }
    // The same dates in UTC are another period: the visitor before is in, the tail-only visitor's view is out.
    const utc = { from: at('2026-01-10T00:00:00Z'), to: at('2026-01-13T00:00:00Z') };
    expect(await core.metrics.helpCenter(utc)).toMatchObject({ visits: 3, articleViews: 1 });
  });

  it('shows what an import, an erasure and changed outcomes did to days already summarised', async () => {
    const february = { from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') };
    const [ann, bob] = [await data.visitor(), await data.visitor()];
    await data.events([{ type: 'page_view', locale: 'en', visitorId: ann, occurredAt: at('2026-02-10T10:00:00Z') }]);
    const offered = await data.conversation({ visitorId: ann, at: '2026-02-10T10:05:00Z', botOutcome: 'offered' });
    await data.search({ at: '2026-02-10T10:01:00Z', query: 'refund', resultCount: 2, visitorId: ann });
    expect(await core.metrics.helpCenter(february)).toMatchObject({ visits: 1, noClickSearches: 1 });
    expect((await core.metrics.funnel(february)).steps).toMatchObject({ startedConversation: 1, neededHuman: 0 });

    // An import of old page views, into a day already summarised.
    await data.events([{ type: 'page_view', locale: 'en', visitorId: bob, occurredAt: at('2026-02-10T12:00:00Z') }]);
    expect(await core.metrics.helpCenter(february)).toMatchObject({ visits: 2 });
    // The visitor asks for a person after all, and clicks the search result.
    await core.sequelize.query(`UPDATE conversations SET bot_outcome = 'escalated' WHERE id = :offered`, { replacements: { offered } });
    await core.sequelize.query(`UPDATE search_queries SET clicked_article_id = :article WHERE query = 'refund' AND created_at = :at`, { replacements: { article, at: '2026-02-10T10:01:00Z' } });
    expect((await core.metrics.funnel(february)).steps).toMatchObject({ startedConversation: 1, neededHuman: 1 });
    expect(await core.metrics.helpCenter(february)).toMatchObject({ noClickSearches: 0 });
    // A visitor erased: their events go.
    await core.sequelize.query('DELETE FROM help_center_events WHERE visitor_id = :bob', { replacements: { bob } });
    expect(await core.metrics.helpCenter(february)).toMatchObject({ visits: 1 });
  });

  it('counts a reply, a close and a reopening that came later to a summarised day, and a page view stored late toward the chat on the next day', async () => {
    const april = { from: at('2026-04-01T00:00:00Z'), to: at('2026-05-01T00:00:00Z') };
    const ann = (await teams.staff('Ann Summaries')).user;
    const visitor = await data.visitor();
    const chat = await data.conversation({ visitorId: visitor, at: '2026-04-11T00:10:00Z', assigneeId: ann.id });
    const load = async () => (await core.metrics.chat(april)).operatorLoad.find((o) => o.operatorId === ann.id)!.handled;
    expect(await load()).toBe(0);
    expect((await core.metrics.funnel(april)).articlesLeadingToChats).toEqual([]);

    await data.message(chat, { at: '2026-04-11T00:20:00Z', sender: 'agent', userId: ann.id });
    expect(await load()).toBe(1);
    expect((await core.metrics.chat(april)).firstReply).toMatchObject({ count: 1, unanswered: 0 });
    // Closed (and reopened) months later: the resolution and the reopen rate of April change.
    expect(await core.metrics.chat(april)).toMatchObject({ resolution: { count: 0 }, reopenRate: null });
    await core.sequelize.query(`UPDATE conversations SET status = 'closed' WHERE id = :chat`, { replacements: { chat } });
    await core.sequelize.query(`UPDATE conversations SET status = 'open' WHERE id = :chat`, { replacements: { chat } });
    expect(await core.metrics.chat(april)).toMatchObject({ resolution: { count: 1 }, reopenRate: 1 });
    // Read at 23:50 on the 10th, stored only now (page views are written in batches): it led to the chat at 00:10.
    await data.events([{ type: 'page_view', locale: 'en', visitorId: visitor, articleId: article, occurredAt: at('2026-04-10T23:50:00Z') }]);
    expect((await core.metrics.funnel(april)).articlesLeadingToChats).toEqual([expect.objectContaining({ articleId: article, conversations: 1 })]);
  });

  it('answers an empty period with zeros and no rates, whether it lies in summarised days, within one day, or is still going on', async () => {
    const now = Date.now();
    const periods = [
      { from: at('2025-06-01T00:00:00Z'), to: at('2025-07-01T00:00:00Z') },
      { from: at('2025-06-10T05:00:00Z'), to: at('2025-06-10T07:00:00Z'), timeZone: 'America/New_York' },
      { from: new Date(now - 3_600_000), to: new Date(now + 3_600_000) },
    ];
    for (const period of periods) {
      expect(await core.metrics.helpCenter(period)).toMatchObject({ visits: 0, articleViews: 0, searches: 0, failedSearches: 0, noClickSearches: 0 });
      expect(await core.metrics.funnel(period)).toMatchObject({
        steps: { helpCenterVisitors: 0, searchedOrRead: 0, openedWidget: 0, startedConversation: 0, neededHuman: 0 },
        selfServiceRate: null,
        answerBotResolutionRate: null,
        deflections: 0,
        articlesLeadingToChats: [],
      });
      expect(await core.metrics.chat(period)).toMatchObject({ conversations: 0, firstReply: { count: 0, p50Seconds: null, unanswered: 0 } });
    }
  });

  it('gives the same numbers after the background warmer summarised the days, and after an import into them', async () => {
    const june = { from: at('2026-06-01T00:00:00Z'), to: at('2026-07-01T00:00:00Z'), timeZone: 'Asia/Kolkata' };
    const [ann, bob] = [await data.visitor(), await data.visitor()];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: ann, occurredAt: at('2026-06-03T10:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: ann, occurredAt: at('2026-06-20T10:00:00Z') },
    ]);
    await new SummaryWarmer(core.sequelize, createLogger('warn', false)).warm();
    expect(await core.metrics.helpCenter(june)).toMatchObject({ visits: 1 });
    await data.events([{ type: 'page_view', locale: 'en', visitorId: bob, occurredAt: at('2026-06-20T11:00:00Z') }]);
    expect(await core.metrics.helpCenter(june)).toMatchObject({ visits: 2 });
  });
});
