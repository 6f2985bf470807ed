import type { AstroCookies } from 'astro';

export const SESSION_COOKIE = 'deflect_session';

/** HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site posts), Secure behind TLS. */
export function setSessionCookie(cookies: AstroCookies, token: string, expires: Date, publicUrl: string): void {
  cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:'), path: '/', expires });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
