import { randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { StaffView } from '../../../core/accounts/index.ts';
import { presentStaff } from '../../../core/accounts/presenters.ts';
import { loadChatSecrets } from '../../../core/chat/chat-secrets.ts';
import { chatMailAddressing } from '../../../core/chat/email/chat-mail-addressing.ts';
import { VisitorReplyMailer } from '../../../core/chat/email/visitor-reply-mailer.ts';
import { createLogger } from '../../../core/logger.ts';
import { MailWorker } from '../../../core/mail/mail-worker.ts';
import { enqueueMail } from '../../../core/mail/outbox.ts';
import { smtpTransport } from '../../../core/mail/transport.ts';
import { OutboxMessage, User } from '../../../core/models/index.ts';
import { SmtpSink } from '../../support/smtp-sink.ts';
import { createTestCore } from '../../support/test-core.ts';

const logger = createLogger('silent', false);

describe('chat email workers', () => {
  let core: Core;
  let smtp: SmtpSink;
  let olga: StaffView;
  let petr: StaffView;

  const operator = async (email: string, roles: Array<'admin' | 'author' | 'operator'> = ['operator']) => presentStaff(await User.create({ email, name: email.split('@')[0]!, passwordHash: null, roles, authorId: null, deactivatedAt: null }));
  /** A visitor with an address and a conversation, through the domain as the socket handlers call it. */
  const conversation = async (email: string | null) => {
    const { visitorId } = await core.chat.connectVisitor({ facts: {} });
    if (email) await core.chatEmail.setVisitorEmail(visitorId, email);
    const { conversation } = await core.chat.startConversation(visitorId, { clientId: randomUUID(), body: 'Hello?', origin: { kind: 'launcher' } });
    return { visitorId, conversationId: conversation.id };
  };
  const mailsTo = (recipient: string) => OutboxMessage.count({ where: { recipient } });

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    // No background workers: each test runs the ones it is about. No delay: replies are due at once.
    core = await createTestCore({ CHAT_EMAIL_DELAY_MS: '0', OPERATOR_ALERT_INTERVAL_MS: '60000' }, { mailWorker: false });
    olga = await operator('olga@acme.example');
    petr = await operator('petr@acme.example', ['admin']);
    await operator('anna@acme.example', ['author']);
  });
  afterAll(async () => {
    await core.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await OutboxMessage.destroy({ where: {} });
    await core.sequelize.query("UPDATE users SET presence = 'offline'");
    smtp.received.length = 0;
  });

  it('two instances’ reply mailers queue each batch exactly once', async () => {
    const conversations = [];
    for (let i = 0; i < 30; i++) conversations.push(await conversation(`visitor${i}@example.com`));
    for (const { conversationId } of conversations) await core.chat.agentMessage(olga, { conversationId, clientId: randomUUID(), body: 'Answer', kind: 'text' });
    const other = new Sequelize(core.config.DATABASE_URL!, { logging: false });
    const { mailKey } = await loadChatSecrets(core.sequelize);
    const addressing = async () => chatMailAddressing(mailKey, core.config.PUBLIC_URL, core.config.MAIL_REPLY_DOMAIN);
    const mailers = [core.sequelize, other].map((sequelize) => new VisitorReplyMailer({ sequelize, addressing, publicUrl: core.config.PUBLIC_URL, logger, options: { delayMs: 0, pollMs: 10 } }));
    const counts = await Promise.all([...mailers, ...mailers].map((mailer) => mailer.queueDue()));
    await other.close();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    for (let i = 0; i < 30; i++) expect(await mailsTo(`visitor${i}@example.com`)).toBe(1);
  });

  it('measures the outbox: 500 emails through one worker into the SMTP sink, each once', async () => {
    const count = 500;
    await core.sequelize.transaction(async (transaction) => {
      for (let i = 0; i < count; i++) await enqueueMail({ to: `reader${i}@example.com`, subject: `Batch ${i}`, text: `Reply ${i}`, replyTo: 'reply+1-0123456789abcdef01234567@help.acme.example' }, transaction);
    });
    const worker = new MailWorker(core.sequelize, smtpTransport(smtp.url, 'Deflect <no-reply@localhost>'), logger, { pollMs: 10 });
    const started = Date.now();
    worker.start();
    await smtp.waitFor(count, 120_000);
    const seconds = (Date.now() - started) / 1000;
    await worker.stop();
    console.info(`outbox throughput: ${count} emails in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(0)} emails/s (one worker, one SMTP connection per email)`);
    expect(new Set(smtp.received.map((m) => m.subject)).size).toBe(count);
    expect(smtp.received.every((m) => m.replyTo === 'reply+1-0123456789abcdef01234567@help.acme.example')).toBe(true);
  }, 180_000);

  it('emails every operator (not authors) when a visitor writes and nobody is online — once per interval', async () => {
    const { visitorId, conversationId } = await conversation(null);
    for (const body of ['Anyone there?', 'Hello??']) await core.chat.visitorMessage(visitorId, { conversationId, clientId: randomUUID(), body });
    await expect.poll(() => OutboxMessage.count()).toBe(2);
    const mails = await OutboxMessage.findAll({ order: [['recipient', 'ASC']] });
    expect(mails.map((m) => m.recipient)).toEqual(['olga@acme.example', 'petr@acme.example']);
    expect(mails[0]!.subject).toBe(`A visitor is waiting on Acme Help (#${conversationId})`);
    expect(mails[0]!.text).toContain(`/admin/inbox#conversation-${conversationId}`);
    // The first message of the conversation alerted; the two after it, within the interval, did not.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await OutboxMessage.count()).toBe(2);
  });

  it('emails nobody while an operator is online, and only the assignee of an assigned conversation otherwise', async () => {
    await core.chat.setPresence(olga.id, 'online');
    const quiet = await conversation(null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await OutboxMessage.count()).toBe(0);

    await core.chat.assign(petr, quiet.conversationId, petr.id);
    await core.chat.setPresence(olga.id, 'away');
    await core.chat.visitorMessage(quiet.visitorId, { conversationId: quiet.conversationId, clientId: randomUUID(), body: 'Still there?' });
    await expect.poll(() => mailsTo('petr@acme.example')).toBe(1);
    expect(await mailsTo('olga@acme.example')).toBe(0);
  });

  it('emails an operator who is not online when someone else assigns them a conversation', async () => {
    await core.chat.setPresence(petr.id, 'online');
    const { conversationId } = await conversation(null);
    await core.chat.assign(petr, conversationId, olga.id);
    await expect.poll(() => mailsTo('olga@acme.example')).toBe(1);
    expect((await OutboxMessage.findOne({ where: { recipient: 'olga@acme.example' }, rejectOnEmpty: true })).subject).toBe(`Conversation #${conversationId} on Acme Help was assigned to you`);
    await core.chat.assign(petr, conversationId, petr.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo('petr@acme.example')).toBe(0);
  });

  it('emails an operator who is not online when a conversation is transferred to them, once however often the transfer is resent', async () => {
    await core.chat.setPresence(petr.id, 'online');
    const { conversationId } = await conversation(null);
    const transfer = { conversationId, assigneeId: olga.id, note: 'She asked for you by name.', clientId: randomUUID() };
    await core.chat.transfer(petr, transfer);
    await core.chat.transfer(petr, transfer);
    await expect.poll(() => mailsTo('olga@acme.example')).toBe(1);
    expect((await OutboxMessage.findOne({ where: { recipient: 'olga@acme.example' }, rejectOnEmpty: true })).subject).toBe(`Conversation #${conversationId} on Acme Help was assigned to you`);
  });
});
