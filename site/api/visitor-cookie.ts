/** The signed visitor id of a help-center visitor (reactions now; the chat widget may use it too). */
export const VISITOR_COOKIE = 'deflect_visitor';

export function visitorCookieOptions(publicUrl: string) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https:'), maxAge: 60 * 60 * 24 * 365 };
}
