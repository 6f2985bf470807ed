import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { createLogger } from '../../../core/logger.ts';
import { MailWorker } from '../../../core/mail/mail-worker.ts';
import { enqueueMail } from '../../../core/mail/outbox.ts';
import { smtpTransport, type MailTransport } from '../../../core/mail/transport.ts';
import { OutboxMessage } from '../../../core/models/index.ts';
import { SmtpSink } from '../../support/smtp-sink.ts';
import { createTestCore } from '../../support/test-core.ts';

const logger = createLogger('silent', false);

/** An SMTP transport that also counts what it sent, to see that both workers took part. */
function countingTransport(url: string): MailTransport & { sent: number } {
  const inner = smtpTransport(url, 'Deflect <no-reply@localhost>');
  const transport = { ...inner, sent: 0, send: async (mail: Parameters<MailTransport['send']>[0]) => {
    await inner.send(mail);
    transport.sent++;
  } };
  return transport;
}

describe('mail worker', () => {
  let core: Core;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    // The core's own worker stays off: each test runs the workers it is about.
    core = await createTestCore({}, { mailWorker: false });
  });
  afterAll(async () => {
    await core.close();
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    smtp.attempts = 0;
    smtp.refuse = undefined;
    smtp.delayMs = 0;
    await OutboxMessage.destroy({ where: {} });
  });

  it('retries a refused mail with growing waits, then marks it failed with the server’s error', async () => {
    smtp.refuse = 'mailbox temporarily unavailable';
    const worker = new MailWorker(core.sequelize, smtpTransport(smtp.url, 'Deflect <no-reply@localhost>'), logger, { pollMs: 20, retryBaseMs: 100, maxAttempts: 3 });
    await enqueueMail({ to: 'ada@acme.example', subject: 'Invitation', text: 'Join us: http://localhost/admin/join?token=abc' });
    const started = Date.now();
    worker.start();
    await expect.poll(async () => (await OutboxMessage.findOne({ where: { recipient: 'ada@acme.example' } }))?.status, { timeout: 10_000 }).toBe('failed');
    // Waits of 100 then 200 ms between the three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await worker.stop();
    const row = await OutboxMessage.findOne({ where: { recipient: 'ada@acme.example' }, rejectOnEmpty: true });
    expect(row.attempts).toBe(3);
    expect(row.lastError).toMatch(/451.*mailbox temporarily unavailable/);
    expect(row.sentAt).toBeNull();
    expect(row.text).not.toContain('token=');
    expect(smtp.attempts).toBe(3);
    expect(smtp.received).toEqual([]);
  });

  it('sends a mail that failed once on its next attempt', async () => {
    smtp.refuse = 'greylisted, try again later';
    const worker = new MailWorker(core.sequelize, smtpTransport(smtp.url, 'Deflect <no-reply@localhost>'), logger, { pollMs: 20, retryBaseMs: 200, maxAttempts: 3 });
    await enqueueMail({ to: 'bob@acme.example', subject: 'Welcome', text: 'Hello.' });
    worker.start();
    await expect.poll(() => smtp.attempts).toBe(1);
    smtp.refuse = undefined;
    await smtp.waitFor(1);
    await worker.stop();
    const row = await OutboxMessage.findOne({ where: { recipient: 'bob@acme.example' }, rejectOnEmpty: true });
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('two workers with their own connections to one database never send a message twice', async () => {
    smtp.delayMs = 15;
    const count = 40;
    await core.sequelize.transaction(async (transaction) => {
      for (let i = 0; i < count; i++) await enqueueMail({ to: `person${i}@acme.example`, subject: `Message ${i}`, text: `Body ${i}` }, transaction);
    });
    // A second instance: its own pool on the same database.
    const other = new Sequelize(core.config.DATABASE_URL!, { logging: false });
    const [first, second] = [countingTransport(smtp.url), countingTransport(smtp.url)];
    const workers = [new MailWorker(core.sequelize, first, logger, { pollMs: 10 }), new MailWorker(other, second, logger, { pollMs: 10 })];
    for (const worker of workers) worker.start();
    await smtp.waitFor(count, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all(workers.map((worker) => worker.stop()));
    await other.close();

    const subjects = smtp.received.map((mail) => mail.subject);
    expect(subjects).toHaveLength(count);
    expect(new Set(subjects).size).toBe(count);
    expect(first.sent).toBeGreaterThan(0);
    expect(second.sent).toBeGreaterThan(0);
    expect(await OutboxMessage.count({ where: { status: 'sent', attempts: 1 } })).toBe(count);
  });

  it('stops cleanly: the message being sent is finished and recorded', async () => {
    smtp.delayMs = 300;
    const worker = new MailWorker(core.sequelize, smtpTransport(smtp.url, 'Deflect <no-reply@localhost>'), logger, { pollMs: 10 });
    await enqueueMail({ to: 'cy@acme.example', subject: 'Slow', text: 'Takes a while.' });
    worker.start();
    await expect.poll(() => smtp.attempts).toBe(1);
    await worker.stop();
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['Slow']);
    expect((await OutboxMessage.findOne({ where: { recipient: 'cy@acme.example' }, rejectOnEmpty: true })).status).toBe('sent');
  });
});
