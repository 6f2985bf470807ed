import type { APIRoute } from 'astro';
import { clearSessionCookie, SESSION_COOKIE } from '../session-cookie.ts';

/** Sign out (POST only, so a link or image cannot sign anyone out): the session ends server-side. */
export const POST: APIRoute = async ({ cookies, locals, redirect }) => {
  await locals.core.accounts.endSession(cookies.get(SESSION_COOKIE)?.value, locals.staff);
  clearSessionCookie(cookies);
  return redirect('/admin/login', 303);
};
