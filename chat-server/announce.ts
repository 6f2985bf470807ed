import type { Namespace } from 'socket.io';
import { presentConversationToVisitor, type Chat } from '../core/chat/index.ts';
import type { Posted } from '../core/chat/message-store.ts';
import { rooms } from './rooms.ts';

/**
 * Tells everyone concerned about a change the server made by itself (routing, round robin): every operator
 * gets the message and the conversation as it left it; the visitor gets it too unless it is an internal note.
 */
export async function announcePosted(agents: Namespace, visitors: Namespace, chat: Chat, { message, conversation }: Posted): Promise<void> {
  agents.to(rooms.agents).emit('message', { ...message, conversation });
  if (conversation) agents.to(rooms.agents).emit('conversation:updated', conversation);
  if (message.kind === 'note') return;
  const visitorRoom = visitors.to(rooms.visitor(await chat.visitorOf(message.conversationId)));
  visitorRoom.emit('message', message);
  if (conversation) visitorRoom.emit('conversation:updated', presentConversationToVisitor(conversation));
}
