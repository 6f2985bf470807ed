import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { listAudit, recordAudit } from '../../../core/audit/audit-log.ts';
import { User } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('the audit log', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(() => core.close());

  it('lists entries newest first, filtered by action and date', async () => {
    const actor = await User.create({ email: 'ada@acme.example', name: 'Ada', passwordHash: null, roles: ['admin'], authorId: null, deactivatedAt: null });
    await recordAudit({ actor: null, action: 'settings.update', summary: 'Site name changed' });
    await recordAudit({ actor, action: 'article.publish', target: { type: 'article', id: 7 }, summary: 'Published "Refunds"' });
    const all = await listAudit({ limit: 10, offset: 0 });
    expect(all.entries.map((e) => e.action)).toEqual(['article.publish', 'settings.update']);
    expect(all.entries[0]).toMatchObject({ actor: 'ada@acme.example', target: 'article 7' });
    expect((await listAudit({ action: 'settings.update', limit: 10, offset: 0 })).entries[0]?.actor).toBe('system');
    expect((await listAudit({ actorId: actor.id, limit: 10, offset: 0 })).total).toBe(1);
    expect((await listAudit({ from: new Date(Date.now() + 60_000), limit: 10, offset: 0 })).total).toBe(0);
  });

  it('cannot be rewritten: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(core.sequelize.query("UPDATE audit_log SET summary = 'nothing happened'")).rejects.toThrow(/append-only/);
    await expect(core.sequelize.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(core.sequelize.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await listAudit({ limit: 10, offset: 0 })).total).toBe(2);
  });
});
