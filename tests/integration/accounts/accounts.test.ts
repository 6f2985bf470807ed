import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { hashPassword } from '../../../core/accounts/passwords.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, resolveSession, startSession } from '../../../core/accounts/sessions.ts';
import { issueSetupToken } from '../../../core/accounts/first-admin.ts';
import { User } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

const account = { name: 'Ada Admin', email: 'ada@acme.example', password: 'a long passphrase' };

describe('accounts and sessions', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(() => core.close());

  it('creates the first admin once, with a one-time setup token', async () => {
    const token = (await core.accounts.issueSetupToken())!;
    expect(await core.accounts.isSetupTokenUsable(token)).toBe(true);
    const admin = await core.accounts.createFirstAdmin(token, account);
    expect(admin).toMatchObject({ email: 'ada@acme.example', roles: ['admin'] });
    await expect(core.accounts.createFirstAdmin(token, { ...account, email: 'eve@acme.example' })).rejects.toThrow(/invalid or has expired/);
    expect(await core.accounts.issueSetupToken()).toBeUndefined();
  });

  it('refuses an expired setup token', async () => {
    const token = (await issueSetupToken(new Date(Date.now() - 2 * 86_400_000))) ?? 'no token: an admin exists';
    expect(await core.accounts.isSetupTokenUsable(token)).toBe(false);
  });

  it('signs in with the right password only, and never a deactivated account', async () => {
    expect(await core.accounts.signIn('ADA@acme.example ', account.password)).toMatchObject({ name: 'Ada Admin' });
    expect(await core.accounts.signIn('ada@acme.example', 'wrong password!')).toBeUndefined();
    expect(await core.accounts.signIn('nobody@acme.example', account.password)).toBeUndefined();
    const sam = await User.create({ email: 'sam@acme.example', name: 'Sam', passwordHash: await hashPassword('sam password 1'), roles: ['author'], authorId: null, deactivatedAt: new Date() });
    expect(await core.accounts.signIn(sam.email, 'sam password 1')).toBeUndefined();
  });

  it('ends sessions after idle time, after their lifetime, on sign-out and on deactivation', async () => {
    const ada = await User.findOne({ where: { email: 'ada@acme.example' }, rejectOnEmpty: true });
    const start = new Date('2026-01-01T08:00:00Z');
    const idle = await startSession(ada.id, start);
    expect(await resolveSession(idle.token, new Date(start.getTime() + 60_000))).toMatchObject({ email: ada.email });
    expect(await resolveSession(idle.token, new Date(start.getTime() + 60_000 + IDLE_TIMEOUT_MS + 1))).toBeUndefined();

    let now = start.getTime();
    const busy = await startSession(ada.id, start);
    while (now < start.getTime() + ABSOLUTE_TIMEOUT_MS - IDLE_TIMEOUT_MS) {
      now += IDLE_TIMEOUT_MS / 2;
      expect(await resolveSession(busy.token, new Date(now))).toBeDefined();
    }
    expect(await resolveSession(busy.token, new Date(start.getTime() + ABSOLUTE_TIMEOUT_MS))).toBeUndefined();

    const current = await core.accounts.startSession({ id: ada.id, email: ada.email, name: ada.name, avatarUrl: null, roles: ['admin'], deactivated: false });
    expect(await core.accounts.resolveSession(current.token)).toBeDefined();
    await core.accounts.endSession(current.token);
    expect(await core.accounts.resolveSession(current.token)).toBeUndefined();

    const other = await core.accounts.startSession({ id: ada.id, email: ada.email, name: ada.name, avatarUrl: null, roles: ['admin'], deactivated: false });
    await ada.update({ deactivatedAt: new Date() });
    expect(await core.accounts.resolveSession(other.token)).toBeUndefined();
  });
});
