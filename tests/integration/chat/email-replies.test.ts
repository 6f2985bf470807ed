import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import { loadChatSecrets } from '../../../core/chat/chat-secrets.ts';
import { findReplyTarget } from '../../../core/chat/email/reply-address.ts';
import { verifyResumeToken } from '../../../core/chat/email/resume-link.ts';
import { OutboxMessage, Session, User } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness } from '../../support/chat-harness.ts';
import { SmtpSink } from '../../support/smtp-sink.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
const DELAY_MS = 300;

/** Operator replies that the visitor has not read reach them by email, once, and only then. */
describe('chat replies by email', () => {
  let core: Core;
  let smtp: SmtpSink;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let operator: Socket;
  const sockets: Socket[] = [];

  /** A visitor with an email address and an open conversation. */
  const visitorWithConversation = async (email: string, locale = 'en') => {
    const socket = await connectClient(harness.url, '/visitor', { auth: { context: { locale } } });
    sockets.push(socket);
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body: 'Where is my invoice?' });
    expect(await request(socket, 'visitor:email', { email })).toMatchObject({ ok: true, email: email.toLowerCase() });
    return { socket, conversationId: conversation.id };
  };
  const reply = (conversationId: number, body: string, kind: 'text' | 'note' = 'text') => request<Ok<{ message: { seq: number } }>>(operator, 'message:send', { conversationId, clientId: randomUUID(), body, kind });
  const scheduleCleared = (conversationId: number) =>
    expect.poll(async () => (await core.sequelize.query<{ pending: boolean }>('SELECT pending_since IS NOT NULL AS pending FROM visitor_reply_emails WHERE conversation_id = :conversationId', { replacements: { conversationId }, type: QueryTypes.SELECT, plain: true }))?.pending, { timeout: 5_000 }).toBe(false);

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    core = await createTestCore({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://help.acme.example', CHAT_EMAIL_DELAY_MS: String(DELAY_MS) }, { mailWorker: { pollMs: 50, retryBaseMs: 200 }, replyMailer: { pollMs: 50 } });
    harness = await startChatHarness(core);
    const user = await User.create({ email: 'olga@acme.example', name: 'Olga', passwordHash: null, roles: ['operator'], authorId: null, deactivatedAt: null });
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    operator = await connectClient(harness.url, '/agent', { cookie: `deflect_session=${token}` });
    sockets.push(operator);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.refuse = undefined;
  });

  it('emails the unseen replies after the delay, with the operator’s name, the reply address and a link back into the chat', async () => {
    const { conversationId, socket } = await visitorWithConversation('Ann@Example.com');
    const visitorId = (await socket.session).visitorId;
    const sentAt = Date.now();
    await reply(conversationId, 'Your invoice is in Billing → Invoices.');
    await reply(conversationId, 'Internal: she asked twice', 'note');
    await reply(conversationId, 'Anything else?');
    const [mail] = await smtp.waitFor(1);
    const latencyMs = mail!.receivedAt - sentAt;
    console.info(`operator reply → email in the sink: ${latencyMs} ms (batching delay ${DELAY_MS} ms)`);
    expect(latencyMs).toBeGreaterThanOrEqual(DELAY_MS);

    expect(mail!.to).toEqual(['ann@example.com']);
    expect(mail!.subject).toBe(`Your conversation with Acme Help (#${conversationId})`);
    expect(mail!.text).toContain('Olga replied:');
    expect(mail!.text).toContain('Your invoice is in Billing → Invoices.');
    expect(mail!.text).toContain('Anything else?');
    expect(mail!.text).not.toContain('Internal');
    const { mailKey } = await loadChatSecrets(core.sequelize);
    expect(mail!.replyTo).toMatch(/^reply\+\d+-[0-9a-f]{24}@help\.acme\.example$/);
    expect(findReplyTarget(mailKey, [mail!.replyTo!])).toEqual({ kind: 'conversation', conversationId });
    const link = /http:\/\/help\.acme\.example\/#chat-resume=(\S+)/.exec(mail!.text);
    expect(verifyResumeToken(mailKey, link![1]!)).toEqual({ conversationId, visitorId });

    // One batch: both replies in one email, and nothing more after it.
    await scheduleCleared(conversationId);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 200));
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing when the visitor read the replies in the chat meanwhile', async () => {
    const { socket, conversationId } = await visitorWithConversation('bo@example.com');
    const { message } = await reply(conversationId, 'Try again now, please.');
    expect(await request(socket, 'seen', { conversationId, seq: message.seq })).toMatchObject({ ok: true });
    await scheduleCleared(conversationId);
    expect(await OutboxMessage.count({ where: { recipient: 'bo@example.com' } })).toBe(0);
    expect(smtp.received).toEqual([]);
  });

  it('emails only what is still unread: a reply after the visitor read the first one, in Russian for a Russian visitor', async () => {
    const { socket, conversationId } = await visitorWithConversation('ivan@example.com', 'ru');
    const first = await reply(conversationId, 'Первый ответ');
    await request(socket, 'seen', { conversationId, seq: first.message.seq });
    await reply(conversationId, 'Второй ответ');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`Ваш разговор с Acme Help (№${conversationId})`);
    expect(mail!.text).toContain('Второй ответ');
    expect(mail!.text).not.toContain('Первый ответ');
  });

  it('delivers once when the mail server is down, then back', async () => {
    smtp.refuse = 'service not available, try later';
    const attemptsBefore = smtp.attempts;
    const { conversationId } = await visitorWithConversation('cy@example.com');
    await reply(conversationId, 'We fixed it.');
    await expect.poll(() => smtp.attempts - attemptsBefore, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    expect(smtp.received).toEqual([]);
    smtp.refuse = undefined;
    await smtp.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.map((m) => m.to)).toEqual([['cy@example.com']]);
    expect(await OutboxMessage.findOne({ where: { recipient: 'cy@example.com' }, rejectOnEmpty: true })).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('refuses an invalid email address clearly and keeps the one given before', async () => {
    const { socket } = await visitorWithConversation('dee@example.com');
    const answers = await Promise.all([request(socket, 'visitor:email', { email: 'not an address' }), request(socket, 'visitor:email', {}), request(socket, 'visitor:email', { email: `${'x'.repeat(320)}@example.com` })]);
    expect(answers).toEqual([
      { ok: false, error: { code: 'invalid', message: 'email: not an email address' } },
      { ok: false, error: { code: 'invalid', message: expect.stringMatching(/^email: /) } },
      { ok: false, error: { code: 'invalid', message: 'email: at most 320 characters' } },
    ]);
    const [row] = await core.sequelize.query<{ email: string }>('SELECT email FROM visitors WHERE id = :id', { replacements: { id: (await socket.session).visitorId }, type: QueryTypes.SELECT });
    expect(row!.email).toBe('dee@example.com');
  });

  it('links visitors who give the same address without handing either the other’s conversations', async () => {
    const first = await visitorWithConversation('shared@example.com');
    const second = await visitorWithConversation('shared@example.com');
    expect(await request(second.socket, 'visitor:email', { email: 'Shared@Example.com' })).toEqual({ ok: true, email: 'shared@example.com', sameEmailVisitors: 1 });
    const list = await request<Ok<{ conversations: Array<{ id: number }> }>>(second.socket, 'conversations:list', {});
    expect(list.conversations.map((c) => c.id)).toEqual([second.conversationId]);
    expect(await request(second.socket, 'conversation:sync', { conversationId: first.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('emails a transcript of what the visitor saw, without internal notes, and only of their own conversation', async () => {
    const { socket, conversationId } = await visitorWithConversation('eve@example.com');
    await reply(conversationId, 'Here is the fix.');
    await reply(conversationId, 'Note: refund approved by finance', 'note');
    await request(socket, 'seen', { conversationId, seq: 3 });
    expect(await request(socket, 'conversation:transcript', { conversationId })).toEqual({ ok: true, to: 'eve@example.com' });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`Transcript of your conversation with Acme Help (#${conversationId})`);
    expect(mail!.text).toMatch(/You \(.+ UTC\):\nWhere is my invoice\?/);
    expect(mail!.text).toMatch(/Olga \(.+ UTC\):\nHere is the fix\./);
    expect(mail!.text).not.toContain('refund approved');
    expect(mail!.replyTo).toMatch(/^reply\+/);

    const stranger = await connectClient(harness.url, '/visitor');
    sockets.push(stranger);
    expect(await request(stranger, 'conversation:transcript', { conversationId })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } });
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(stranger, 'conversation:start', { clientId: randomUUID(), body: 'hi' });
    expect(await request(stranger, 'conversation:transcript', { conversationId: conversation.id })).toEqual({ ok: false, error: { code: 'invalid', message: 'email: give your email address first (visitor:email).' } });
  });

  it('sends one address at most five transcripts an hour, however many new visitors ask for it', async () => {
    const answers = [];
    for (let i = 0; i < 6; i += 1) {
      const { socket, conversationId } = await visitorWithConversation('victim@example.com');
      answers.push(await request(socket, 'conversation:transcript', { conversationId }));
    }
    expect(answers.slice(0, 5).every((a) => a.ok === true)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
