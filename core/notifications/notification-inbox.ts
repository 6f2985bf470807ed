import { QueryTypes, type Sequelize } from 'sequelize';
import { NOTIFICATION_LIST_LIMIT, presentNotification, type NotificationRow, type NotificationView } from './notification-views.ts';

/** One person's alerts (newest change first) with how many are unread. Written by migration 0023's triggers. */
export interface NotificationInbox {
  notifications: NotificationView[];
  unread: number;
}

const COLUMNS = 'id, user_id, kind, conversation_id, article_id, text, count, read_at, updated_at';

export async function notificationInbox(sequelize: Sequelize, userId: number): Promise<NotificationInbox> {
  const rows = await sequelize.query<NotificationRow>(`SELECT ${COLUMNS} FROM notifications WHERE user_id = :userId ORDER BY updated_at DESC, id DESC LIMIT :limit`, {
    replacements: { userId, limit: NOTIFICATION_LIST_LIMIT },
    type: QueryTypes.SELECT,
  });
  return { notifications: rows.map(presentNotification), unread: await unreadCount(sequelize, userId) };
}

export async function unreadCount(sequelize: Sequelize, userId: number): Promise<number> {
  const [row] = await sequelize.query<{ unread: number }>('SELECT count(*)::int AS unread FROM notifications WHERE user_id = :userId AND read_at IS NULL', { replacements: { userId }, type: QueryTypes.SELECT });
  return row!.unread;
}

/**
 * Marks one of the person's alerts read (`id`), or all of them. Someone else's alert or an unknown id
 * changes nothing. Returns the inbox as it is now.
 */
export async function notificationsReader(sequelize: Sequelize, userId: number, which: { id: number } | { all: true }): Promise<NotificationInbox> {
  const only = 'id' in which ? 'AND id = :id' : '';
  await sequelize.query(`UPDATE notifications SET read_at = now() WHERE user_id = :userId AND read_at IS NULL ${only}`, { replacements: { userId, id: 'id' in which ? which.id : null } });
  return notificationInbox(sequelize, userId);
}

/** Alerts by id with their recipients, for pushing them live once written. */
export async function notificationsById(sequelize: Sequelize, ids: number[]): Promise<Array<{ userId: number; notification: NotificationView }>> {
  if (ids.length === 0) return [];
  const rows = await sequelize.query<NotificationRow>(`SELECT ${COLUMNS} FROM notifications WHERE id IN (:ids)`, { replacements: { ids }, type: QueryTypes.SELECT });
  return rows.map((row) => ({ userId: row.user_id, notification: presentNotification(row) }));
}
