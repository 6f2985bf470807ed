/**
 * The help center's visitor cookie: a visitor token (see visitor-tokens.ts) in an HttpOnly cookie. Reactions
 * are recorded under it, and the widget's `/visitor` handshake adopts it when the widget has no token of its
 * own, so one browser is one visitor to both — which is what lets routing check a 😞 against the reaction
 * stored for it (verified-origin.ts). Named here, in the domain, because both the site and the chat server
 * read it.
 */
export const VISITOR_COOKIE = 'deflect_visitor';
