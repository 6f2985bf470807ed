import type { Sequelize } from 'sequelize';
import { notificationInbox, notificationsById, notificationsReader, unreadCount, type NotificationInbox } from './notification-inbox.ts';
import type { NotificationView } from './notification-views.ts';

export type { NotificationInbox } from './notification-inbox.ts';
export type { NotificationKind, NotificationView } from './notification-views.ts';

/**
 * Staff alerts (the admin's bell): a 😞 rating for the team's leads, a 😞 reaction for the article's leads and
 * author. The database writes them with the rating or reaction (migration 0023); this is how they are read.
 */
export interface Notifications {
  inbox(userId: number): Promise<NotificationInbox>;
  unread(userId: number): Promise<number>;
  markRead(userId: number, which: { id: number } | { all: true }): Promise<NotificationInbox>;
  byIds(ids: number[]): Promise<Array<{ userId: number; notification: NotificationView }>>;
}

export function createNotifications(sequelize: Sequelize): Notifications {
  return {
    inbox: (userId) => notificationInbox(sequelize, userId),
    unread: (userId) => unreadCount(sequelize, userId),
    markRead: (userId, which) => notificationsReader(sequelize, userId, which),
    byIds: (ids) => notificationsById(sequelize, ids),
  };
}
