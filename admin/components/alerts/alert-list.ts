import type { NotificationView } from '../../../core/notifications/index.ts';

/**
 * The bell's list after a pushed alert: a bumped alert (another 😞 on the same article) replaces its old
 * entry and moves to the top instead of appearing twice; the list stays as long as the server's.
 */
export function withPushedAlert(list: NotificationView[], pushed: NotificationView, limit: number): NotificationView[] {
  return [pushed, ...list.filter((n) => n.id !== pushed.id)].slice(0, limit);
}

/** The bell's accessible name: "Alerts, 3 unread" (its visible badge is only the number). */
export function unreadLabel(unread: number): string {
  if (unread === 0) return 'Alerts, none unread';
  return `Alerts, ${unread} unread`;
}

/** "2026-11-24 02:50 UTC": the same text on the server and in the browser, so hydration keeps it. */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
