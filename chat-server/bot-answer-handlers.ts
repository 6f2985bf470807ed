import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { presentConversationToVisitor, type Chat } from '../core/chat/index.ts';
import type { Posted } from '../core/chat/message-store.ts';
import type { Logger } from '../core/logger.ts';
import { handle } from './acks.ts';
import { announcePosted } from './announce.ts';
import { rooms } from './rooms.ts';
import { checkVisitorLimit } from './visitor-limits.ts';

export const botAnswerSchema = z.strictObject({ conversationId: z.number().int().positive(), helped: z.boolean() });

/**
 * `/visitor` `conversation:bot-answer`: the visitor's "That helped" / "I still need help" under the answer
 * bot's articles. "That helped" is told to the visitor's tabs only — the conversation never reaches an
 * operator; "I still need help" reaches the inbox as a new conversation does (message, update, assignment).
 */
export function registerBotAnswers(socket: Socket, deps: { chat: Chat; visitors: Namespace; agents: Namespace; logger: Logger; visitorId: string }): void {
  const { chat, visitors, agents, logger, visitorId } = deps;
  socket.on(
    'conversation:bot-answer',
    handle(logger, botAnswerSchema, async (input) => {
      await checkVisitorLimit('message', visitorId);
      const { conversation, posted, duplicate } = await chat.botAnswer(visitorId, input);
      const visitorRoom = visitors.to(rooms.visitor(visitorId));
      if (input.helped) {
        for (const { message } of posted) visitorRoom.emit('message', message);
        if (!duplicate) visitorRoom.emit('conversation:updated', presentConversationToVisitor(conversation));
      } else {
        for (const each of posted) await announcePosted(agents, visitors, chat, each);
      }
      return { conversation: presentConversationToVisitor(conversation), messages: posted.map((p) => p.message), duplicate };
    }),
  );
}

/**
 * The answer bot's offer to a new conversation, to every tab of the visitor (the one that started it too: its
 * ack carries only the visitor's own message). Operators are told nothing while the bot waits.
 */
export function announceOffer(visitors: Namespace, visitorId: string, offered: Posted[]): void {
  const visitorRoom = visitors.to(rooms.visitor(visitorId));
  for (const { message } of offered) visitorRoom.emit('message', message);
  const conversation = offered.at(-1)?.conversation;
  if (conversation) visitorRoom.emit('conversation:updated', presentConversationToVisitor(conversation));
}
