import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffView } from '../../../core/accounts/index.ts';
import type { Core } from '../../../core/app.ts';
import { presentStaff } from '../../../core/accounts/presenters.ts';
import type { Collection, Team, User } from '../../../core/models/index.ts';
import type { NotificationView } from '../../../core/notifications/index.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

/** Who hears about unhappy visitors (migration 0023): written with the rating or reaction itself. */
describe('alerts for team leads and authors', () => {
  let core: Core;
  let make: ReturnType<typeof teamFixtures>;
  const people: Record<string, User> = {};
  let billing: Team;
  let payments: Team;
  let billingDocs: Collection;
  const root = { id: 0, email: 'root@acme.example' };

  const alertsOf = async (name: string) => (await core.notifications.inbox(people[name]!.id)).notifications;
  const texts = async (name: string) => (await alertsOf(name)).map((n) => n.text);
  const staffView = (name: string): StaffView => presentStaff(people[name]!);

  /** A conversation of a new visitor in `team`, answered and closed by `by`, for the visitor to rate. */
  const closedConversation = async (team: Team, by: string) => {
    const visitorId = await make.visitor();
    const { conversation } = await core.chat.startConversation(visitorId, { clientId: make.clientId(), body: 'I was charged twice', origin: { kind: 'launcher' } });
    await core.chat.moveToTeam(staffView('Ada'), conversation.id, team.id);
    await core.chat.assign(staffView('Ada'), conversation.id, people[by]!.id);
    await core.chat.setStatus(staffView(by), conversation.id, 'closed');
    return { visitorId, conversationId: conversation.id };
  };

  beforeAll(async () => {
    core = await createTestCore();
    make = teamFixtures(core);
    for (const [name, roles] of [['Ada', ['admin']], ['Lena', ['operator']], ['Nick', ['operator']], ['Pia', ['operator']], ['Omar', ['operator']]] as const) {
      people[name] = (await make.staff(name, [...roles])).user;
    }
    const author = await make.author('Wanda Writer');
    people.Wanda = (await make.staff('Wanda Writer', ['author'], { authorId: author.id })).user;
    billingDocs = await make.collection();
    billing = await make.team('Billing', { collections: [billingDocs] });
    payments = await make.team('Payments');
    root.id = people.Ada!.id;
    await core.teams.setMembers(root, billing.id, [people.Lena!.id, people.Nick!.id], [people.Lena!.id]);
    await core.teams.setMembers(root, payments.id, [people.Pia!.id, people.Omar!.id], [people.Pia!.id]);
  });
  afterAll(() => core.close());

  it('a 😞 rating alerts the leads of the conversation’s team and of its assignee’s team, not the other members', async () => {
    const { visitorId, conversationId } = await closedConversation(billing, 'Omar');
    await core.chat.rate(visitorId, { conversationId, score: 'sad', comment: 'Nobody read my message' });
    const expected = { kind: 'csat_negative', text: `Conversation #${conversationId} rated 😞: Nobody read my message`, href: `/admin/inbox#conversation-${conversationId}`, read: false, count: 1 };
    expect(await alertsOf('Lena')).toEqual([expect.objectContaining(expected)]);
    expect(await alertsOf('Pia')).toEqual([expect.objectContaining(expected)]);
    expect(await alertsOf('Nick')).toEqual([]);
    expect(await alertsOf('Omar')).toEqual([]);
    expect(await alertsOf('Ada')).toEqual([]);
  });

  it('a 😐 or 😃 rating alerts nobody; changing it to 😞 does, and 😞 again does not repeat it', async () => {
    const { visitorId, conversationId } = await closedConversation(billing, 'Nick');
    const before = (await alertsOf('Lena')).length;
    await core.chat.rate(visitorId, { conversationId, score: 'happy', comment: null });
    await core.chat.rate(visitorId, { conversationId, score: 'neutral', comment: null });
    expect(await alertsOf('Lena')).toHaveLength(before);
    await core.chat.rate(visitorId, { conversationId, score: 'sad', comment: null });
    await core.chat.rate(visitorId, { conversationId, score: 'sad', comment: 'still bad' });
    expect((await texts('Lena')).filter((t) => t.startsWith(`Conversation #${conversationId} `))).toEqual([`Conversation #${conversationId} rated 😞`]);
  });

  it('falls back to the admins when the teams involved have no lead', async () => {
    people.Lou = (await make.staff('Lou')).user;
    const leaderless = await make.team('Leaderless', { members: [people.Lou.id] });
    const { visitorId, conversationId } = await closedConversation(leaderless, 'Lou');
    await core.chat.rate(visitorId, { conversationId, score: 'sad', comment: null });
    expect(await texts('Ada')).toContain(`Conversation #${conversationId} rated 😞`);
    expect(await texts('Lena')).not.toContain(`Conversation #${conversationId} rated 😞`);
  });

  it('a refused rating, or one whose transaction fails after it was written, leaves no alert', async () => {
    const count = async () => (await core.sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications', { type: QueryTypes.SELECT }))[0]!.n;
    const before = await count();
    const visitorId = await make.visitor();
    const { conversation } = await core.chat.startConversation(visitorId, { clientId: make.clientId(), body: 'Hello?', origin: { kind: 'launcher' } });
    await expect(core.chat.rate(visitorId, { conversationId: conversation.id, score: 'sad', comment: null })).rejects.toThrow('Only a closed conversation can be rated.');
    expect(await count()).toBe(before);
    const { visitorId: rater, conversationId } = await closedConversation(billing, 'Lena');
    // The trigger has written the alert when the transaction it belongs to fails: both go.
    await expect(
      core.sequelize.transaction(async (transaction) => {
        await core.sequelize.query('INSERT INTO conversation_ratings (conversation_id, visitor_id, operator_id, score) VALUES (:conversationId, :rater, NULL, 1)', { replacements: { conversationId, rater }, transaction });
        expect(await core.sequelize.query('SELECT 1 FROM notifications WHERE conversation_id = :conversationId', { replacements: { conversationId }, type: QueryTypes.SELECT, transaction })).not.toEqual([]);
        throw new Error('the timeline event could not be written');
      }),
    ).rejects.toThrow('the timeline event could not be written');
    expect(await count()).toBe(before);
  });

  it('a 😞 reaction alerts the leads of the collection’s team and the article’s author', async () => {
    const article = await make.article(billingDocs, people.Wanda!.authorId!);
    await core.articles.react(article.id, await make.visitor(), 'sad');
    const expected = { kind: 'article_sad', text: `😞 on “${article.title}”`, href: `/admin/articles/${article.id}`, count: 1, read: false };
    expect(await alertsOf('Lena')).toContainEqual(expect.objectContaining(expected));
    expect(await alertsOf('Wanda')).toEqual([expect.objectContaining(expected)]);
    expect(await texts('Nick')).toEqual([]);
    expect(await texts('Pia')).not.toContain(expected.text);
  });

  it('a 😞 reaction in a collection without a team alerts the default team’s leads (admins while it has none)', async () => {
    const loose = await make.article(await make.collection(), null);
    await core.articles.react(loose.id, await make.visitor(), 'sad');
    expect(await texts('Ada')).toContain(`😞 on “${loose.title}”`);
    const support = (await core.teams.list()).find((t) => t.isDefault)!;
    await core.teams.setMembers(root, support.id, [people.Omar!.id], [people.Omar!.id]);
    await core.articles.react(loose.id, await make.visitor(), 'sad');
    expect(await alertsOf('Omar')).toEqual([expect.objectContaining({ text: `😞 on “${loose.title}”`, count: 1 })]);
  });

  it('more 😞 on one article bump one unread alert; once read, the next 😞 starts a new one', async () => {
    const article = await make.article(billingDocs, null);
    const mine = async () => (await alertsOf('Lena')).filter((n) => n.href === `/admin/articles/${article.id}`);
    for (let i = 0; i < 3; i += 1) await core.articles.react(article.id, await make.visitor(), 'sad');
    const [bumped] = await mine();
    expect(await mine()).toEqual([expect.objectContaining({ count: 3, read: false })]);
    await core.notifications.markRead(people.Lena!.id, { id: bumped!.id });
    await core.articles.react(article.id, await make.visitor(), 'sad');
    expect((await mine()).map((n: NotificationView) => [n.count, n.read])).toEqual([[1, false], [3, true]]);
  });

  it('only a change into 😞 counts: the same visitor’s 😞 again adds nothing, 😃 then 😞 does', async () => {
    const article = await make.article(billingDocs, null);
    const visitor = await make.visitor();
    const count = async () => (await alertsOf('Lena')).find((n) => n.href === `/admin/articles/${article.id}`)?.count ?? 0;
    await core.articles.react(article.id, visitor, 'happy');
    expect(await count()).toBe(0);
    await core.articles.react(article.id, visitor, 'sad');
    await core.articles.react(article.id, visitor, 'sad');
    expect(await count()).toBe(1);
    await core.articles.react(article.id, visitor, 'happy');
    await core.articles.react(article.id, visitor, 'sad');
    expect(await count()).toBe(2);
  });

  it('marks one alert or all read, only the reader’s own', async () => {
    const lena = people.Lena!.id;
    const pias = (await alertsOf('Pia'))[0]!;
    const { unread } = await core.notifications.inbox(lena);
    expect(unread).toBeGreaterThan(1);
    expect((await core.notifications.markRead(lena, { id: pias.id })).unread).toBe(unread);
    expect((await alertsOf('Pia'))[0]).toMatchObject({ id: pias.id, read: false });
    expect(await core.notifications.markRead(lena, { all: true })).toMatchObject({ unread: 0 });
    expect((await alertsOf('Lena')).every((n) => n.read)).toBe(true);
  });
});
