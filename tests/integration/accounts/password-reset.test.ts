import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { resetPasswordSchema, type StaffView } from '../../../core/accounts/index.ts';
import { findUsablePasswordReset } from '../../../core/accounts/password-reset.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { OutboxMessage } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

const password = 'a long passphrase';

/** The reset link in the newest mail queued for this address. */
async function linkMailedTo(email: string): Promise<string> {
  const mail = await OutboxMessage.findOne({ where: { recipient: email }, order: [['id', 'DESC']], rejectOnEmpty: true });
  return /http:\/\/\S+\/admin\/reset\?token=\S+/.exec(mail.text)?.[0] ?? `no link in: ${mail.text}`;
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('password reset by email link', () => {
  let core: Core;
  let ada: StaffView;
  beforeAll(async () => {
    // No worker: the mails stay in the outbox for the tests to read.
    core = await createTestCore({ PUBLIC_URL: 'http://help.acme.example' }, { mailWorker: false });
    ada = await core.accounts.createFirstAdmin((await core.accounts.issueSetupToken())!, { name: 'Ada', email: 'ada@acme.example', password });
  });
  afterAll(() => core.close());
  beforeEach(() => OutboxMessage.destroy({ where: {} }));

  it('mails a one-time link that sets a new password, ends every old session and is audited', async () => {
    const oldSession = await core.accounts.startSession(ada);
    await core.accounts.requestPasswordReset(' ADA@acme.example ');
    const mail = await OutboxMessage.findOne({ where: { recipient: 'ada@acme.example' }, rejectOnEmpty: true });
    expect(mail.subject).toBe('Reset your password for Acme Help admin');
    const link = await linkMailedTo('ada@acme.example');
    expect(link).toMatch(/^http:\/\/help\.acme\.example\/admin\/reset\?token=[\w-]{40,}$/);
    expect(await core.accounts.findUsablePasswordReset(tokenOf(link))).toEqual({ email: 'ada@acme.example' });

    const staff = await core.accounts.resetPassword(tokenOf(link), { password: 'a brand new passphrase' });
    expect(staff).toMatchObject({ id: ada.id, email: 'ada@acme.example' });
    expect(await core.accounts.resolveSession(oldSession.token)).toBeUndefined();
    expect(await core.accounts.signIn('ada@acme.example', password)).toBeUndefined();
    expect(await core.accounts.signIn('ada@acme.example', 'a brand new passphrase')).toMatchObject({ id: ada.id });

    expect(await core.accounts.findUsablePasswordReset(tokenOf(link))).toBeUndefined();
    await expect(core.accounts.resetPassword(tokenOf(link), { password: 'yet another passphrase' })).rejects.toThrow(/invalid, already used or expired/);
    expect(await core.accounts.signIn('ada@acme.example', 'yet another passphrase')).toBeUndefined();
    const audit = (await listAudit({ action: 'user.password_reset', limit: 10, offset: 0 })).entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ada@acme.example', target: `user ${ada.id}` });
  });

  it('a link expires after 1 hour', async () => {
    const token = await freshToken(core);
    const issued = Date.now();
    expect(await findUsablePasswordReset(token, new Date(issued + 59 * 60_000))).toEqual({ email: 'ada@acme.example' });
    expect(await findUsablePasswordReset(token, new Date(issued + 61 * 60_000))).toBeUndefined();
  });

  it('a new request supersedes the earlier link', async () => {
    const first = await freshToken(core);
    const second = await freshToken(core);
    expect(await core.accounts.findUsablePasswordReset(first)).toBeUndefined();
    await expect(core.accounts.resetPassword(first, { password: 'superseded passphrase' })).rejects.toThrow(/invalid, already used or expired/);
    expect(await core.accounts.findUsablePasswordReset(second)).toEqual({ email: 'ada@acme.example' });
  });

  it('answers an unknown or deactivated address exactly as a known one, and mails nothing', async () => {
    const sam = await core.accounts.invite(ada, { email: 'sam@acme.example', roles: ['author'] }).then((token) => core.accounts.acceptInvite(token, { name: 'Sam', password }));
    await core.accounts.requestPasswordReset('sam@acme.example');
    const samsLink = await linkMailedTo('sam@acme.example');
    await core.accounts.setActive(ada, sam.id, false);
    // A link mailed before the deactivation stops working with it.
    expect(await core.accounts.findUsablePasswordReset(tokenOf(samsLink))).toBeUndefined();
    await expect(core.accounts.resetPassword(tokenOf(samsLink), { password: 'let me back in' })).rejects.toThrow(/invalid, already used or expired/);
    await OutboxMessage.destroy({ where: {} });
    expect(await core.accounts.requestPasswordReset('nobody@acme.example')).toBeUndefined();
    expect(await core.accounts.requestPasswordReset('sam@acme.example')).toBeUndefined();
    expect(await OutboxMessage.count()).toBe(0);
  });

  it('refuses a new password that breaks the password rules', async () => {
    expect(resetPasswordSchema.safeParse({ password: 'short' }).error?.issues[0]?.message).toBe('use at least 10 characters');
  });
});

/** Requests a reset for Ada and returns the token of the link it mailed. */
async function freshToken(core: Core): Promise<string> {
  await core.accounts.requestPasswordReset('ada@acme.example');
  return tokenOf(await linkMailedTo('ada@acme.example'));
}
