import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { StaffView } from '../../../core/accounts/index.ts';
import { Author, OutboxMessage, User } from '../../../core/models/index.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('inviting and managing staff', () => {
  let core: Core;
  let admin: StaffView;
  beforeAll(async () => {
    // No mail worker: the invitation mails stay queued, with their links, for the test to read.
    core = await createTestCore({}, { mailWorker: false });
    admin = await core.accounts.createFirstAdmin((await core.accounts.issueSetupToken())!, { name: 'Ada', email: 'ada@acme.example', password: 'a long passphrase' });
    await Author.create({ email: 'ivan@acme.example', name: 'Ivan Petrov', avatarUrl: null });
  });
  afterAll(() => core.close());

  it('an invitation creates the account once, with its roles, linked to the imported author of that email', async () => {
    const token = await core.accounts.invite(admin, { email: 'ivan@acme.example', roles: ['author'] });
    expect(await core.accounts.findUsableInvite(token)).toEqual({ email: 'ivan@acme.example', roles: ['author'] });
    const ivan = await core.accounts.acceptInvite(token, { name: 'Ivan', password: 'another long one' });
    expect(ivan).toMatchObject({ email: 'ivan@acme.example', roles: ['author'] });
    const author = await Author.findOne({ where: { email: 'ivan@acme.example' }, rejectOnEmpty: true });
    expect((await User.findByPk(ivan.id, { rejectOnEmpty: true })).authorId).toBe(author.id);
    expect(await core.accounts.signIn('ivan@acme.example', 'another long one')).toBeDefined();
    await expect(core.accounts.acceptInvite(token, { name: 'Mallory', password: 'another long one' })).rejects.toThrow(/invalid, already used or expired/);
    await expect(core.accounts.invite(admin, { email: 'ivan@acme.example', roles: ['operator'] })).rejects.toThrow(/already has an account/);
  });

  it('emails the invitation link through the outbox, and nothing for a refused invitation', async () => {
    const token = await core.accounts.invite(admin, { email: 'olga@acme.example', roles: ['operator', 'author'] });
    const mails = await OutboxMessage.findAll({ where: { recipient: 'olga@acme.example' } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('You are invited to Acme Help admin');
    expect(mails[0]!.text).toContain(`ada@acme.example invited you to Acme Help admin as operator, author.`);
    expect(mails[0]!.text).toContain(`${core.config.PUBLIC_URL}/admin/join?token=${token}`);
    const before = await OutboxMessage.count();
    await expect(core.accounts.invite(admin, { email: 'ada@acme.example', roles: ['author'] })).rejects.toThrow(/already has an account/);
    expect(await OutboxMessage.count()).toBe(before);
  });

  it('changes roles and deactivates, but never leaves the help center without an admin', async () => {
    const ivan = (await core.accounts.listStaff()).find((p) => p.email === 'ivan@acme.example')!;
    await core.accounts.changeRoles(admin, ivan.id, ['author', 'operator']);
    expect((await core.accounts.listStaff()).find((p) => p.id === ivan.id)?.roles).toEqual(['author', 'operator']);
    await expect(core.accounts.changeRoles(admin, admin.id, ['author'])).rejects.toThrow(/last admin/);
    await expect(core.accounts.setActive(admin, admin.id, false)).rejects.toThrow(/last admin/);

    const session = await core.accounts.startSession(ivan);
    await core.accounts.setActive(admin, ivan.id, false);
    expect(await core.accounts.resolveSession(session.token)).toBeUndefined();
    expect(await core.accounts.signIn('ivan@acme.example', 'another long one')).toBeUndefined();

    const actions = (await listAudit({ limit: 50, offset: 0 })).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.invite', 'user.join', 'user.roles', 'user.deactivate']));
  });
});
