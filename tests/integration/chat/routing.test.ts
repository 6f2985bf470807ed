import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { MessageView } from '../../../core/chat/index.ts';
import { AuditEntry, Conversation, Message, OutboxMessage, Team, type ConversationOrigin } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness } from '../../support/chat-harness.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

type Refusal = { ok: false; error: { code: string; message: string } };
/** Drains run in the background after a close, a login or a move: room for a busy machine. */
const DRAINED = { timeout: 5_000 };

describe('routing: teams, article authors, round robin', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let make: ReturnType<typeof teamFixtures>;
  const sockets: Socket[] = [];

  /** A new visitor's first message; a reaction in the origin is one they gave first (routing checks it). */
  const start = async (origin: ConversationOrigin, body = 'Hello?') => {
    const visitorId = await make.visitor();
    if (origin.kind === 'article' && origin.reaction) await core.articles.react(origin.articleId, visitorId, origin.reaction);
    return core.chat.startConversation(visitorId, { clientId: make.clientId(), body, origin });
  };
  const watchers = async (conversationId: number) =>
    (await core.sequelize.query<{ user_id: number }>('SELECT user_id FROM conversation_watchers WHERE conversation_id = :conversationId', { replacements: { conversationId }, type: 'SELECT' as never })).map((r) => r.user_id);
  const events = async (conversationId: number) => (await Message.findAll({ where: { conversationId, kind: 'event' }, order: [['seq', 'ASC']] })).map((m) => m.body);
  const ownerOf = async (conversationId: number) => (await Conversation.findByPk(conversationId, { rejectOnEmpty: true })).assigneeId;
  const agent = async (cookie: string) => {
    const socket = await connectClient(harness.url, '/agent', { cookie });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core, { queueDrainMs: 60_000 });
    make = teamFixtures(core);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  describe('a 😞 on an article', () => {
    it('goes straight to the author when they are an active operator: the event and the audit say so', async () => {
      const author = await make.author('Ada Writer');
      const ada = await make.staff('Ada Writer', ['author', 'operator'], { authorId: author.id });
      const collection = await make.collection();
      const billing = await make.team('Billing', { collections: [collection] });
      const article = await make.article(collection, author.id);

      const { conversation, routed } = await start({ kind: 'article', articleId: article.id, reaction: 'sad' }, 'This article is wrong');

      expect(conversation).toMatchObject({ assigneeId: ada.user.id, teamId: billing.id });
      expect(routed.map((p) => p.message.body)).toEqual(['Assigned to Ada Writer (author of the article)']);
      expect(await events(conversation.id)).toEqual(['Assigned to Ada Writer (author of the article)']);
      const audit = await AuditEntry.findAll({ where: { action: 'conversation.assign', targetId: String(conversation.id) } });
      expect(audit.map((a) => [a.actorLabel, a.summary])).toEqual([['system', 'Assigned to Ada Writer (author of the article)']]);
      expect(await watchers(conversation.id)).toEqual([]);
      // Ada is not online: she is told by email, as anyone a conversation is handed to.
      await expect.poll(() => OutboxMessage.findAll({ where: { recipient: ada.user.email } }).then((mails) => mails.map((m) => m.subject))).toEqual([expect.stringMatching(new RegExp(`^Conversation #${conversation.id} on .+ was assigned to you$`))]);
    });

    it('goes to the collection’s team queue when the author is deactivated, with the author watching', async () => {
      const author = await make.author('Dora Gone');
      const dora = await make.staff('Dora Gone', ['operator'], { authorId: author.id, deactivated: true });
      const collection = await make.collection();
      const docs = await make.team('Docs', { collections: [collection] });
      const article = await make.article(collection, author.id);

      const { conversation, routed } = await start({ kind: 'article', articleId: article.id, reaction: 'sad' });

      expect(conversation).toMatchObject({ assigneeId: null, teamId: docs.id });
      expect(routed).toEqual([]);
      expect(await watchers(conversation.id)).toEqual([dora.user.id]);
    });

    it('goes to the team queue when the author is no operator (a plain author), with the author watching', async () => {
      const author = await make.author('Paul Plain');
      const paul = await make.staff('Paul Plain', ['author'], { authorId: author.id });
      const collection = await make.collection();
      const article = await make.article(collection, author.id);
      const defaultTeam = await Team.findOne({ where: { isDefault: true }, rejectOnEmpty: true });

      const { conversation } = await start({ kind: 'article', articleId: article.id, reaction: 'sad' });

      // The collection has no team of its own: the default team answers.
      expect(conversation).toMatchObject({ assigneeId: null, teamId: defaultTeam.id });
      expect(await watchers(conversation.id)).toEqual([paul.user.id]);
    });

    it('a 😞 the visitor did not give (claimed by the client only) does not reach the author nor show as 😞', async () => {
      const author = await make.author('Fay Forged');
      const fay = await make.staff('Fay Forged', ['operator'], { authorId: author.id });
      const collection = await make.collection();
      const team = await make.team('Returns', { collections: [collection] });
      const article = await make.article(collection, author.id);
      // The visitor's ack tells nothing of routing: what it decided is read from the database.
      const claimSad = async (socket: Socket) => {
        const { conversation } = await request<{ conversation: { id: number } }>(socket, 'conversation:start', { clientId: make.clientId(), body: 'Wrong!', origin: { kind: 'article', articleId: article.id, reaction: 'sad' } });
        return Conversation.findByPk(conversation.id, { rejectOnEmpty: true });
      };
      const widget = async () => {
        const socket = await connectClient(harness.url, '/visitor');
        sockets.push(socket);
        return { socket, visitorId: (await socket.session).visitorId };
      };

      const neverReacted = await widget();
      const happy = await widget();
      await core.articles.react(article.id, happy.visitorId, 'happy');
      const someoneElseWasSad = await widget();
      await core.articles.react(article.id, await make.visitor(), 'sad');

      for (const { socket } of [neverReacted, happy, someoneElseWasSad]) {
        const conversation = await claimSad(socket);
        // An ordinary question about the article: its collection's team, nobody assigned or watching.
        expect(conversation).toMatchObject({ assigneeId: null, teamId: team.id });
        expect(await watchers(conversation.id)).toEqual([]);
        expect(await events(conversation.id)).toEqual([]);
        // Stored without the reaction, so the inbox does not label it 😞.
        expect(conversation.origin).toEqual({ kind: 'article', articleId: article.id });
      }
      // Fay hears of them only as any operator does (a visitor waiting), never as their assignee.
      expect((await OutboxMessage.findAll({ where: { recipient: fay.user.email } })).map((m) => m.subject)).not.toContainEqual(expect.stringMatching(/assigned to you/));

      // The same claim after the visitor's own 😞 is stored goes to the author.
      await core.articles.react(article.id, neverReacted.visitorId, 'sad');
      expect(await claimSad(neverReacted.socket)).toMatchObject({ assigneeId: fay.user.id });
    });

    it('without the 😞 a question about an article goes to its collection’s team, not to the author', async () => {
      const author = await make.author('Ann Other');
      await make.staff('Ann Other', ['operator'], { authorId: author.id });
      const collection = await make.collection();
      const team = await make.team('Accounts', { collections: [collection] });
      const article = await make.article(collection, author.id);

      const { conversation } = await start({ kind: 'article', articleId: article.id });
      expect(conversation).toMatchObject({ assigneeId: null, teamId: team.id });
    });
  });

  describe('a failed search or the launcher', () => {
    it('goes to the team of the collection the visitor is reading, else to the default team', async () => {
      const collection = await make.collection('shipping');
      const article = await make.article(collection, null);
      const shipping = await make.team('Shipping', { collections: [collection] });
      const defaultTeam = await Team.findOne({ where: { isDefault: true }, rejectOnEmpty: true });
      const unmapped = await make.collection('returns');

      const onArticle = await start({ kind: 'search', query: 'parcel lost', page: `/en/shipping/${article.slug}` });
      const onCollection = await start({ kind: 'launcher', page: '/en/shipping?ref=home#top' });
      const elsewhere = await start({ kind: 'search', query: 'refund', page: `/en/${unmapped.slug}` });
      const home = await start({ kind: 'launcher', page: '/en' });
      const noPage = await start({ kind: 'search', query: 'refund' });

      expect([onArticle, onCollection].map((r) => r.conversation.teamId)).toEqual([shipping.id, shipping.id]);
      expect([elsewhere, home, noPage].map((r) => r.conversation.teamId)).toEqual([defaultTeam.id, defaultTeam.id, defaultTeam.id]);
      expect([onArticle, onCollection, elsewhere, home, noPage].every((r) => r.conversation.assigneeId === null)).toBe(true);
    });

    it('a conversation created without routing (any other code path) lands in the default team', async () => {
      const defaultTeam = await Team.findOne({ where: { isDefault: true }, rejectOnEmpty: true });
      const created = await Conversation.create({ visitorId: await make.visitor(), origin: { kind: 'launcher' }, assigneeId: null, lastMessageAt: null, waitingSince: null });
      expect(created.teamId).toBe(defaultTeam.id);
    });

    it('refuses an origin that is not one of ours, and stores nothing', async () => {
      const visitor = await connectClient(harness.url, '/visitor');
      sockets.push(visitor);
      const before = await Conversation.count();
      const answer = await request<Refusal>(visitor, 'conversation:start', { clientId: make.clientId(), body: 'hi', origin: { kind: 'article', articleId: 1, reaction: 'angry' } });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(answer.error.message).toContain('origin.reaction');
      expect(await Conversation.count()).toBe(before);
    });
  });

  describe('round robin', () => {
    it('hands each new conversation to the online member with the fewest open ones, then the one assigned least recently, up to capacity', async () => {
      const bea = await make.staff('Bea Busy');
      const fred = await make.staff('Fred Free');
      const otto = await make.staff('Otto Offline');
      const collection = await make.collection();
      const team = await make.team('Sales', { strategy: 'round_robin', capacity: 2, members: [bea.user.id, fred.user.id, otto.user.id], collections: [collection] });
      await core.chat.setPresence(bea.user.id, 'online');
      await core.chat.setPresence(fred.user.id, 'online');
      const page = `/en/${collection.slug}`;
      // Bea already holds one conversation (claimed by hand before).
      const held = await start({ kind: 'launcher', page: '/en' });
      await Conversation.update({ assigneeId: bea.user.id }, { where: { id: held.conversation.id } });

      const owners: Array<number | null> = [];
      for (let i = 0; i < 4; i += 1) owners.push((await start({ kind: 'launcher', page })).conversation.assigneeId);

      // Fred (0 open) first; then 1–1: Bea was never handed one by round robin, so she is next; then Fred
      // (1 against 2); then both are at the capacity of 2 and the fourth waits. Otto is offline: nothing.
      expect(owners).toEqual([fred.user.id, bea.user.id, fred.user.id, null]);
      const [first] = await Conversation.findAll({ where: { assigneeId: fred.user.id }, order: [['id', 'ASC']], limit: 1 });
      expect(await events(first!.id)).toEqual([`Assigned to Fred Free (round robin, ${team.name})`]);
      const audit = await AuditEntry.findAll({ where: { action: 'conversation.assign', targetId: String(first!.id) } });
      expect(audit.map((a) => [a.actorLabel, a.summary])).toEqual([['system', `Assigned to Fred Free (round robin, ${team.name})`]]);
    });

    it('waits unassigned while everybody is at capacity, and goes to the first operator who closes a conversation', async () => {
      const solo = await make.staff('Sol Solo');
      const collection = await make.collection();
      await make.team('Tiny', { strategy: 'round_robin', capacity: 1, members: [solo.user.id], collections: [collection] });
      const socket = await agent(solo.cookie); // connecting makes Sol online
      await expect.poll(async () => (await core.chat.presence()).find((p) => p.userId === solo.user.id)?.presence, DRAINED).toBe('online');
      const page = `/en/${collection.slug}`;
      const held = await start({ kind: 'launcher', page });
      expect(held.conversation.assigneeId).toBe(solo.user.id);

      const waiting = await start({ kind: 'launcher', page });
      expect(waiting.conversation.assigneeId).toBeNull();
      expect(waiting.routed).toEqual([]);

      const announced: MessageView[] = [];
      socket.on('message', (m: MessageView) => announced.push(m));
      await request(socket, 'conversation:close', { conversationId: held.conversation.id });
      await expect.poll(() => ownerOf(waiting.conversation.id), DRAINED).toBe(solo.user.id);
      await expect.poll(() => announced.map((m) => m.body), DRAINED).toContain(`Assigned to Sol Solo (round robin, ${(await Team.findByPk(waiting.conversation.teamId))!.name})`);
    });

    it('drains the queue when an operator comes online; going offline keeps their conversations', async () => {
      const late = await make.staff('Lou Late');
      const collection = await make.collection();
      await make.team('Night', { strategy: 'round_robin', capacity: 2, members: [late.user.id], collections: [collection] });
      const page = `/en/${collection.slug}`;
      const one = await start({ kind: 'launcher', page });
      const two = await start({ kind: 'launcher', page });
      const three = await start({ kind: 'launcher', page });
      expect([one, two, three].map((r) => r.conversation.assigneeId)).toEqual([null, null, null]);

      const socket = await agent(late.cookie);
      // Oldest first, up to the capacity of 2; the third keeps waiting.
      await expect.poll(() => Promise.all([one, two, three].map((r) => ownerOf(r.conversation.id))), DRAINED).toEqual([late.user.id, late.user.id, null]);

      socket.disconnect();
      await core.chat.setPresence(late.user.id, 'offline');
      expect(await Promise.all([one, two].map((r) => ownerOf(r.conversation.id)))).toEqual([late.user.id, late.user.id]);
    });

    it('two drains at once never assign a conversation twice nor go past anyone’s capacity', async () => {
      const x = await make.staff('Xena');
      const y = await make.staff('Yuri');
      const collection = await make.collection();
      await make.team('Race', { strategy: 'round_robin', capacity: 2, members: [x.user.id, y.user.id], collections: [collection] });
      const page = `/en/${collection.slug}`;
      const waiting = [];
      for (let i = 0; i < 6; i += 1) waiting.push((await start({ kind: 'launcher', page })).conversation.id);
      await core.sequelize.query("UPDATE users SET presence = 'online' WHERE id IN (:ids)", { replacements: { ids: [x.user.id, y.user.id] } });

      await Promise.all([core.chat.drainQueues(), core.chat.drainQueues(), core.chat.drainQueues()]);

      const owners = await Promise.all(waiting.map(ownerOf));
      expect(owners.filter((id) => id === x.user.id)).toHaveLength(2);
      expect(owners.filter((id) => id === y.user.id)).toHaveLength(2);
      // Two wait for capacity. (Which two is not promised: a drain skips a conversation another drain holds, so
      // under concurrent drains a newer one can be handed out before an older one; one drain goes oldest first.)
      expect(owners.filter((id) => id === null)).toHaveLength(2);
      for (const id of waiting) expect((await events(id)).length).toBeLessThanOrEqual(1);
    });
  });

  describe('manual queue', () => {
    it('of two operators claiming at once exactly one owns it; the other is told who did', async () => {
      const p = await make.staff('Pia');
      const q = await make.staff('Quinn');
      const collection = await make.collection();
      await make.team('Manual', { members: [p.user.id, q.user.id], collections: [collection] });
      const { conversation } = await start({ kind: 'launcher', page: `/en/${collection.slug}` });
      const [ps, qs] = [await agent(p.cookie), await agent(q.cookie)];

      const answers = await Promise.all([request(ps, 'conversation:claim', { conversationId: conversation.id }), request(qs, 'conversation:claim', { conversationId: conversation.id })]);

      const won = answers.filter((a) => a.ok === true);
      const lost = answers.filter((a) => a.ok === false) as Refusal[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const owner = await ownerOf(conversation.id);
      const ownerName = owner === p.user.id ? 'Pia' : 'Quinn';
      expect(lost[0]!.error).toEqual({ code: 'invalid', message: `Already taken by ${ownerName}.` });
      expect(await events(conversation.id)).toEqual([`Claimed by ${ownerName}`]);
    });

    it('lists under `team` the conversations of the teams an operator belongs to, and no others', async () => {
      const member = await make.staff('Mia Member');
      const outsider = await make.staff('Oscar Outsider');
      const collection = await make.collection();
      await make.team('Listed', { members: [member.user.id], collections: [collection] });
      const ours = await start({ kind: 'launcher', page: `/en/${collection.slug}` });
      const elsewhere = await start({ kind: 'launcher', page: '/en' });
      const teamView = async (cookie: string) => (await request<{ ok: true; conversations: Array<{ id: number }> }>(await agent(cookie), 'inbox:list', { view: 'team' })).conversations.map((c) => c.id);

      expect(await teamView(member.cookie)).toEqual([ours.conversation.id]);
      expect(await teamView(outsider.cookie)).toEqual([]);
      expect(await teamView(member.cookie)).not.toContain(elsewhere.conversation.id);
    });

    it('moves a conversation to another team’s queue, unassigned, audited; a round-robin team then hands it out', async () => {
      const mover = await make.staff('Max Mover');
      const taker = await make.staff('Tia Taker');
      const { conversation } = await start({ kind: 'launcher' });
      const target = await make.team('Escalations', { strategy: 'round_robin', members: [taker.user.id] });
      await core.chat.setPresence(taker.user.id, 'online');
      const socket = await agent(mover.cookie);
      await request(socket, 'conversation:claim', { conversationId: conversation.id });

      const moved = await request<{ ok: true; message: MessageView }>(socket, 'conversation:team', { conversationId: conversation.id, teamId: target.id });

      expect(moved.message.body).toBe(`Moved to the ${target.name} queue by Max Mover`);
      expect((await AuditEntry.findAll({ where: { action: 'conversation.team', targetId: String(conversation.id) } })).map((a) => a.summary)).toEqual([moved.message.body]);
      await expect.poll(() => ownerOf(conversation.id), DRAINED).toBe(taker.user.id);
      expect((await Conversation.findByPk(conversation.id))!.teamId).toBe(target.id);

      const again = await request<Refusal>(socket, 'conversation:team', { conversationId: conversation.id, teamId: 999_999 });
      expect(again.error).toEqual({ code: 'invalid', message: 'teamId: no such team.' });
      expect((await Conversation.findByPk(conversation.id))!.teamId).toBe(target.id);
    });
  });
});
