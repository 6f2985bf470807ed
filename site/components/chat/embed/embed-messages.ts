/**
 * The window messages between the loader on the host page (`/embed.js`) and the chat frame
 * (`/embed/frame`), documented in chat-server/PROTOCOL.md ("Embedding"). The loader is plain JavaScript
 * and repeats these shapes; keep both in step.
 */

/** Marks our messages, so both sides ignore every other script's. */
export const EMBED_TAG = 'deflect-chat';

/** Host → frame: commands in the order the host page called them, each `[name, ...args]`. */
export interface CommandsMessage {
  tag: typeof EMBED_TAG;
  commands: unknown[];
}

/** Frame → host: what the host page can listen to with `Deflect('on', event, callback)`. */
export type EmbedEvent =
  | { event: 'ready'; data: { title: string } }
  | { event: 'open'; data: Record<string, never> }
  | { event: 'close'; data: Record<string, never> }
  | { event: 'unread'; data: { count: number } }
  | { event: 'error'; data: { code: 'identity_refused' | 'unavailable' | 'invalid_command'; message: string } };

/** The part of a MessageEvent the frame looks at. */
export interface ReceivedMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

/**
 * Whether the frame obeys a message: sent by the page that embeds it (not by another frame, a popup or
 * itself), from an origin allowed to embed the chat, in our format. Anything else is ignored, so a script
 * on an unrelated page can't open the chat, prefill it or log the visitor out.
 */
export function isHostCommand(message: ReceivedMessage, parent: unknown, self: unknown, allowedOrigins: ReadonlySet<string>): message is ReceivedMessage & { data: CommandsMessage } {
  if (parent === self || message.source !== parent || !allowedOrigins.has(message.origin)) return false;
  const data = message.data as Partial<CommandsMessage> | null;
  return typeof data === 'object' && data !== null && data.tag === EMBED_TAG && Array.isArray(data.commands);
}
