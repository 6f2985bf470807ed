import type { Namespace, Socket } from 'socket.io';
import type { Chat } from '../core/chat/index.ts';
import { conversationRefSchema, rateConversationSchema } from '../core/chat/chat-input.ts';
import type { Logger } from '../core/logger.ts';
import { handle } from './acks.ts';
import { rooms } from './rooms.ts';
import { checkVisitorLimit } from './visitor-limits.ts';

/**
 * `/visitor` requests for "How was the conversation?": rate a closed conversation (again, to change it) and
 * read the rating back (the widget shows what the visitor picked, on any device). The rating's timeline
 * event goes to every operator and to all of the visitor's tabs, like any message.
 */
export function registerVisitorRatings(socket: Socket, deps: { chat: Chat; visitors: Namespace; agents: Namespace; logger: Logger; visitorId: string }): void {
  const { chat, visitors, agents, logger, visitorId } = deps;
  socket.on(
    'conversation:rate',
    handle(logger, rateConversationSchema, async (input) => {
      // Each rating is a timeline event no one can delete: rated as often as messages may be sent.
      await checkVisitorLimit('message', visitorId);
      const { rating, message, conversation } = await chat.rate(visitorId, input);
      visitors.to(rooms.visitor(visitorId)).emit('message', message);
      agents.to(rooms.agents).emit('message', { ...message, conversation });
      if (conversation) agents.to(rooms.agents).emit('conversation:updated', conversation);
      return { rating, message };
    }),
  );
  socket.on('conversation:rating', handle(logger, conversationRefSchema, async ({ conversationId }) => ({ rating: await chat.visitorRating(visitorId, conversationId) })));
}
