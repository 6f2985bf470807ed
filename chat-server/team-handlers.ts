import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { StaffView } from '../core/accounts/index.ts';
import type { Chat } from '../core/chat/index.ts';
import { conversationRefSchema } from '../core/chat/chat-input.ts';
import type { Posted } from '../core/chat/message-store.ts';
import type { Logger } from '../core/logger.ts';
import { handle } from './acks.ts';

interface TeamHandlerDeps {
  chat: Chat;
  logger: Logger;
  staff: () => StaffView;
  broadcast: (posted: Posted) => Promise<void>;
  /** A queue may have changed: let round robin look again. */
  kickQueues: () => void;
}

/** `/agent` requests of teams: claim from a queue (first one wins), move to another team's queue. */
export function registerTeamHandlers(socket: Socket, { chat, logger, staff, broadcast, kickQueues }: TeamHandlerDeps): void {
  socket.on(
    'conversation:claim',
    handle(logger, conversationRefSchema, async ({ conversationId }) => {
      const posted = await chat.claim(staff(), conversationId);
      await broadcast(posted);
      return { message: posted.message };
    }),
  );

  socket.on(
    'conversation:team',
    handle(logger, conversationRefSchema.extend({ teamId: z.number().int().positive() }), async ({ conversationId, teamId }) => {
      const posted = await chat.moveToTeam(staff(), conversationId, teamId);
      await broadcast(posted);
      kickQueues();
      return { message: posted.message };
    }),
  );
}
