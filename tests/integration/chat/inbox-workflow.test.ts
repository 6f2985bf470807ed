import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import type { AuditAction } from '../../../core/audit/audit-log.ts';
import type { ConversationView, MessageView } from '../../../core/chat/index.ts';
import { AuditEntry, Conversation, Message, Session, User } from '../../../core/models/index.ts';
import type { Role } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
type Refusal = { ok: false; error: { code: string; message: string } };
type Row = ConversationView & { assigneeName: string | null };

describe('inbox workflow: transfer, snooze, audit', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  const sockets: Socket[] = [];
  const staff = async (email: string, name: string, roles: Role[] = ['operator']) => {
    const user = await User.create({ email, name, passwordHash: null, roles, authorId: null, deactivatedAt: null });
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    const socket = roles.includes('operator') || roles.includes('admin') ? await connectClient(harness.url, '/agent', { cookie: `deflect_session=${token}` }) : undefined;
    if (socket) sockets.push(socket);
    return { user, socket: socket! };
  };
  const visitor = async () => {
    const socket = await connectClient(harness.url, '/visitor');
    sockets.push(socket);
    const received: MessageView[] = [];
    socket.on('message', (m: MessageView) => received.push(m));
    return { socket, received };
  };
  const start = async (socket: Socket, body: string) => (await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body })).conversation.id;
  const list = async (socket: Socket, view: string) => (await request<Ok<{ conversations: Row[] }>>(socket, 'inbox:list', { view })).conversations;
  const timeline = async (socket: Socket, conversationId: number) => (await request<Ok<{ messages: MessageView[] }>>(socket, 'conversation:sync', { conversationId, afterSeq: 0 })).messages;
  const audited = (action: AuditAction, conversationId: number) => AuditEntry.findAll({ where: { action, targetType: 'conversation', targetId: String(conversationId) } });
  /** Everything stored about conversations: a refused request must leave it as it was. */
  const snapshot = async () => ({ messages: await Message.count(), audit: await AuditEntry.count(), conversations: (await Conversation.findAll({ order: [['id', 'ASC']], raw: true })).map((c) => JSON.stringify(c)) });

  let alice: Awaited<ReturnType<typeof staff>>;
  let bob: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core, { snoozeCheckMs: 100 });
    alice = await staff('alice@acme.example', 'Alice Agent');
    bob = await staff('bob@acme.example', 'Bob Billing');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  it('transfers with a note in one request: the note stays internal, the event names both, the new owner lists it under Mine live', async () => {
    const customer = await visitor();
    const conversationId = await start(customer.socket, 'I need a refund for March');
    await request(alice.socket, 'conversation:assign', { conversationId, assigneeId: alice.user.id });
    const bobSees: Row[] = [];
    bob.socket.on('conversation:updated', (c: Row) => bobSees.push(c));

    const clientId = randomUUID();
    const answer = await request<Ok<{ messages: MessageView[]; duplicate: boolean }>>(alice.socket, 'conversation:transfer', { conversationId, assigneeId: bob.user.id, clientId, note: '  Customer was double-charged; please refund.  ' });
    expect(answer).toMatchObject({ ok: true, duplicate: false });
    expect(answer.messages.map((m) => [m.kind, m.sender, m.body])).toEqual([
      ['note', 'agent', 'Customer was double-charged; please refund.'],
      ['event', 'system', 'Transferred to Bob Billing by Alice Agent'],
    ]);
    await expect.poll(() => bobSees.some((c) => c.id === conversationId && c.assigneeId === bob.user.id)).toBe(true);
    const mine = await list(bob.socket, 'mine');
    expect(mine.find((c) => c.id === conversationId)).toMatchObject({ assigneeId: bob.user.id, assigneeName: 'Bob Billing' });
    expect((await list(alice.socket, 'mine')).map((c) => c.id)).not.toContain(conversationId);
    // Bob reads the whole history, the note included.
    expect((await timeline(bob.socket, conversationId)).map((m) => m.body)).toEqual(['I need a refund for March', 'Assigned to Alice Agent by Alice Agent', 'Customer was double-charged; please refund.', 'Transferred to Bob Billing by Alice Agent']);

    // The visitor hears of the transfer, never of the note.
    await expect.poll(() => customer.received.map((m) => m.body)).toContain('Transferred to Bob Billing by Alice Agent');
    expect(customer.received.map((m) => m.body)).not.toContain('Customer was double-charged; please refund.');
    expect((await audited('conversation.transfer', conversationId)).map((e) => [e.actorLabel, e.summary])).toEqual([['alice@acme.example', 'Transferred to Bob Billing by Alice Agent: Customer was double-charged; please refund.']]);

    // The same transfer sent again (a lost ack) changes nothing.
    const before = await snapshot();
    const again = await request<Ok<{ messages: MessageView[]; duplicate: boolean }>>(alice.socket, 'conversation:transfer', { conversationId, assigneeId: bob.user.id, clientId, note: 'Customer was double-charged; please refund.' });
    expect(again).toMatchObject({ ok: true, duplicate: true, messages: [{ clientId, seq: answer.messages[0]!.seq }] });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a transfer to a deactivated account, a non-operator or nobody, and a transfer without a note — storing nothing', async () => {
    const customer = await visitor();
    const conversationId = await start(customer.socket, 'Where is my parcel?');
    const gone = await staff('gone@acme.example', 'Gone Operator');
    await gone.user.update({ deactivatedAt: new Date() });
    const author = await staff('ann@acme.example', 'Ann Author', ['author']);
    await request(alice.socket, 'conversation:assign', { conversationId, assigneeId: bob.user.id });
    const before = await snapshot();
    const transfer = (assigneeId: number, note = 'over to you') => request<Refusal>(alice.socket, 'conversation:transfer', { conversationId, assigneeId, clientId: randomUUID(), note });
    expect(await transfer(gone.user.id)).toEqual({ ok: false, error: { code: 'invalid', message: 'assigneeId: not an active operator.' } });
    expect(await transfer(author.user.id)).toEqual({ ok: false, error: { code: 'invalid', message: 'assigneeId: not an active operator.' } });
    expect(await transfer(999_999)).toEqual({ ok: false, error: { code: 'invalid', message: 'assigneeId: not an active operator.' } });
    expect(await transfer(bob.user.id, '   ')).toEqual({ ok: false, error: { code: 'invalid', message: 'note: note is empty' } });
    // Refused after the note was written: the note goes with the rest (one transaction).
    expect(await transfer(bob.user.id)).toEqual({ ok: false, error: { code: 'invalid', message: 'Already assigned to Bob Billing.' } });
    expect(await request<Refusal>(alice.socket, 'conversation:transfer', { conversationId: 999_999, assigneeId: bob.user.id, clientId: randomUUID(), note: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request<Refusal>(alice.socket, 'conversation:assign', { conversationId, assigneeId: gone.user.id })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await snapshot()).toEqual(before);
  });

  it('snoozes out of the lists into Snoozed; the visitor writing wakes it at once', async () => {
    const customer = await visitor();
    const conversationId = await start(customer.socket, 'Call me back next week');
    const until = new Date(Date.now() + 3_600_000);
    const snoozed = await request<Ok<{ message: MessageView }>>(alice.socket, 'conversation:snooze', { conversationId, until: until.toISOString(), timeZone: 'Europe/Berlin' });
    expect(snoozed.message).toMatchObject({ kind: 'note', sender: 'system', body: expect.stringMatching(/^Snoozed until \w{3} \d{1,2} \w{3}, \d{2}:\d{2} (CET|CEST|GMT\+\d) by Alice Agent$/) });
    for (const view of ['all', 'unassigned']) expect((await list(alice.socket, view)).map((c) => c.id)).not.toContain(conversationId);
    expect((await list(alice.socket, 'snoozed')).find((c) => c.id === conversationId)).toMatchObject({ snoozedUntil: until.toISOString() });

    const updates: Row[] = [];
    alice.socket.on('conversation:updated', (c: Row) => updates.push(c));
    await request(customer.socket, 'message:send', { conversationId, clientId: randomUUID(), body: 'Actually, can we talk now?' });
    await expect.poll(() => updates.find((c) => c.id === conversationId)?.snoozedUntil).toBeNull();
    expect((await list(alice.socket, 'all')).map((c) => c.id)).toContain(conversationId);
    expect((await list(alice.socket, 'snoozed')).map((c) => c.id)).not.toContain(conversationId);
    // Snoozing is the team's business: the visitor never got the event.
    expect(customer.received.some((m) => m.body.startsWith('Snoozed'))).toBe(false);
  });

  it('wakes a snooze when its time comes, with an event every operator receives', async () => {
    const customer = await visitor();
    const conversationId = await start(customer.socket, 'Remind me in a second');
    const woken: Array<MessageView & { conversation: ConversationView }> = [];
    bob.socket.on('message', (m: MessageView & { conversation: ConversationView }) => woken.push(m));
    await request(alice.socket, 'conversation:snooze', { conversationId, until: new Date(Date.now() + 1_000).toISOString() });
    expect((await list(bob.socket, 'all')).map((c) => c.id)).not.toContain(conversationId);
    await expect.poll(() => woken.find((m) => m.conversationId === conversationId && m.body === 'Snooze ended'), { timeout: 5_000 }).toMatchObject({ conversation: { snoozedUntil: null } });
    expect((await list(bob.socket, 'all')).map((c) => c.id)).toContain(conversationId);
    expect(await Message.count({ where: { conversationId, body: 'Snooze ended' } })).toBe(1);
  });

  it('refuses a snooze in the past, too far ahead, in an unknown zone or of a closed conversation — storing nothing', async () => {
    const customer = await visitor();
    const conversationId = await start(customer.socket, 'hello');
    await request(alice.socket, 'conversation:close', { conversationId });
    const open = await start(customer.socket, 'second one');
    const before = await snapshot();
    const snooze = (payload: object) => request<Refusal>(alice.socket, 'conversation:snooze', { conversationId: open, until: new Date(Date.now() + 3_600_000).toISOString(), ...payload });
    expect(await snooze({ until: new Date(Date.now() - 1_000).toISOString() })).toEqual({ ok: false, error: { code: 'invalid', message: 'until: must be in the future.' } });
    expect(await snooze({ until: new Date(Date.now() + 400 * 86_400_000).toISOString() })).toEqual({ ok: false, error: { code: 'invalid', message: 'until: at most 366 days ahead.' } });
    expect(await snooze({ until: 'next tuesday' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('until: not an ISO date-time') } });
    expect(await snooze({ timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('not a known time zone') } });
    expect(await snooze({ conversationId })).toEqual({ ok: false, error: { code: 'invalid', message: 'Only an open conversation can be snoozed.' } });
    expect(await request<Refusal>(alice.socket, 'conversation:unsnooze', { conversationId: open })).toEqual({ ok: false, error: { code: 'invalid', message: 'The conversation is not snoozed.' } });
    expect(await snapshot()).toEqual(before);
  });

  it('writes every state change to the audit log, with who did it', async () => {
    const customer = await visitor();
    const conversationId = await start(customer.socket, 'audit me');
    const steps: Array<[string, object]> = [
      ['conversation:assign', { assigneeId: bob.user.id }],
      ['conversation:assign', { assigneeId: null }],
      ['conversation:snooze', { until: new Date(Date.now() + 3_600_000).toISOString() }],
      ['conversation:unsnooze', {}],
      ['conversation:close', {}],
      ['conversation:reopen', {}],
    ];
    for (const [event, payload] of steps) expect(await request(alice.socket, event, { conversationId, ...payload })).toMatchObject({ ok: true });
    const { entries } = await core.audit.list({ limit: 10, offset: 0 });
    const ours = entries.filter((e) => e.target === `conversation ${conversationId}`).reverse();
    expect(ours.map((e) => [e.actor, e.action])).toEqual([
      ['alice@acme.example', 'conversation.assign'],
      ['alice@acme.example', 'conversation.unassign'],
      ['alice@acme.example', 'conversation.snooze'],
      ['alice@acme.example', 'conversation.unsnooze'],
      ['alice@acme.example', 'conversation.close'],
      ['alice@acme.example', 'conversation.reopen'],
    ]);
    expect(ours.map((e) => e.summary)).toEqual(['Assigned to Bob Billing by Alice Agent', 'Unassigned by Alice Agent', expect.stringMatching(/^Snoozed until .* by Alice Agent \(\d{4}-.*Z\)$/), 'Unsnoozed by Alice Agent', 'Closed by Alice Agent', 'Reopened by Alice Agent']);
  });
});
