import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import { userHash } from '../../../core/chat/identity.ts';
import { loadChatSecrets } from '../../../core/chat/chat-secrets.ts';
import { Message, Session, User } from '../../../core/models/index.ts';
import { connectClient, next, request, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
type MessageView = { conversationId: number; seq: number; clientId: string; kind: string; body: string; sender: string };

describe('chat over socket.io', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let operatorCookie: string;
  const sockets: Socket[] = [];
  const visitor = async (auth: object = {}) => {
    const socket = await connectClient(harness.url, '/visitor', { auth });
    sockets.push(socket);
    return socket;
  };
  const cookieFor = async (roles: Array<'admin' | 'author' | 'operator'>, email: string) => {
    const user = await User.create({ email, name: email.split('@')[0]!, passwordHash: null, roles, authorId: null, deactivatedAt: null });
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    return `deflect_session=${token}`;
  };

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core);
    operatorCookie = await cookieFor(['operator'], 'olga@acme.example');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  it('gives a visitor a token that brings their history back on the next visit', async () => {
    const first = await visitor();
    const session = await first.session;
    const started = await request<Ok<{ conversation: { id: number }; message: MessageView }>>(first, 'conversation:start', { clientId: randomUUID(), body: '  How do I export invoices?  ' });
    expect(started).toMatchObject({ ok: true, message: { seq: 1, body: 'How do I export invoices?', sender: 'visitor' } });
    first.disconnect();

    const again = await visitor({ token: session.token });
    const list = await request<Ok<{ conversations: Array<{ id: number }> }>>(again, 'conversations:list', {});
    expect(list.conversations.map((c) => c.id)).toEqual([started.conversation.id]);
    const sync = await request<Ok<{ messages: MessageView[] }>>(again, 'conversation:sync', { conversationId: started.conversation.id, afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(['How do I export invoices?']);

    const forged = await visitor({ token: `${session.visitorId}.forged-signature` });
    expect((await request<Ok<{ conversations: unknown[] }>>(forged, 'conversations:list', {})).conversations).toEqual([]);
  });

  it('stores a resent message once and answers the resend with the original ack', async () => {
    const socket = await visitor();
    const clientId = randomUUID();
    const started = await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body: 'hello' });
    const payload = { conversationId: started.conversation.id, clientId, body: 'are you there?' };
    const [a, b] = await Promise.all([request<Ok<{ message: MessageView; duplicate: boolean }>>(socket, 'message:send', payload), request<Ok<{ message: MessageView; duplicate: boolean }>>(socket, 'message:send', payload)]);
    const c = await request<Ok<{ message: MessageView; duplicate: boolean }>>(socket, 'message:send', payload);
    expect([a.message.seq, b.message.seq, c.message.seq]).toEqual([2, 2, 2]);
    expect([a.duplicate, b.duplicate, c.duplicate].filter(Boolean)).toHaveLength(2);
    expect(await Message.count({ where: { clientId } })).toBe(1);
  });

  it('refuses bad messages with a clear error and stores nothing', async () => {
    const socket = await visitor();
    const started = await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body: 'first' });
    const before = await Message.count();
    const conversationId = started.conversation.id;
    const answers = await Promise.all([
      request(socket, 'message:send', { conversationId, clientId: randomUUID(), body: '   ' }),
      request(socket, 'message:send', { conversationId, clientId: randomUUID(), body: 'x'.repeat(5_001) }),
      request(socket, 'message:send', { conversationId, clientId: 'not-a-uuid', body: 'hi' }),
      request(socket, 'message:send', { conversationId: 999_999, clientId: randomUUID(), body: 'hi' }),
    ]);
    expect(answers).toEqual([
      { ok: false, error: { code: 'invalid', message: 'body: message is empty' } },
      { ok: false, error: { code: 'invalid', message: 'body: message is longer than 5000 characters' } },
      { ok: false, error: { code: 'invalid', message: 'clientId: clientId: not a UUID' } },
      { ok: false, error: { code: 'not_found', message: 'No such conversation.' } },
    ]);
    expect(await Message.count()).toBe(before);
  });

  it('never lets a visitor read or write another visitor’s conversation', async () => {
    const alice = await visitor();
    const mallory = await visitor();
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(alice, 'conversation:start', { clientId: randomUUID(), body: 'my card number is …' });
    const received: unknown[] = [];
    mallory.on('message', (m) => received.push(m));
    expect(await request(mallory, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } });
    expect(await request(mallory, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'hi' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await request(alice, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'second' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([]);
  });

  it('refuses the operator namespace without a session or without the inbox permission', async () => {
    await expect(connectClient(harness.url, '/agent')).rejects.toThrow('sign in first');
    await expect(connectClient(harness.url, '/agent', { cookie: await cookieFor(['author'], 'ann@acme.example') })).rejects.toThrow('your role does not include the inbox');
    await expect(connectClient(harness.url, '/visitor', { origin: 'https://evil.example' })).rejects.toThrow();
  });

  it('delivers in real time both ways; internal notes never reach the visitor; the first reply claims the conversation', async () => {
    const agent = await connectClient(harness.url, '/agent', { cookie: operatorCookie });
    sockets.push(agent);
    const customer = await visitor();
    const incoming = next<MessageView>(agent, 'message');
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'I was charged twice' });
    expect(await incoming).toMatchObject({ conversationId: conversation.id, body: 'I was charged twice' });

    const seenByVisitor: MessageView[] = [];
    customer.on('message', (m: MessageView) => seenByVisitor.push(m));
    await request(agent, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'refund approved by finance', kind: 'note' });
    const reply = await request<Ok<{ message: MessageView }>>(agent, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'Refunded — sorry about that!' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seenByVisitor.map((m) => m.body)).toEqual(['Refunded — sorry about that!']);
    expect(reply.message.seq).toBe(3);
    const catchUp = await request<Ok<{ messages: MessageView[] }>>(customer, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 });
    expect(catchUp.messages.map((m) => m.seq)).toEqual([1, 3]);

    const inbox = await request<Ok<{ conversations: Array<{ id: number; assigneeId: number | null }> }>>(agent, 'inbox:list', { view: 'mine' });
    expect(inbox.conversations.map((c) => c.id)).toContain(conversation.id);
  });

  it('verifies host-site identities: a valid user_hash joins the same history everywhere, a forged one is refused', async () => {
    const { identityKey } = await loadChatSecrets(core.sequelize);
    const identity = { userId: 'crm-4711', userHash: userHash(identityKey, 'crm-4711'), name: 'Grace Hopper', email: 'grace@example.com' };
    const laptop = await visitor({ identity });
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(laptop, 'conversation:start', { clientId: randomUUID(), body: 'from my laptop' });
    const phone = await visitor({ identity });
    expect((await request<Ok<{ conversations: Array<{ id: number }> }>>(phone, 'conversations:list', {})).conversations.map((c) => c.id)).toEqual([conversation.id]);
    await expect(visitor({ identity: { ...identity, userId: 'crm-1' } })).rejects.toThrow('user_hash does not match user_id');
  });

  it('disconnects an operator’s sockets when they sign out', async () => {
    const agent = await connectClient(harness.url, '/agent', { cookie: operatorCookie });
    sockets.push(agent);
    const gone = next(agent, 'disconnect');
    const olga = (await User.findOne({ where: { email: 'olga@acme.example' } }))!;
    await core.accounts.endSession(operatorCookie.split('=')[1], { id: olga.id, email: olga.email, name: olga.name, avatarUrl: null, roles: olga.roles, deactivated: false });
    expect(await gone).toBe('io server disconnect');
    await expect(connectClient(harness.url, '/agent', { cookie: operatorCookie })).rejects.toThrow('sign in first');
  });

  it('slows down a visitor who floods: a clear rate_limited answer, nothing stored past the limit', async () => {
    const socket = await visitor();
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body: 'flood' });
    const answers = await Promise.all(Array.from({ length: 65 }, (_, i) => request<{ ok: boolean; error?: { code: string; message: string } }>(socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: `spam ${i}` })));
    expect(answers.filter((a) => a.ok)).toHaveLength(60);
    expect(answers.find((a) => !a.ok)?.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many messages: try again in \d+ s\.$/) });
    expect(await Message.count({ where: { conversationId: conversation.id } })).toBe(61);
  });
});
