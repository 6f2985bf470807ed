import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import { loadChatSecrets } from '../../../core/chat/chat-secrets.ts';
import { replyAddress } from '../../../core/chat/email/reply-address.ts';
import { createLogger } from '../../../core/logger.ts';
import { InboundSmtpServer } from '../../../core/mail/inbound-smtp.ts';
import { Message, Session, User } from '../../../core/models/index.ts';
import { connectClient, next, request, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
type MessageView = { conversationId: number; seq: number; sender: string; body: string };

/** Replies to chat emails, received by the built-in SMTP receiver, become the visitor's chat messages. */
describe('inbound email replies', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let receiver: InboundSmtpServer;
  let smtpPort: number;
  let mailKey: string;
  let operator: Socket;
  const sockets: Socket[] = [];

  const send = (mail: { from: string; to: string; text: string; messageId?: string }) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail({ subject: 'Re: Your conversation', ...mail });
  const conversationOf = async (email: string | undefined) => {
    const socket = await connectClient(harness.url, '/visitor');
    sockets.push(socket);
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body: 'My export fails' });
    if (email) await request(socket, 'visitor:email', { email });
    return { socket, conversationId: conversation.id, address: replyAddress(mailKey, conversation.id, 'help.acme.example') };
  };
  const messagesOf = async (conversationId: number) => (await Message.findAll({ where: { conversationId }, order: [['seq', 'ASC']] })).map((m) => m.body);

  beforeAll(async () => {
    core = await createTestCore({ PUBLIC_URL: 'http://help.acme.example' }, { mailWorker: false });
    harness = await startChatHarness(core);
    mailKey = (await loadChatSecrets(core.sequelize)).mailKey;
    receiver = new InboundSmtpServer({ acceptsRecipient: core.chatEmail.acceptsRecipient, receive: core.chatEmail.receiveInbound }, createLogger('silent', false));
    smtpPort = await receiver.listen(0, '127.0.0.1');
    const user = await User.create({ email: 'olga@acme.example', name: 'Olga', passwordHash: null, roles: ['operator'], authorId: null, deactivatedAt: null });
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    operator = await connectClient(harness.url, '/agent', { cookie: `deflect_session=${token}` });
    sockets.push(operator);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await receiver.close();
    await harness.close();
    await core.close();
  });

  it('posts the reply without its quote as the visitor’s message, live to operators and the visitor’s tabs', async () => {
    const { socket, conversationId, address } = await conversationOf('ann@example.com');
    const toOperator = next<MessageView & { conversation: { waitingSince: string | null } }>(operator, 'message');
    const toVisitor = next<MessageView>(socket, 'message');
    await send({ from: 'Ann <Ann@Example.com>', to: `Acme Help <${address}>`, text: `It works now, thanks!\n\nOn Tue, 3 Nov 2026 at 10:00, Acme Help <${address}> wrote:\n> Try again please.\n> Olga\n` });
    expect(await toOperator).toMatchObject({ conversationId, seq: 2, sender: 'visitor', body: 'It works now, thanks!', conversation: { waitingSince: expect.any(String) } });
    expect(await toVisitor).toMatchObject({ conversationId, seq: 2, body: 'It works now, thanks!' });
    expect(await messagesOf(conversationId)).toEqual(['My export fails', 'It works now, thanks!']);
  });

  it('posts an email delivered twice (same Message-ID) once', async () => {
    const { conversationId, address } = await conversationOf('bo@example.com');
    const mail = { from: 'bo@example.com', to: address, text: 'Same email, twice.', messageId: '<once-1@example.com>' };
    await send(mail);
    await send(mail);
    expect(await messagesOf(conversationId)).toEqual(['My export fails', 'Same email, twice.']);
  });

  it('refuses a forged or moved token, a mail without one, and a sender who is not the visitor — and stores nothing', async () => {
    const { conversationId, address } = await conversationOf('cy@example.com');
    const other = await conversationOf('dee@example.com');
    const signature = address.split('-')[1]!.split('@')[0]!;
    const before = await Message.count();
    const attempts = [
      // A made-up signature.
      send({ from: 'cy@example.com', to: `reply+${conversationId}-${'0'.repeat(24)}@help.acme.example`, text: 'forged' }),
      // A real signature moved onto another conversation.
      send({ from: 'dee@example.com', to: `reply+${other.conversationId}-${signature}@help.acme.example`, text: 'moved' }),
      // Not a reply address at all: refused at RCPT TO.
      send({ from: 'cy@example.com', to: 'support@help.acme.example', text: 'no token' }),
      // The right address, but from someone else (a forwarded email).
      send({ from: 'mallory@example.com', to: address, text: 'I am Cy, honest' }),
      // Only a quote: nothing of the visitor's own.
      send({ from: 'cy@example.com', to: address, text: '> Try again please.\n> Olga' }),
    ];
    const outcomes = await Promise.allSettled(attempts);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason as { responseCode: number; response: string });
    expect(reasons.map((r) => r.responseCode)).toEqual([550, 550, 550, 550, 550]);
    expect(reasons[0]!.response).toMatch(/Not a valid reply address/);
    expect(reasons[2]!.response).toMatch(/No such mailbox/);
    expect(reasons[3]!.response).toMatch(/Only the address this conversation was emailed to/);
    expect(reasons[4]!.response).toMatch(/no text of its own/);
    expect(await Message.count()).toBe(before);
  });

  it('refuses a reply into a conversation whose visitor never gave an address', async () => {
    const { conversationId, address } = await conversationOf(undefined);
    await expect(send({ from: 'anyone@example.com', to: address, text: 'hello' })).rejects.toMatchObject({ responseCode: 550 });
    expect(await messagesOf(conversationId)).toEqual(['My export fails']);
  });
});
