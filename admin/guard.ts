import type { AstroGlobal } from 'astro';
import { can, type Permission } from '../core/accounts/index.ts';

/**
 * The start of every admin page: no session → the login page (coming back here after), a session without
 * the permission → 403. Returns the response to send instead of the page, or undefined to go on.
 */
export function guard(Astro: AstroGlobal, permission: Permission): Response | undefined {
  const { staff } = Astro.locals;
  if (!staff) return Astro.redirect(`/admin/login?next=${encodeURIComponent(Astro.url.pathname)}`, 303);
  if (!can(staff, permission)) return new Response('Forbidden: your role does not allow this page.', { status: 403 });
  return undefined;
}
