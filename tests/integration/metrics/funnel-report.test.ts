import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { metricsFixtures } from '../../support/metrics-fixtures.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('the deflection funnel', () => {
  let core: Core;
  let data: ReturnType<typeof metricsFixtures>;
  let refunds: number;
  let invoices: number;
  let otherTeam: number;
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    core = await createTestCore();
    data = metricsFixtures(core);
    const teams = teamFixtures(core);
    const collection = await teams.collection();
    refunds = (await teams.article(collection, null)).id;
    invoices = (await teams.article(collection, null)).id;
    otherTeam = (await teams.team('Billing')).id;
  });
  afterAll(() => core.close());

  it('follows help-center visitors from reading to needing a human, and rates self-service', async () => {
    const period = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') };
    const [reader, searcher, opener, botHelped, chatsTwice, browser] = (await Promise.all(Array.from({ length: 6 }, () => data.visitor()))) as [string, string, string, string, string, string];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: reader, articleId: refunds, occurredAt: at('2026-03-02T10:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: searcher, occurredAt: at('2026-03-02T10:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: opener, occurredAt: at('2026-03-02T10:00:00Z') },
      { type: 'widget_open', locale: 'en', visitorId: opener, occurredAt: at('2026-03-02T10:01:00Z') },
      { type: 'widget_article_open', locale: 'en', visitorId: opener, articleId: refunds, source: 'suggestion', occurredAt: at('2026-03-02T10:02:00Z') },
      { type: 'deflection', locale: 'en', visitorId: opener, articleId: refunds, occurredAt: at('2026-03-02T10:03:00Z') },
      { type: 'page_view', locale: 'en', visitorId: botHelped, occurredAt: at('2026-03-03T10:00:00Z') },
      { type: 'widget_open', locale: 'en', visitorId: botHelped, occurredAt: at('2026-03-03T10:01:00Z') },
      { type: 'page_view', locale: 'en', visitorId: chatsTwice, occurredAt: at('2026-03-04T10:00:00Z') },
      { type: 'widget_open', locale: 'en', visitorId: chatsTwice, occurredAt: at('2026-03-04T10:01:00Z') },
      { type: 'page_view', locale: 'en', visitorId: browser, occurredAt: at('2026-03-05T10:00:00Z') },
    ]);
    await data.search({ at: '2026-03-02T10:05:00Z', query: 'refund', resultCount: 2, visitorId: searcher });
    await data.conversation({ visitorId: botHelped, at: '2026-03-03T10:02:00Z', botOutcome: 'helped' });
    // Two chats of one visitor: one the bot settled, one that went to a human: the visitor needed a human once.
    await data.conversation({ visitorId: chatsTwice, at: '2026-03-04T10:02:00Z', botOutcome: 'escalated' });
    await data.conversation({ visitorId: chatsTwice, at: '2026-03-04T12:00:00Z', botOutcome: 'helped' });
    // A chat by someone who never visited the help center (the widget on another site) is not in the funnel.
    await data.conversation({ visitorId: await data.visitor(), at: '2026-03-04T12:00:00Z' });

    const report = await core.metrics.funnel(period);
    expect(report.steps).toEqual({ helpCenterVisitors: 6, searchedOrRead: 3, openedWidget: 3, startedConversation: 2, neededHuman: 1 });
    expect(report.selfServiceRate).toBe(0.8333);
    expect(report.deflections).toBe(1);
    // Bot outcomes of every conversation of the period: helped twice, escalated once.
    expect(report).toMatchObject({ botHelped: 2, botEscalated: 1, answerBotResolutionRate: 0.6667 });
  });

  it('leaves out conversations the bot has only offered an answer in, and counts a chat without the bot as needing a human', async () => {
    const period = { from: at('2026-05-01T00:00:00Z'), to: at('2026-06-01T00:00:00Z') };
    const [undecided, direct] = [await data.visitor(), await data.visitor()];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: undecided, occurredAt: at('2026-05-02T10:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: direct, occurredAt: at('2026-05-02T10:00:00Z') },
    ]);
    await data.conversation({ visitorId: undecided, at: '2026-05-02T10:01:00Z', botOutcome: 'offered' });
    await data.conversation({ visitorId: direct, at: '2026-05-02T10:01:00Z', botOutcome: null });
    const report = await core.metrics.funnel(period);
    expect(report.steps).toMatchObject({ helpCenterVisitors: 2, startedConversation: 2, neededHuman: 1 });
    expect(report).toMatchObject({ selfServiceRate: 0.5, botHelped: 0, botEscalated: 0, answerBotResolutionRate: null });
  });

  it('ranks the articles that lead to chats: the chat\'s own article, or one read in the 30 minutes before it', async () => {
    const period = { from: at('2026-07-01T00:00:00Z'), to: at('2026-08-01T00:00:00Z') };
    const [fromArticle, readThenChat, readLongBefore, bothWays] = (await Promise.all(Array.from({ length: 4 }, () => data.visitor()))) as [string, string, string, string];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: readThenChat, articleId: invoices, occurredAt: at('2026-07-02T09:40:00Z') },
      { type: 'page_view', locale: 'en', visitorId: readLongBefore, articleId: invoices, occurredAt: at('2026-07-02T09:00:00Z') },
      { type: 'page_view', locale: 'en', visitorId: bothWays, articleId: refunds, occurredAt: at('2026-07-02T09:55:00Z') },
    ]);
    await data.conversation({ visitorId: fromArticle, at: '2026-07-02T10:00:00Z', origin: { kind: 'article', articleId: refunds } });
    await data.conversation({ visitorId: readThenChat, at: '2026-07-02T10:00:00Z' });
    await data.conversation({ visitorId: readLongBefore, at: '2026-07-02T10:00:00Z' }); // 60 minutes later: another visit
    await data.conversation({ visitorId: bothWays, at: '2026-07-02T10:00:00Z', origin: { kind: 'article', articleId: refunds } }); // counted once
    const report = await core.metrics.funnel(period);
    expect(report.articlesLeadingToChats).toEqual([
      { articleId: refunds, title: expect.any(String), conversations: 2 },
      { articleId: invoices, title: expect.any(String), conversations: 1 },
    ]);
    // Only the other team's chats: none of these.
    expect((await core.metrics.funnel({ ...period, teamId: otherTeam })).articlesLeadingToChats).toEqual([]);
  });

  it('lists 😞 articles, most 😞 first', async () => {
    const period = { from: at('2026-09-01T00:00:00Z'), to: at('2026-10-01T00:00:00Z') };
    await data.reaction(invoices, -1, '2026-09-02T10:00:00Z');
    await data.reaction(refunds, -1, '2026-09-02T10:00:00Z');
    await data.reaction(refunds, -1, '2026-09-02T11:00:00Z');
    await data.reaction(refunds, 1, '2026-09-02T12:00:00Z');
    expect((await core.metrics.funnel(period)).sadArticles).toEqual([
      { articleId: refunds, title: expect.any(String), sad: 2, reactions: 3 },
      { articleId: invoices, title: expect.any(String), sad: 1, reactions: 1 },
    ]);
  });

  it('follows only the visitors of the asked locale and the chats of the asked team', async () => {
    const period = { from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') };
    const [english, russian] = [await data.visitor(), await data.visitor()];
    await data.events([
      { type: 'page_view', locale: 'en', visitorId: english, occurredAt: at('2026-10-02T10:00:00Z') },
      { type: 'page_view', locale: 'ru', visitorId: russian, occurredAt: at('2026-10-02T10:00:00Z') },
      { type: 'deflection', locale: 'ru', visitorId: russian, articleId: refunds, occurredAt: at('2026-10-02T10:05:00Z') },
    ]);
    await data.conversation({ visitorId: english, at: '2026-10-02T10:10:00Z', teamId: otherTeam, botOutcome: 'escalated' });
    await data.conversation({ visitorId: russian, at: '2026-10-02T10:10:00Z', botOutcome: 'helped' });

    expect(await core.metrics.funnel({ ...period, locale: 'ru' })).toMatchObject({ steps: { helpCenterVisitors: 1, startedConversation: 1, neededHuman: 0 }, deflections: 1 });
    expect(await core.metrics.funnel({ ...period, locale: 'en' })).toMatchObject({ steps: { helpCenterVisitors: 1, startedConversation: 1, neededHuman: 1 }, deflections: 0 });
    expect(await core.metrics.funnel({ ...period, teamId: otherTeam })).toMatchObject({ steps: { helpCenterVisitors: 2, startedConversation: 1, neededHuman: 1 }, botHelped: 0, botEscalated: 1 });
    expect(await core.metrics.funnel({ ...period, locale: 'ru', teamId: otherTeam })).toMatchObject({ steps: { helpCenterVisitors: 1, startedConversation: 0 }, selfServiceRate: 1 });
  });

  it('says nothing rather than 0 % when nobody visited', async () => {
    const report = await core.metrics.funnel({ from: at('2025-01-01T00:00:00Z'), to: at('2025-02-01T00:00:00Z') });
    expect(report).toMatchObject({ selfServiceRate: null, answerBotResolutionRate: null, steps: { helpCenterVisitors: 0 } });
    expect(core.metrics.tables.funnel(report).funnel.rows).toContainEqual(['selfServiceRate', null]);
  });
});
