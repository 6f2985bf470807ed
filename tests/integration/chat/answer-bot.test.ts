import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentStaff } from '../../../core/accounts/presenters.ts';
import type { Core } from '../../../core/app.ts';
import type { MessageView, VisitorConversationView } from '../../../core/chat/index.ts';
import { Article, Collection, Conversation, Message, OutboxMessage, Team } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness, type ClientSocket } from '../../support/chat-harness.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
type Refusal = { ok: false; error: { code: string; message: string } };
type Started = Ok<{ conversation: VisitorConversationView; message: MessageView; duplicate: boolean }>;
type Answered = Ok<{ conversation: VisitorConversationView; messages: MessageView[]; duplicate: boolean }>;

const QUESTION = 'How do I rotate my quokka tokens?';

describe('the answer bot', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let make: ReturnType<typeof teamFixtures>;
  const sockets: ClientSocket[] = [];
  let botCollection: Collection;
  let plainCollection: Collection;
  let quokka: Article;

  const visitor = async () => {
    const socket = await connectClient(harness.url, '/visitor');
    sockets.push(socket);
    return socket;
  };
  /** Everything a socket receives, by event, from now on. */
  const recorder = (socket: ClientSocket) => {
    const seen: Array<{ event: string; conversationId: number | undefined }> = [];
    socket.onAny((event: string, payload: { conversationId?: number; id?: number }) => seen.push({ event, conversationId: payload?.conversationId ?? payload?.id }));
    return seen;
  };
  const start = (socket: ClientSocket, collection: Collection, body = QUESTION) => request<Started>(socket, 'conversation:start', { clientId: randomUUID(), body, origin: { kind: 'launcher', page: `/en/${collection.slug}` } });
  const timeline = async (conversationId: number) => (await Message.findAll({ where: { conversationId }, order: [['seq', 'ASC']] })).map((m) => ({ sender: m.sender, kind: m.kind, body: m.body, card: m.card?.articleId ?? null }));
  /** What the team sees of a conversation (the visitor's payloads leave out owner and team). */
  const inTeamView = async (conversationId: number) => (await Conversation.findByPk(conversationId, { rejectOnEmpty: true })).get({ plain: true });
  /** The inbox's "All" list, as any operator reads it. */
  const allOpen = async () => core.chat.inbox(presentStaff((await make.staff('Ivy Inbox')).user), 'all');
  const mailsAbout = (conversationId: number) => OutboxMessage.count({ where: { subject: { [Op.like]: `%#${conversationId}%` } } });

  beforeAll(async () => {
    core = await createTestCore();
    make = teamFixtures(core);
    botCollection = await make.collection();
    plainCollection = await make.collection();
    quokka = await make.article(botCollection, null);
    await quokka.update({ title: 'Rotate your quokka tokens', description: 'New quokka tokens every 90 days', body: 'Open Settings, then Tokens, and rotate each quokka token.' });
    harness = await startChatHarness(core, { queueDrainMs: 60_000 });
    await harness.search.reindexAll();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  it('stays quiet for a team that has not turned it on: the conversation is routed as always', async () => {
    await make.team('Plain', { collections: [botCollection] });
    const socket = await visitor();
    const { conversation } = await start(socket, botCollection);
    expect(conversation.botOutcome).toBeNull();
    expect(await timeline(conversation.id)).toEqual([{ sender: 'visitor', kind: 'text', body: QUESTION, card: null }]);
    await core.sequelize.query('DELETE FROM collection_teams WHERE collection_id = :id', { replacements: { id: botCollection.id } });
  });

  describe('for a team with the bot on', () => {
    let botTeam: Team;
    beforeAll(async () => {
      botTeam = await make.team('Bot', { collections: [botCollection] });
      await botTeam.update({ answerBot: true });
    });

    it('offers the matching article before any person hears of it, and "That helped" closes it for good', async () => {
      const socket = await visitor();
      const received = recorder(socket);
      const { conversation } = await start(socket, botCollection);

      expect(conversation).toMatchObject({ botOutcome: 'offered', status: 'open' });
      expect(await inTeamView(conversation.id)).toMatchObject({ assigneeId: null, teamId: botTeam.id });
      expect(await timeline(conversation.id)).toEqual([
        { sender: 'visitor', kind: 'text', body: QUESTION, card: null },
        { sender: 'system', kind: 'text', body: 'These articles may answer your question. Did one of them help?', card: null },
        { sender: 'system', kind: 'text', body: '', card: quokka.id },
      ]);
      // The widget gets the offer as messages of its conversation.
      await expect.poll(() => received.filter((r) => r.event === 'message' && r.conversationId === conversation.id).length).toBe(2);
      expect((await allOpen()).map((row) => row.id)).not.toContain(conversation.id);

      const helped = await request<Answered>(socket, 'conversation:bot-answer', { conversationId: conversation.id, helped: true });
      expect(helped).toMatchObject({ ok: true, duplicate: false, conversation: { status: 'closed', botOutcome: 'helped' } });
      expect(await inTeamView(conversation.id)).toMatchObject({ assigneeId: null });
      expect(helped.messages.map((m) => [m.kind, m.body])).toEqual([['event', 'Resolved by an article the answer bot offered']]);

      // A double click: the same answer again changes nothing; the other answer now is refused.
      const again = await request<Answered>(socket, 'conversation:bot-answer', { conversationId: conversation.id, helped: true });
      expect(again).toMatchObject({ ok: true, duplicate: true, messages: [] });
      const changedMind = await request<Refusal>(socket, 'conversation:bot-answer', { conversationId: conversation.id, helped: false });
      expect(changedMind).toMatchObject({ ok: false, error: { code: 'invalid', message: 'The answer bot’s offer was already answered.' } });
      expect(await timeline(conversation.id)).toHaveLength(4);
      expect(await Conversation.findByPk(conversation.id)).toMatchObject({ status: 'closed', botOutcome: 'helped', assigneeId: null });
    });

    it('emails no absent operator and hands nothing out while it waits; the same team without the bot would', async () => {
      const bo = await make.staff('Bo Away');
      await core.sequelize.query('INSERT INTO team_members (team_id, user_id) VALUES (:t, :u)', { replacements: { t: botTeam.id, u: bo.user.id } });
      const socket = await visitor();
      const offered = (await start(socket, botCollection)).conversation;
      await request<Answered>(socket, 'conversation:bot-answer', { conversationId: offered.id, helped: true });
      const waiting = (await start(socket, botCollection)).conversation;
      // Nothing relevant: the bot stays out of it and the operators are told someone waits (nobody is online).
      const plain = (await start(socket, botCollection, 'Do you ship parcels to Canada?')).conversation;
      expect(plain.botOutcome).toBeNull();
      expect(await timeline(plain.id)).toEqual([{ sender: 'visitor', kind: 'text', body: 'Do you ship parcels to Canada?', card: null }]);
      await expect.poll(() => mailsAbout(plain.id)).toBeGreaterThan(0);

      expect(await mailsAbout(offered.id)).toBe(0);
      expect(await mailsAbout(waiting.id)).toBe(0);
      await botTeam.update({ strategy: 'round_robin' });
      await core.chat.setPresence(bo.user.id, 'online');
      // A drain (this one, or the chat server's own) hands out the plain conversation, never the one the bot holds.
      await core.chat.drainQueues();
      // (A drain running elsewhere may hold the row a moment longer: its commit is awaited.)
      await expect.poll(async () => (await Conversation.findByPk(plain.id))?.assigneeId).toBe(bo.user.id);
      expect(await Conversation.findByPk(waiting.id)).toMatchObject({ assigneeId: null, botOutcome: 'offered' });
      await core.chat.setPresence(bo.user.id, 'offline');
      await botTeam.update({ strategy: 'manual' });

      // "I still need help" is when the absent operators are told, as of a new conversation.
      await request<Answered>(socket, 'conversation:bot-answer', { conversationId: waiting.id, helped: false });
      await expect.poll(() => OutboxMessage.findAll({ where: { subject: { [Op.like]: `%(#${waiting.id})` } } }).then((mails) => mails.map((m) => m.subject))).toContainEqual(expect.stringMatching(/^A visitor is waiting on /));
    });

    it('"I still need help" routes it like any new conversation, the bot’s attempt in the operator’s timeline', async () => {
      const olga = await make.staff('Olga Online');
      await core.sequelize.query('INSERT INTO team_members (team_id, user_id) VALUES (:t, :u)', { replacements: { t: botTeam.id, u: olga.user.id } });
      await botTeam.update({ strategy: 'round_robin' });
      const agent = await connectClient(harness.url, '/agent', { cookie: olga.cookie });
      sockets.push(agent);
      await expect.poll(async () => (await core.chat.presence()).find((p) => p.userId === olga.user.id)?.presence).toBe('online');
      const inbox = recorder(agent);

      const socket = await visitor();
      const { conversation } = await start(socket, botCollection);
      // A conversation without the bot, started after it: once the inbox has heard of that one, it would have heard of ours.
      const other = (await start(await visitor(), plainCollection, 'Hello there')).conversation;
      await expect.poll(() => inbox.some((r) => r.conversationId === other.id)).toBe(true);
      expect(inbox.filter((r) => r.conversationId === conversation.id)).toEqual([]);
      expect(await inTeamView(conversation.id)).toMatchObject({ assigneeId: null });

      // The visitor read the offered articles for ten minutes before asking for a person: they wait from then.
      await core.sequelize.query("UPDATE conversations SET waiting_since = now() - interval '10 minutes' WHERE id = :id", { replacements: { id: conversation.id } });
      const escalated = await request<Answered>(socket, 'conversation:bot-answer', { conversationId: conversation.id, helped: false });
      expect(escalated).toMatchObject({ ok: true, duplicate: false, conversation: { botOutcome: 'escalated', status: 'open' } });
      const routed = await inTeamView(conversation.id);
      expect(routed).toMatchObject({ assigneeId: olga.user.id });
      expect(Date.now() - routed.waitingSince!.getTime()).toBeLessThan(60_000);
      expect(routed.humanRequestedAt!.getTime()).toBe(routed.waitingSince!.getTime()); // where the report's first reply starts
      expect(escalated.messages.map((m) => m.body)).toEqual(['The visitor still needs help: passed to the team', `Assigned to Olga Online (round robin, ${botTeam.name})`]);
      await expect.poll(() => inbox.filter((r) => r.event === 'conversation:updated' && r.conversationId === conversation.id).length).toBeGreaterThan(0);

      const synced = await request<Ok<{ messages: MessageView[] }>>(agent, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 });
      expect(synced.messages.map((m) => [m.sender, m.kind, m.body, m.card?.articleId ?? null])).toEqual([
        ['visitor', 'text', QUESTION, null],
        ['system', 'text', 'These articles may answer your question. Did one of them help?', null],
        ['system', 'text', '', quokka.id],
        ['system', 'event', 'The visitor still needs help: passed to the team', null],
        ['system', 'event', `Assigned to Olga Online (round robin, ${botTeam.name})`, null],
      ]);
      const twice = await request<Answered>(socket, 'conversation:bot-answer', { conversationId: conversation.id, helped: false });
      expect(twice).toMatchObject({ ok: true, duplicate: true, messages: [] });
      await botTeam.update({ strategy: 'manual' });
    });

    it('offers nothing found only by one common word of a longer question (below the relevance bar)', async () => {
      const socket = await visitor();
      const question = 'How do I rotate the router firmware remotely?';
      const found = await harness.search.search({ q: question, locale: 'en', limit: 5, offset: 0 });
      expect(found.hits.map((hit) => hit.id)).toContain(quokka.id); // search relaxes the question to "rotate"…
      const { conversation } = await start(socket, botCollection, question);
      expect(conversation.botOutcome).toBeNull(); // …which is no answer
      expect(await timeline(conversation.id)).toEqual([{ sender: 'visitor', kind: 'text', body: question, card: null }]);
      expect((await allOpen()).map((row) => row.id)).toContain(conversation.id);
    });

    it('writing again instead of choosing counts as "I still need help"', async () => {
      const socket = await visitor();
      const { conversation } = await start(socket, botCollection);
      const sent = await request<Ok<{ message: MessageView }>>(socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'None of these, my tokens are locked' });
      expect(sent.ok).toBe(true);
      expect(await Conversation.findByPk(conversation.id)).toMatchObject({ botOutcome: 'escalated' });
      expect((await timeline(conversation.id)).map((m) => m.body)).toContain('The visitor still needs help: passed to the team');
      expect((await allOpen()).map((row) => row.id)).toContain(conversation.id);
    });

    it('answers only the conversation’s own visitor, only valid answers, and only where it made an offer', async () => {
      const owner = await visitor();
      const { conversation } = await start(owner, botCollection);
      const stranger = await visitor();
      const before = await timeline(conversation.id);

      expect(await request<Refusal>(stranger, 'conversation:bot-answer', { conversationId: conversation.id, helped: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const invalid = await request<Refusal>(owner, 'conversation:bot-answer', { conversationId: conversation.id, helped: 'yes' });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(invalid.error.message).toContain('helped');
      expect(await request<Refusal>(owner, 'conversation:bot-answer', { conversationId: 999_999, helped: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const plain = (await start(owner, plainCollection, 'Hello there')).conversation;
      expect(await request<Refusal>(owner, 'conversation:bot-answer', { conversationId: plain.id, helped: true })).toMatchObject({ ok: false, error: { code: 'invalid', message: 'The answer bot made no offer in this conversation.' } });

      expect(await timeline(conversation.id)).toEqual(before);
      expect(await Conversation.findByPk(conversation.id)).toMatchObject({ botOutcome: 'offered', status: 'open' });
    });
  });
});
