import type { Namespace, Socket } from 'socket.io';
import type { StaffView } from '../core/accounts/index.ts';
import type { Chat } from '../core/chat/index.ts';
import { conversationRefSchema } from '../core/chat/chat-input.ts';
import { snoozeSchema, transferSchema, visitorProfileSchema } from '../core/chat/inbox-input.ts';
import type { Posted } from '../core/chat/message-store.ts';
import type { Logger } from '../core/logger.ts';
import { handle } from './acks.ts';
import { rooms } from './rooms.ts';

interface WorkflowDeps {
  chat: Chat;
  logger: Logger;
  visitors: Namespace;
  /** The operator behind the socket, as of the latest session check. */
  staff: () => StaffView;
  /** Announces a stored change to every operator (and to the visitor, unless internal). */
  broadcast: (posted: Posted) => Promise<void>;
}

/** `/agent` requests of the inbox's workflow: transfer with a note, snooze and unsnooze, the visitor sidebar. */
export function registerWorkflowHandlers(socket: Socket, { chat, logger, visitors, staff, broadcast }: WorkflowDeps): void {
  socket.on(
    'conversation:transfer',
    handle(logger, transferSchema, async (transfer) => {
      const posted = await chat.transfer(staff(), transfer);
      for (const one of posted) if (!one.duplicate) await broadcast(one);
      return { messages: posted.map((one) => one.message), duplicate: posted[0]!.duplicate };
    }),
  );

  socket.on(
    'conversation:snooze',
    handle(logger, snoozeSchema, async (input) => {
      const posted = await chat.snooze(staff(), input);
      await broadcast(posted);
      return { message: posted.message };
    }),
  );

  socket.on(
    'conversation:unsnooze',
    handle(logger, conversationRefSchema, async ({ conversationId }) => {
      const posted = await chat.unsnooze(staff(), conversationId);
      await broadcast(posted);
      return { message: posted.message };
    }),
  );

  socket.on(
    'visitor:profile',
    handle(logger, visitorProfileSchema, async ({ visitorId }) => {
      // Online while any tab of theirs is connected, on any instance (the adapter asks the others).
      const online = (await visitors.in(rooms.visitor(visitorId)).fetchSockets()).length > 0;
      return { profile: await chat.visitorProfile(visitorId, online) };
    }),
  );
}
