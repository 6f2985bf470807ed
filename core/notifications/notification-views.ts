/** How many alerts the bell lists: the newest; older ones still count as unread until read. */
export const NOTIFICATION_LIST_LIMIT = 30;

/** What an alert is about: a conversation rated 😞, or an article visitors reacted 😞 to. */
export type NotificationKind = 'csat_negative' | 'article_sad';

/** An alert as the bell shows it. */
export interface NotificationView {
  id: number;
  kind: NotificationKind;
  text: string;
  /** How many 😞 it stands for (article alerts gather them until read; always 1 for a rating). */
  count: number;
  /** Where the alert leads: the conversation in the inbox, or the article in the editor. */
  href: string;
  read: boolean;
  /** When it last changed (created, or bumped by another 😞). */
  updatedAt: string;
}

export interface NotificationRow {
  id: number;
  user_id: number;
  kind: NotificationKind;
  conversation_id: number | null;
  article_id: number | null;
  text: string;
  count: number;
  read_at: Date | null;
  updated_at: Date;
}

export function presentNotification(row: NotificationRow): NotificationView {
  const href = row.kind === 'csat_negative' ? `/admin/inbox#conversation-${row.conversation_id}` : `/admin/articles/${row.article_id}`;
  return { id: row.id, kind: row.kind, text: row.text, count: row.count, href, read: row.read_at !== null, updatedAt: new Date(row.updated_at).toISOString() };
}
