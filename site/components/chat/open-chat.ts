import type { ConversationOrigin } from '../../../core/models/conversation.ts';

/**
 * How any island asks the chat widget to open on a new conversation about something (an article that did
 * not help, a search that found nothing) without importing the chat: a window event the launcher listens
 * to. The launcher loads the panel on demand, so an island stays a few hundred bytes.
 */
export interface ChatInvitation {
  /** Sent with the visitor's first message as the conversation's `origin`. */
  origin: Exclude<ConversationOrigin, { kind: 'launcher' }>;
  /** What the panel shows as the context (the article's title); the query speaks for itself. */
  title?: string;
}

export const OPEN_CHAT_EVENT = 'deflect:open-chat';
const PENDING_KEY = 'deflect.chat.invitation';

/**
 * Opens the chat with this context. The launcher hydrates when the browser is idle, so it may not be
 * listening yet: an unclaimed invitation waits in sessionStorage and the launcher takes it when it mounts.
 */
export function openChat(invitation: ChatInvitation): void {
  const claimed = !dispatchEvent(new CustomEvent<ChatInvitation>(OPEN_CHAT_EVENT, { detail: invitation, cancelable: true }));
  if (claimed) return;
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(invitation));
  } catch {
    // No session storage: the visitor can still open the chat with the launcher.
  }
}

/** The launcher's side: claims invitations from now on, and hands over the one that waited, if any. */
export function listenForInvitations(accept: (invitation: ChatInvitation) => void): () => void {
  const onOpen = (event: Event) => {
    event.preventDefault();
    accept((event as CustomEvent<ChatInvitation>).detail);
  };
  addEventListener(OPEN_CHAT_EVENT, onOpen);
  const waiting = takePending();
  if (waiting) accept(waiting);
  return () => removeEventListener(OPEN_CHAT_EVENT, onOpen);
}

function takePending(): ChatInvitation | undefined {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    return raw ? (JSON.parse(raw) as ChatInvitation) : undefined;
  } catch {
    return undefined;
  }
}
