import { parseCookie } from 'cookie';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { presentConversationToVisitor, type Chat } from '../core/chat/index.ts';
import { identityClaimSchema } from '../core/chat/identity.ts';
import { conversationRefSchema, seenSchema, sendMessageSchema, startConversationSchema, syncSchema, visitorContextSchema } from '../core/chat/chat-input.ts';
import { teamStatusSchema } from '../core/chat/team-status.ts';
import { VISITOR_COOKIE } from '../core/chat/visitor-cookie.ts';
import type { Logger } from '../core/logger.ts';
import { handle } from './acks.ts';
import { announcePosted } from './announce.ts';
import { rooms } from './rooms.ts';
import { checkVisitorLimit } from './visitor-limits.ts';
import { registerVisitorRatings } from './visitor-ratings.ts';
import { announceOffer, registerBotAnswers } from './bot-answer-handlers.ts';
import type { AnswerFinder } from '../core/chat/answer-bot.ts';
import { consume } from '../core/rate-limiter.ts';

/** Generous for people behind one address (an office), tight for a script minting visitors. */

const handshakeSchema = z.object({
  token: z.string().max(200).optional(),
  identity: z.optional(identityClaimSchema),
  context: visitorContextSchema,
});

/**
 * `/visitor`: the widget. The handshake resolves the visitor (signed token — the widget's, else the help
 * center's `deflect_visitor` cookie — or an identity the host site vouches for) and answers with a `session`
 * event carrying the token to keep. A visitor's sockets share the room `visitor:<id>`; every message of their
 * conversations is sent there — never an internal note — so a visitor can only ever receive their own
 * conversations.
 */
export function registerVisitorNamespace(nsp: Namespace, chat: Chat, agents: Namespace, logger: Logger, handshakesPerMinute: number, answers?: AnswerFinder): void {
  nsp.use((socket, next) => {
    // A new visitor costs nothing to make (connect without a token): the limit per address is what stops a script.
    void consume('chat-handshake', socket.handshake.address, handshakesPerMinute).then((decision) => {
      if (decision.allowed) return accept(socket, next);
      next(Object.assign(new Error(`Too many connections: try again in ${decision.retryAfterSeconds} s.`), { data: { code: 'rate_limited' } }));
    });
  });

  const accept = (socket: Socket, next: (error?: Error) => void) => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) return next(Object.assign(new Error('invalid handshake'), { data: { code: 'invalid' } }));
    const { token, identity, context } = parsed.data;
    const { locale, timeZone, ...browsing } = context;
    // Same-origin sockets carry the help center's cookies (an embed on another site's page does not).
    const cookieToken = parseCookie(socket.handshake.headers.cookie ?? '')[VISITOR_COOKIE];
    chat
      .connectVisitor({ token, cookieToken, identity, facts: { locale, timeZone, context: { ...browsing, userAgent: socket.handshake.headers['user-agent'] } } })
      .then((session) => {
        socket.data.visitorId = session.visitorId;
        socket.data.token = session.token;
        socket.data.cookieShared = session.cookieShared;
        next();
      })
      .catch((error: Error & { code?: string }) => {
        // A refusal says why; anything else is ours and stays in our log.
        if (error.name === 'ChatRefusedError') return next(Object.assign(new Error(error.message), { data: { code: error.code } }));
        logger.error({ err: error }, 'visitor handshake failed');
        next(Object.assign(new Error('Something went wrong on our side; try again.'), { data: { code: 'internal' } }));
      });
  };

  nsp.on('connection', (socket: Socket) => {
    const visitorId = socket.data.visitorId as string;
    void socket.join(rooms.visitor(visitorId));
    socket.emit('session', { visitorId, token: socket.data.token, cookieShared: socket.data.cookieShared as boolean });
    agents.to(rooms.agents).emit('visitor:presence', { visitorId, online: true });
    socket.on('disconnect', () => {
      // Online while any tab of theirs is connected, on any instance.
      void nsp
        .in(rooms.visitor(visitorId))
        .fetchSockets()
        .then((left) => left.length === 0 && agents.to(rooms.agents).emit('visitor:presence', { visitorId, online: false }))
        .catch((error: unknown) => logger.warn({ err: error }, 'visitor presence failed'));
    });

    socket.on(
      'conversation:start',
      handle(logger, startConversationSchema, async (input) => {
        await checkVisitorLimit('conversation', visitorId);
        const { conversation, message, duplicate, routed, offered } = await chat.startConversation(visitorId, input, answers);
        // The answer bot answered first: only the visitor hears of it until they say they still need help.
        if (!duplicate && offered.length > 0) {
          socket.to(rooms.visitor(visitorId)).emit('message', message);
          announceOffer(nsp, visitorId, offered);
        }
        if (!duplicate && offered.length === 0) {
          socket.to(rooms.visitor(visitorId)).emit('message', message);
          agents.to(rooms.agents).emit('message', { ...message, conversation });
          agents.to(rooms.agents).emit('conversation:updated', conversation);
          // Routing's assignment (to the article's author, or in turn) is a timeline event like a manual one.
          for (const posted of routed) await announcePosted(agents, nsp, chat, posted);
        }
        return { conversation: presentConversationToVisitor(conversation), message, duplicate };
      }),
    );

    socket.on(
      'message:send',
      handle(logger, sendMessageSchema, async ({ kind: _ignored, ...input }) => {
        // A visitor's message is always text: notes are for operators.
        await checkVisitorLimit('message', visitorId);
        const { message, duplicate, conversation, escalated } = await chat.visitorMessage(visitorId, input);
        if (!duplicate) {
          socket.to(rooms.visitor(visitorId)).emit('message', message);
          agents.to(rooms.agents).emit('message', { ...message, conversation });
          if (conversation) agents.to(rooms.agents).emit('conversation:updated', conversation);
          // Written instead of answering the bot: handed to the team now, announced like routing's events.
          for (const posted of escalated) await announcePosted(agents, nsp, chat, posted);
        }
        return { message, duplicate };
      }),
    );

    socket.on('conversation:sync', handle(logger, syncSchema, async ({ conversationId, afterSeq }) => ({ messages: await chat.visitorSync(visitorId, conversationId, afterSeq) })));
    socket.on('conversations:list', handle(logger, z.object({}), async () => ({ conversations: await chat.visitorConversations(visitorId) })));
    socket.on(
      'team:status',
      handle(logger, teamStatusSchema, async (query) => {
        await checkVisitorLimit('status', visitorId);
        return { ...(await chat.teamStatus(query)) };
      }),
    );

    socket.on(
      'seen',
      handle(logger, seenSchema, async ({ conversationId, seq }) => {
        await chat.visitorConversationOwner(visitorId, conversationId);
        const seen = await chat.markSeen(conversationId, 'visitor', seq);
        agents.to(rooms.agents).emit('seen', { conversationId, side: 'visitor', seq: seen });
        return { seq: seen };
      }),
    );

    registerVisitorRatings(socket, { chat, visitors: nsp, agents, logger, visitorId });
    registerBotAnswers(socket, { chat, visitors: nsp, agents, logger, visitorId });

    socket.on(
      'typing',
      handle(logger, conversationRefSchema.extend({ typing: z.boolean() }), async ({ conversationId, typing }) => {
        await chat.visitorConversationOwner(visitorId, conversationId);
        agents.to(rooms.agents).emit('typing', { conversationId, side: 'visitor', typing });
        return {};
      }),
    );
  });
}
