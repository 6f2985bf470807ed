/** What `POST /api/chat/resume` answers for a valid chat email link. */
export interface ResumedChat {
  token: string;
  visitorId: string;
  conversationId: number;
}

/**
 * Exchanges the token of a chat email's link (`#chat-resume=…`) for the visitor's chat token and the
 * conversation to open. Undefined when the link is forged or expired, or the server could not be reached:
 * the widget then says so instead of opening someone else's (or no) conversation.
 */
export async function resumeChat(token: string, baseUrl = ''): Promise<ResumedChat | undefined> {
  try {
    const response = await fetch(`${baseUrl}/api/chat/resume`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    return response.ok ? ((await response.json()) as ResumedChat) : undefined;
  } catch {
    return undefined;
  }
}
