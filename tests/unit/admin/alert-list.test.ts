import { describe, expect, it } from 'vitest';
import { unreadLabel, withPushedAlert } from '../../../admin/components/alerts/alert-list.ts';
import type { NotificationView } from '../../../core/notifications/index.ts';

const alert = (id: number, count = 1): NotificationView => ({ id, kind: 'article_sad', text: `😞 on “Article ${id}”`, count, href: `/admin/articles/${id}`, read: false, updatedAt: '2026-11-24T03:00:00.000Z' });

describe('the bell’s list as alerts are pushed', () => {
  it('puts a new alert on top and keeps the list as long as the server’s', () => {
    expect(withPushedAlert([alert(2), alert(1)], alert(3), 2).map((n) => n.id)).toEqual([3, 2]);
  });

  it('shows a bumped alert once, on top, with its new count', () => {
    expect(withPushedAlert([alert(2), alert(1)], alert(1, 4), 30)).toEqual([alert(1, 4), alert(2)]);
  });

  it('names the bell with the unread count', () => {
    expect([unreadLabel(0), unreadLabel(1), unreadLabel(12)]).toEqual(['Alerts, none unread', 'Alerts, 1 unread', 'Alerts, 12 unread']);
  });
});
