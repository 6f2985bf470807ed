import type { AstroCookies } from 'astro';
import { VISITOR_COOKIE } from '../../core/chat/visitor-cookie.ts';

export { VISITOR_COOKIE };

/**
 * The help center's visitor cookie (`deflect_visitor`, a signed visitor token): reactions are recorded under
 * it, the chat widget's handshake adopts it, and the widget sets it from its own token when it is missing
 * (POST /api/chat/visitor-cookie) — see core/chat/visitor-cookie.ts.
 */
export function visitorCookieOptions(publicUrl: string) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https:'), maxAge: 60 * 60 * 24 * 365 };
}

/**
 * The visitor a help-center request speaks for: the cookie's, else `fallbackToken`'s (the widget's own token,
 * where the cookie may be blocked), else a new visitor — whose token is then set as the cookie.
 */
export async function visitorOfRequest(locals: App.Locals, cookies: AstroCookies, fallbackToken?: string): Promise<string> {
  const visitor = await locals.core.chat.visitorFromToken(cookies.get(VISITOR_COOKIE)?.value ?? fallbackToken);
  if (visitor.issued) cookies.set(VISITOR_COOKIE, visitor.token, visitorCookieOptions(locals.core.config.PUBLIC_URL));
  return visitor.visitorId;
}
