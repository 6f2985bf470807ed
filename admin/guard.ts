import type { APIContext, AstroGlobal } from 'astro';
import { can, type Permission } from '../core/accounts/index.ts';

/**
 * The start of every admin page: no session → the login page (coming back here after), a session without
 * the permission → 403 (pages, and downloads a browser opens like pages: report CSVs). Returns the response to send instead of the page, or undefined to go on.
 */
export function guard(Astro: AstroGlobal | APIContext, permission: Permission): Response | undefined {
  const { staff } = Astro.locals;
  if (!staff) return Astro.redirect(`/admin/login?next=${encodeURIComponent(Astro.url.pathname)}`, 303);
  if (!can(staff, permission)) return new Response('Forbidden: your role does not allow this page.', { status: 403 });
  return undefined;
}

/** For admin JSON routes: 401 without a session, 403 without the permission (never a redirect). */
export function apiGuard(locals: App.Locals, permission: Permission): Response | undefined {
  if (!locals.staff) return Response.json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, { status: 401 });
  if (!can(locals.staff, permission)) return Response.json({ error: { code: 'forbidden', message: 'Your role does not allow this.' } }, { status: 403 });
  return undefined;
}
