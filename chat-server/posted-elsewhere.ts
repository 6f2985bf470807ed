import type { Namespace } from 'socket.io';
import type { EventBus } from '../core/events.ts';
import { rooms } from './rooms.ts';

/**
 * Messages that did not come over a socket (a visitor's email reply) reach the inbox and the visitor's other
 * tabs the way a socket message does. The emit goes through the Postgres adapter, so operators connected to
 * any instance see it. Returns the unsubscribe function.
 */
export function broadcastPostedElsewhere(events: EventBus, agents: Namespace, visitors: Namespace): () => void {
  return events.on('chat.message_posted', ({ message, conversation, visitorId }) => {
    visitors.to(rooms.visitor(visitorId)).emit('message', message);
    agents.to(rooms.agents).emit('message', { ...message, conversation });
    if (conversation) agents.to(rooms.agents).emit('conversation:updated', conversation);
  });
}
