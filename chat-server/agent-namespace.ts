import { parseCookie } from 'cookie';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { can, type StaffView } from '../core/accounts/index.ts';
import type { Core } from '../core/app.ts';
import type { Posted } from '../core/chat/message-store.ts';
import type { Presence } from '../core/chat/index.ts';
import { agentSendMessageSchema, conversationRefSchema, seenSchema, syncSchema } from '../core/chat/chat-input.ts';
import { presentConversationToVisitor } from '../core/chat/chat-views.ts';
import { SESSION_COOKIE } from '../admin/session-cookie.ts';
import type { SearchService } from '../search/search-service.ts';
import { handle } from './acks.ts';
import { registerWorkflowHandlers } from './inbox-workflow-handlers.ts';
import { registerComposerRequests } from './agent-composer.ts';
import { registerTeamHandlers } from './team-handlers.ts';
import { rooms } from './rooms.ts';

/** How often a connected operator's session is checked again (expired, deactivated, role removed). */
export const SESSION_RECHECK_MS = 30_000;

/**
 * `/agent`: the operator inbox. The handshake needs a valid admin session with the `inbox.use` permission
 * (the same policy as every admin page) — otherwise the connection is refused. Operators receive every
 * conversation's messages, notes included; visitors get theirs through `/visitor`.
 */
export function registerAgentNamespace(nsp: Namespace, visitors: Namespace, core: Core, options: { presenceGraceMs: number; search: SearchService; kickQueues: () => void }): void {
  const { chat, logger } = core;
  const announce = async (userId: number, presence: Presence) => {
    if (!(await chat.setPresence(userId, presence))) return;
    nsp.to(rooms.agents).emit('presence', { userId, presence });
    // Someone who comes online can take conversations waiting in a round-robin queue.
    if (presence === 'online') options.kickQueues();
  };
  nsp.use((socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    core.accounts
      .resolveSession(token)
      .then((staff) => {
        if (!staff) return next(Object.assign(new Error('sign in first'), { data: { code: 'unauthenticated' } }));
        if (!can(staff, 'inbox.use')) return next(Object.assign(new Error('your role does not include the inbox'), { data: { code: 'forbidden' } }));
        socket.data.staff = staff;
        socket.data.sessionToken = token;
        next();
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'operator handshake failed');
        next(Object.assign(new Error('Something went wrong on our side; try again.'), { data: { code: 'internal' } }));
      });
  });

  nsp.on('connection', (socket: Socket) => {
    let staff = socket.data.staff as StaffView;
    void socket.join([rooms.agents, rooms.staff(staff.id)]);
    const recheck = setInterval(() => {
      void core.accounts
        .resolveSession(socket.data.sessionToken as string, { touch: false })
        .then((current) => {
          if (!current || !can(current, 'inbox.use')) socket.disconnect(true);
          else staff = current;
        })
        .catch((error: unknown) => logger.warn({ err: error }, 'session recheck failed; trying again later'));
    }, SESSION_RECHECK_MS);
    void announce(staff.id, 'online').catch((error: unknown) => logger.warn({ err: error }, 'presence update failed'));
    socket.on('disconnect', () => {
      clearInterval(recheck);
      // A reload or a flaky network reconnects within the grace period; only a real absence becomes "away".
      setTimeout(() => {
        void nsp
          .in(rooms.staff(staff.id))
          .fetchSockets()
          .then(async (left) => {
            if (left.length === 0) await announce(staff.id, 'away');
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'presence update failed'));
      }, options.presenceGraceMs).unref();
    });

    /** A change every operator sees (with the conversation it updated), and the visitor too unless it is an internal note. */
    const broadcast = async ({ message, conversation }: Posted) => {
      nsp.to(rooms.agents).emit('message', { ...message, conversation });
      if (conversation) nsp.to(rooms.agents).emit('conversation:updated', conversation);
      if (message.kind === 'note') return;
      const visitorRoom = visitors.to(rooms.visitor(await chat.visitorOf(message.conversationId)));
      visitorRoom.emit('message', message);
      if (message.kind === 'event' && conversation) visitorRoom.emit('conversation:updated', presentConversationToVisitor(conversation));
    };

    registerComposerRequests(socket, core, options.search);

    socket.on('presence:list', handle(logger, z.object({}), async () => ({ operators: await chat.presence() })));
    socket.on(
      'presence:set',
      handle(logger, z.object({ presence: z.enum(['online', 'away']) }), async ({ presence }) => {
        await announce(staff.id, presence);
        return { presence };
      }),
    );

    socket.on('inbox:list', handle(logger, z.object({ view: z.enum(['unassigned', 'mine', 'team', 'all', 'snoozed']).default('all') }), async ({ view }) => ({ conversations: await chat.inbox(staff, view) })));
    socket.on('conversation:sync', handle(logger, syncSchema, async ({ conversationId, afterSeq }) => chat.agentSync(conversationId, afterSeq) as unknown as Promise<Record<string, unknown>>));

    socket.on(
      'message:send',
      handle(logger, agentSendMessageSchema, async (input) => {
        const posted = await chat.agentMessage(staff, input);
        if (!posted.duplicate) await broadcast(posted);
        return { message: posted.message, duplicate: posted.duplicate };
      }),
    );

    socket.on(
      'conversation:assign',
      handle(logger, conversationRefSchema.extend({ assigneeId: z.number().int().positive().nullable() }), async ({ conversationId, assigneeId }) => {
        const posted = await chat.assign(staff, conversationId, assigneeId);
        await broadcast(posted);
        return { message: posted.message };
      }),
    );

    for (const [event, status] of [['conversation:close', 'closed'], ['conversation:reopen', 'open']] as const) {
      socket.on(
        event,
        handle(logger, conversationRefSchema, async ({ conversationId }) => {
          const posted = await chat.setStatus(staff, conversationId, status);
          await broadcast(posted);
          // A closed conversation frees a place for round robin.
          if (status === 'closed') options.kickQueues();
          return { message: posted.message };
        }),
      );
    }

    registerWorkflowHandlers(socket, { chat, logger, visitors, staff: () => staff, broadcast });
    registerTeamHandlers(socket, { chat, logger, staff: () => staff, broadcast, kickQueues: options.kickQueues });

    socket.on(
      'seen',
      handle(logger, seenSchema, async ({ conversationId, seq }) => {
        const seen = await chat.markSeen(conversationId, 'agent', seq);
        visitors.to(rooms.visitor(await chat.visitorOf(conversationId))).emit('seen', { conversationId, side: 'agent', seq: seen });
        nsp.to(rooms.agents).emit('seen', { conversationId, side: 'agent', seq: seen });
        return { seq: seen };
      }),
    );

    socket.on(
      'typing',
      handle(logger, conversationRefSchema.extend({ typing: z.boolean() }), async ({ conversationId, typing }) => {
        visitors.to(rooms.visitor(await chat.visitorOf(conversationId))).emit('typing', { conversationId, side: 'agent', name: staff.name, typing });
        socket.to(rooms.agents).emit('typing', { conversationId, side: 'agent', name: staff.name, typing });
        return {};
      }),
    );
  });
}
