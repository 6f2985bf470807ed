/**
 * Makes the help center's visitor cookie (`deflect_visitor`, HttpOnly, so only the server can set it) name the
 * widget's visitor, when the handshake said it does not: the visitor's reactions are then recorded as the
 * visitor who chats, and a 😞 they give can route their conversation to the article's author. Best effort: a
 * failure is tried again on the next connection.
 */
export function shareVisitorCookie(token: string, baseUrl = ''): void {
  // Framed on another site the cookie would be a third-party one, which browsers refuse (SameSite=Lax): the
  // embedded widget keeps its own token, and reactions are not given there.
  if (window.self !== window.top) return;
  void fetch(`${baseUrl}/api/chat/visitor-cookie`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) }).catch(() => undefined);
}
