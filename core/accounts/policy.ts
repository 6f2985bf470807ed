import type { Role } from '../models/user.ts';

/** Everything staff can be allowed to do. Pages, API routes and (later) sockets ask for one of these. */
export type Permission =
  | 'admin.view'
  | 'articles.write'
  | 'reports.view'
  | 'inbox.use'
  | 'settings.manage'
  | 'users.manage'
  | 'audit.view';

/**
 * The one policy: which roles grant which permissions. Data, not code, so the whole matrix is visible here
 * and tested cell by cell. Roles combine: a user has every permission of each of their roles.
 */
export const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['admin.view', 'articles.write', 'reports.view', 'inbox.use', 'settings.manage', 'users.manage', 'audit.view'],
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
