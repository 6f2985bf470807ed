import type { Namespace } from 'socket.io';
import type { Core } from '../core/app.ts';
import { rooms } from './rooms.ts';

/**
 * Pushes staff alerts (the bell) to the recipients' open inboxes: `notification:new` with the alert and their
 * unread count. The database announces written alerts to every instance at commit (`notifications.changed`),
 * so each instance tells only the sockets it holds (`local`): through the adapter they would arrive once per
 * instance. Returns the unsubscribe function.
 */
export function pushNotifications(core: Pick<Core, 'events' | 'notifications' | 'logger'>, agents: Namespace): () => void {
  return core.events.on('notifications.changed', ({ ids }) => {
    void (async () => {
      for (const { userId, notification } of await core.notifications.byIds(ids)) {
        // Most recipients have no inbox open here: no count to look up for them.
        if (!agents.adapter.rooms.get(rooms.staff(userId))?.size) continue;
        agents.local.to(rooms.staff(userId)).emit('notification:new', { notification, unread: await core.notifications.unread(userId) });
      }
    })().catch((error: unknown) => core.logger.warn({ err: error }, 'could not push alerts to operators'));
  });
}
