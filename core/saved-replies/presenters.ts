import type { SavedReply } from '../models/index.ts';

/** A saved reply as the admin pages and the composer receive it. */
export interface SavedReplyView {
  id: number;
  title: string;
  shortcut: string;
  body: string;
  /** Who changed it last (or created it), for the list; null once that account is gone. */
  updatedBy: string | null;
  updatedAt: string;
}

export function presentSavedReply(reply: SavedReply, updatedBy: string | null): SavedReplyView {
  return { id: reply.id, title: reply.title, shortcut: reply.shortcut, body: reply.body, updatedBy, updatedAt: reply.updatedAt.toISOString() };
}
