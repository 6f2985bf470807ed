import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { StaffView } from '../../../core/accounts/index.ts';
import { presentStaff } from '../../../core/accounts/presenters.ts';
import { AccessToken, AuditEntry, User } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('personal access tokens', () => {
  let core: Core;
  let ada: StaffView;
  let bob: StaffView;

  beforeAll(async () => {
    core = await createTestCore();
    ada = presentStaff(await User.create({ email: 'ada@acme.example', name: 'Ada', passwordHash: null, roles: ['admin'], authorId: null, deactivatedAt: null }));
    bob = presentStaff(await User.create({ email: 'bob@acme.example', name: 'Bob', passwordHash: null, roles: ['author'], authorId: null, deactivatedAt: null }));
  });
  afterAll(() => core.close());

  it('is shown once with a recognisable prefix and stored only as its SHA-256, with an audit entry', async () => {
    const { token, view } = await core.accounts.createAccessToken(ada, { name: 'Docs sync', scopes: ['articles:read', 'articles:write', 'articles:read'], expiresInDays: 30 });
    expect(token).toMatch(/^dfl_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({ name: 'Docs sync', scopes: ['articles:read', 'articles:write'], hint: `…${token.slice(-4)}`, state: 'active', lastUsedAt: null });
    expect(Date.parse(view.expiresAt!) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    const row = await AccessToken.findByPk(view.id, { rejectOnEmpty: true });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row.toJSON())).not.toContain(token.slice(4));
    expect(await AuditEntry.count({ where: { action: 'token.create', actorId: ada.id, targetId: String(view.id) } })).toBe(1);
  });

  it('lists the owner\'s tokens with when each was last used, and only theirs', async () => {
    const { token } = await core.accounts.createAccessToken(bob, { name: 'CMS export', scopes: ['articles:read'] });
    expect((await core.accounts.listAccessTokens(bob.id)).map((v) => [v.name, v.lastUsedAt])).toEqual([['CMS export', null]]);
    expect((await core.accounts.resolveAccessToken(token))?.staff.id).toBe(bob.id);
    const [used] = await core.accounts.listAccessTokens(bob.id);
    expect(Date.now() - Date.parse(used!.lastUsedAt!)).toBeLessThan(10_000);
    expect((await core.accounts.listAccessTokens(ada.id)).map((v) => v.name)).not.toContain('CMS export');
  });

  it('refuses bad input with the field and the problem, storing nothing', async () => {
    const before = await AccessToken.count();
    await expect(core.accounts.createAccessToken(ada, { name: ' ', scopes: [] })).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: ['name'], message: 'give the token a name' }), expect.objectContaining({ path: ['scopes'], message: 'choose at least one scope' })]) });
    await expect(core.accounts.createAccessToken(ada, { name: 'x', scopes: ['everything' as 'users:read'] })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['scopes', 0] })] });
    await expect(core.accounts.createAccessToken(ada, { name: 'x', scopes: ['users:read'], expiresInDays: 1000 })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'at most 366 days' })] });
    await expect(core.accounts.createAccessToken(bob, { name: 'inbox', scopes: ['conversations:read'] })).rejects.toThrow('your role does not allow conversations:read');
    expect(await AccessToken.count()).toBe(before);
  });

  it('is revoked by its owner only; a revoked token resolves to nobody and stays listed as revoked', async () => {
    const { token, view } = await core.accounts.createAccessToken(ada, { name: 'Old script', scopes: ['users:read'] });
    await expect(core.accounts.revokeAccessToken(bob, view.id)).rejects.toThrow('not yours');
    expect(await core.accounts.resolveAccessToken(token)).toBeDefined();
    await core.accounts.revokeAccessToken(ada, view.id);
    await core.accounts.revokeAccessToken(ada, view.id);
    expect(await core.accounts.resolveAccessToken(token)).toBeUndefined();
    expect((await core.accounts.listAccessTokens(ada.id)).find((v) => v.id === view.id)?.state).toBe('revoked');
    expect(await AuditEntry.count({ where: { action: 'token.revoke', targetId: String(view.id) } })).toBe(1);
  });
});
