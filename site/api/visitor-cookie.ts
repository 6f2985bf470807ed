/**
 * The signed visitor id of a help-center visitor, for reactions. (The chat widget keeps its own token in
 * localStorage, so the two are separate visitor ids today; unifying them comes with the deflection loop.)
 */
export const VISITOR_COOKIE = 'deflect_visitor';

export function visitorCookieOptions(publicUrl: string) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https:'), maxAge: 60 * 60 * 24 * 365 };
}
