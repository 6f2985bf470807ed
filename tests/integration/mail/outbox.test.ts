import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { enqueueMail } from '../../../core/mail/outbox.ts';
import { OutboxMessage } from '../../../core/models/index.ts';
import { SmtpSink } from '../../support/smtp-sink.ts';
import { createTestCore } from '../../support/test-core.ts';

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
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
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
