import { describe, expect, it } from 'vitest';
import { API_SCOPES, tokenAllows, type ApiScope } from '../../../core/accounts/policy.ts';
import type { Role } from '../../../core/models/index.ts';

/** What a token holding every scope can do, by its owner's role: the role, not the token, is the ceiling. */
const expected: Record<Role, ApiScope[]> = {
  admin: ['articles:read', 'articles:write', 'conversations:read', 'conversations:notes', 'users:read'],
  author: ['articles:read', 'articles:write', 'users:read'],
  operator: ['conversations:read', 'conversations:notes', 'users:read'],
};

describe('token scopes against the owner\'s role', () => {
  for (const [role, allowed] of Object.entries(expected)) {
    it.each([...API_SCOPES])(`${role} → %s`, (scope) => {
      expect(tokenAllows({ roles: [role as Role], deactivated: false }, API_SCOPES, scope)).toBe(allowed.includes(scope));
    });
  }

  it('allows only the scopes the token holds, and nothing for a deactivated owner', () => {
    const admin = { roles: ['admin'] as const, deactivated: false };
    expect(tokenAllows(admin, ['articles:read'], 'articles:read')).toBe(true);
    expect(tokenAllows(admin, ['articles:read'], 'articles:write')).toBe(false);
    expect(API_SCOPES.some((scope) => tokenAllows({ roles: ['admin'], deactivated: true }, API_SCOPES, scope))).toBe(false);
  });
});
