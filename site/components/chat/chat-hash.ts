/**
 * Links that act on the chat through the URL fragment, which browsers never send to a server (so tokens
 * stay out of logs and the page cache, and cached pages stay the same for everyone):
 * - `#chat-resume=<token>`: the link in a chat email, exchanged for the visitor's chat (POST /api/chat/resume);
 * - `#chat-search=<query>`: "Chat with us" on a results page that found nothing, a plain link without JavaScript.
 */
export type ChatHashAction = { kind: 'resume'; token: string } | { kind: 'search'; query: string };

const MAX_QUERY_LENGTH = 200;

/** Reads a location hash (`#…`); undefined when it is not one of the chat's links or is empty. */
export function parseChatHash(hash: string): ChatHashAction | undefined {
  const match = /^#chat-(resume|search)=(.+)$/.exec(hash);
  if (!match) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(match[2]!).trim();
  } catch {
    return undefined; // a mangled link (e.g. cut by a mail client) opens nothing
  }
  if (!value) return undefined;
  return match[1] === 'resume' ? { kind: 'resume', token: value } : { kind: 'search', query: value.slice(0, MAX_QUERY_LENGTH) };
}

/** The link for a search that found nothing. */
export function chatSearchHash(query: string): string {
  return `#chat-search=${encodeURIComponent(query)}`;
}
