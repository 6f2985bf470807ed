import type { User } from '../models/user.ts';
import type { Actor } from './policy.ts';

/** A signed-in staff member as pages see them (never the password hash). */
export interface StaffView extends Actor {
  id: number;
  email: string;
  name: string;
  /** Their avatar's URL (a processed WebP), or null. */
  avatarUrl: string | null;
}

export function presentStaff(user: User): StaffView {
  return { id: user.id, email: user.email, name: user.name, avatarUrl: user.avatarUrl ?? null, roles: [...user.roles], deactivated: user.deactivatedAt !== null };
}
