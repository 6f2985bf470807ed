import type { Namespace } from 'socket.io';
import type { Chat } from '../core/chat/index.ts';
import type { Logger } from '../core/logger.ts';
import { announcePosted } from './announce.ts';

/** How often queues are drained anyway: catches places freed by anything that does not kick (an unassign, a new member). */
export const QUEUE_DRAIN_MS = 15_000;

export interface QueueDrainer {
  /** Drain soon: an operator came online or a conversation closed. Kicks during a drain run it once more after. */
  kick(): void;
  /** No more drains; resolves when the one under way (if any) has finished, so the database can close after it. */
  stop(): Promise<void>;
}

/**
 * Hands waiting round-robin conversations to operators who have a free place, and announces each assignment.
 * Every instance runs one; the database hands each conversation to one drain (see `drainQueues`).
 */
export function startQueueDrainer(agents: Namespace, visitors: Namespace, chat: Chat, logger: Logger, intervalMs = QUEUE_DRAIN_MS): QueueDrainer {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const drain = (): void => {
    if (stopped) return;
    if (running) return void (again = true);
    running = chat
      .drainQueues()
      .then(async (assigned) => {
        for (const posted of assigned) await announcePosted(agents, visitors, chat, posted);
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'draining team queues failed; trying again later'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          drain();
        }
      });
  };
  const timer = setInterval(drain, intervalMs);
  timer.unref();
  return {
    kick: drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
