import { describe, expect, it } from 'vitest';
import { can, GRANTS, type Permission } from '../../../core/accounts/policy.ts';

const permissions = [...new Set(Object.values(GRANTS).flat())] as Permission[];
const expected: Record<string, Permission[]> = {
  admin: ['admin.view', 'articles.write', 'reports.view', 'reports.chat', 'inbox.use', 'settings.manage', 'users.manage', 'audit.view'],
  author: ['admin.view', 'articles.write', 'reports.view'],
  operator: ['admin.view', 'inbox.use'],
};

describe('the policy', () => {
  for (const [role, allowed] of Object.entries(expected)) {
    it.each(permissions)(`${role} → %s`, (permission) => {
      expect(can({ roles: [role as 'admin'], deactivated: false }, permission)).toBe(allowed.includes(permission));
    });
  }

  it('combines roles', () => {
    const authorOperator = { roles: ['author', 'operator'] as const, deactivated: false };
    expect(can(authorOperator, 'articles.write')).toBe(true);
    expect(can(authorOperator, 'inbox.use')).toBe(true);
    expect(can(authorOperator, 'users.manage')).toBe(false);
  });

  it('allows nothing to a deactivated account or to nobody', () => {
    expect(permissions.some((p) => can({ roles: ['admin'], deactivated: true }, p))).toBe(false);
    expect(permissions.some((p) => can(undefined, p))).toBe(false);
  });
});
