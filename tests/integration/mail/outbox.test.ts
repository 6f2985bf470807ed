import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../core/app.ts';
import { loadConfig } from '../../../core/config.ts';
import { enqueueMail } from '../../../core/mail/outbox.ts';
import { OutboxMessage } from '../../../core/models/index.ts';
import { SmtpSink } from '../../support/smtp-sink.ts';
import { createTestCore, createTestEnvironment } from '../../support/test-core.ts';

const link = 'http://localhost:4321/admin/reset?token=AbC-123_xyz';

describe('mail outbox', () => {
  let core: Core;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    // A poll far longer than any test: a mail that arrives at once was sent because its enqueue woke the worker.
    core = await createTestCore({ SMTP_URL: smtp.url, MAIL_FROM: 'Acme Help <help@acme.example>' }, { mailWorker: { pollMs: 60_000 } });
  });
  afterAll(async () => {
    await core.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  it('delivers a queued mail over SMTP right after its transaction commits, with its recipient, subject and link', async () => {
    await core.sequelize.transaction((transaction) => enqueueMail({ to: 'ada@acme.example', subject: 'Reset your password', text: `Open ${link} to choose a new password.` }, transaction));
    const [mail] = await smtp.waitFor(1, 5_000);
    expect(mail!.to).toEqual(['ada@acme.example']);
    expect(mail!.subject).toBe('Reset your password');
    expect(mail!.text).toContain(link);
    await expect.poll(async () => (await OutboxMessage.findOne({ where: { recipient: 'ada@acme.example' } }))?.status).toBe('sent');
    const row = await OutboxMessage.findOne({ where: { recipient: 'ada@acme.example' }, rejectOnEmpty: true });
    expect(row).toMatchObject({ attempts: 1, lastError: null, subject: 'Reset your password' });
    expect(row.sentAt).toBeInstanceOf(Date);
    // Sent: the one-time link is no longer in the database.
    expect(row.text).not.toContain('token=');
  });

  it('sends nothing for a mail queued in a transaction that rolls back', async () => {
    const failed = core.sequelize.transaction(async (transaction) => {
      await enqueueMail({ to: 'ghost@acme.example', subject: 'Never', text: 'This change was rolled back.' }, transaction);
      throw new Error('the change failed');
    });
    await expect(failed).rejects.toThrow('the change failed');
    // A committed mail queued after it arrives; the rolled-back one never does.
    await enqueueMail({ to: 'bob@acme.example', subject: 'After the rollback', text: 'Sent.' });
    await smtp.waitFor(1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.map((mail) => mail.to[0])).toEqual(['bob@acme.example']);
    expect(await OutboxMessage.count({ where: { recipient: 'ghost@acme.example' } })).toBe(0);
  });

  it('refuses to queue a mail without a valid recipient', async () => {
    await expect(enqueueMail({ to: 'not an address', subject: 'x', text: 'y' })).rejects.toThrow(/not an email address/);
  });
});

describe('mail without SMTP_URL (a local npm start)', () => {
  it('writes each mail, link included, to the log at info level and marks it sent', async () => {
    const lines: Array<{ level: number; msg: string; to?: string }> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const core = await createCore(loadConfig(await createTestEnvironment()), pino({ level: 'info' }, sink));
    try {
      await enqueueMail({ to: 'ada@acme.example', subject: 'Reset your password', text: `Open ${link}` });
      await expect.poll(async () => (await OutboxMessage.findOne({ where: { recipient: 'ada@acme.example' } }))?.status).toBe('sent');
      const logged = lines.find((line) => line.to === 'ada@acme.example');
      expect(logged?.level).toBe(30);
      expect(logged?.msg).toContain('Reset your password');
      expect(logged?.msg).toContain(link);
      expect(lines.some((line) => line.msg.startsWith('Email goes to the log (SMTP_URL is not set)'))).toBe(true);
    } finally {
      await core.close();
    }
  });
});
