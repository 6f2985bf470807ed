import type { Namespace } from 'socket.io';
import type { Chat } from '../core/chat/index.ts';
import type { Logger } from '../core/logger.ts';
import { rooms } from './rooms.ts';

/** How often expired snoozes are looked for: the inbox also hides them by itself at the time, this only records and announces. */
export const SNOOZE_CHECK_MS = 15_000;

/**
 * Wakes snoozed conversations whose time has come and tells every operator (`message` with the "Snooze
 * ended" event, then `conversation:updated`). Every instance runs one; the database hands each conversation
 * to exactly one of them (see `wakeExpiredSnoozes`), and the Postgres adapter carries the announcement to
 * the operators of all instances. Returns the function that stops it.
 */
export function startSnoozeWaker(agents: Namespace, chat: Chat, logger: Logger, intervalMs = SNOOZE_CHECK_MS): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    chat
      .wakeExpiredSnoozes()
      .then((woken) => {
        for (const { message, conversation } of woken) {
          agents.to(rooms.agents).emit('message', { ...message, conversation });
          agents.to(rooms.agents).emit('conversation:updated', conversation);
        }
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'waking snoozed conversations failed; trying again later'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
