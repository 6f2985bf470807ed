import type { ArticleCard, AttachmentView } from '../../../core/chat/index.ts';

/**
 * Messages an operator sent that the server has not acknowledged yet. Each has its own UUID (`clientId`),
 * so sending it again — Retry, a reconnect, a reload — can never store it twice: the server answers a
 * known id with the original message. Kept in localStorage so a reload resends rather than loses them.
 */
export interface OutgoingMessage {
  clientId: string;
  conversationId: number;
  body: string;
  kind: 'text' | 'note';
  /** Files already uploaded (sent as `attachmentIds`), and the article card chosen, if any. */
  attachments?: AttachmentView[];
  card?: ArticleCard;
  /** `pending`: on its way (or waiting for the connection); `failed`: refused or timed out — Retry shows. */
  status: 'pending' | 'failed';
  error?: string;
}

const KEY = 'deflect.inbox.outbox';

export function readOutbox(storage: Storage | undefined): OutgoingMessage[] {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as OutgoingMessage[]).filter((m) => typeof m?.clientId === 'string' && typeof m.conversationId === 'number') : [];
  } catch {
    return [];
  }
}

export function writeOutbox(storage: Storage | undefined, outbox: readonly OutgoingMessage[]): void {
  try {
    if (outbox.length === 0) storage?.removeItem(KEY);
    else storage?.setItem(KEY, JSON.stringify(outbox));
  } catch {
    // Storage unavailable: unsent messages then survive reconnects but not a reload.
  }
}

/** One message's new state; the others unchanged. */
export function updateOutgoing(outbox: readonly OutgoingMessage[], clientId: string, change: Partial<OutgoingMessage> | null): OutgoingMessage[] {
  if (change === null) return outbox.filter((m) => m.clientId !== clientId);
  return outbox.map((m) => (m.clientId === clientId ? { ...m, ...change } : m));
}
