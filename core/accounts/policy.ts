import type { Role } from '../models/user.ts';

/** Everything staff can be allowed to do. Pages, API routes and (later) sockets ask for one of these. */
export type Permission =
  | 'admin.view'
  | 'articles.write'
  | 'reports.view'
  /** The chat report: response times, CSAT and load per operator — how each person performs, so admins only. */
  | 'reports.chat'
  | 'inbox.use'
  | 'settings.manage'
  | 'users.manage'
  | 'audit.view';

/**
 * The one policy: which roles grant which permissions. Data, not code, so the whole matrix is visible here
 * and tested cell by cell. Roles combine: a user has every permission of each of their roles.
 */
export const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['admin.view', 'articles.write', 'reports.view', 'reports.chat', 'inbox.use', 'settings.manage', 'users.manage', 'audit.view'],
  author: ['admin.view', 'articles.write', 'reports.view'],
  operator: ['admin.view', 'inbox.use'],
};

/** The part of a user the policy looks at. */
export interface Actor {
  roles: readonly Role[];
  deactivated: boolean;
}

/** May this actor do that? A deactivated account may do nothing. */
export function can(actor: Actor | undefined, permission: Permission): boolean {
  if (!actor || actor.deactivated) return false;
  return actor.roles.some((role) => GRANTS[role].includes(permission));
}

/**
 * What a personal access token may be limited to. `conversations:notes` is separate from `conversations:read`
 * because integrations often forward transcripts to places customers can see; internal notes leave only when
 * asked for. `users:read` is separate so a token made to sync articles can't list the team.
 */
export const API_SCOPES = ['articles:read', 'articles:write', 'conversations:read', 'conversations:notes', 'users:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The permission a token's owner needs for each scope: a token never grants more than its owner's roles. */
export const SCOPE_REQUIRES: Readonly<Record<ApiScope, Permission>> = {
  // Drafts are visible only to those who may write articles, so reading through the API needs that too.
  'articles:read': 'articles.write',
  'articles:write': 'articles.write',
  'conversations:read': 'inbox.use',
  'conversations:notes': 'inbox.use',
  'users:read': 'admin.view',
};

/** May a token with these scopes, owned by this actor, do what `scope` covers? Asked on every request. */
export function tokenAllows(owner: Actor | undefined, scopes: readonly string[], scope: ApiScope): boolean {
  return scopes.includes(scope) && can(owner, SCOPE_REQUIRES[scope]);
}
