import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import type { Core } from '../core/app.ts';
import type { SearchService } from '../search/search-service.ts';
import { registerAgentNamespace } from './agent-namespace.ts';
import { createAnswerFinder } from './answer-finder.ts';
import { originChecker } from './allowed-origins.ts';
import { broadcastPostedElsewhere } from './posted-elsewhere.ts';
import { pushNotifications } from './notification-push.ts';
import { rooms } from './rooms.ts';
import { startQueueDrainer } from './queue-drainer.ts';
import { startSnoozeWaker } from './snooze-waker.ts';
import { registerVisitorEmailRequests } from './visitor-email-requests.ts';
import { registerVisitorNamespace } from './visitor-namespace.ts';

/** How long an operator may be disconnected (a reload, a network blip) before they show as away. */
export const PRESENCE_GRACE_MS = 30_000;

export interface ChatServer {
  io: Server;
  /** Disconnects every socket, then closes the HTTP server it is attached to (waiting for in-flight requests). */
  close(): Promise<void>;
}

/**
 * Socket.IO on the site's own HTTP server and port (path `/socket.io`). Instances share one PostgreSQL, and
 * the Postgres adapter relays every broadcast between them (LISTEN/NOTIFY), so a visitor on one instance and
 * an operator on another chat normally. Behind a load balancer, sessions must be sticky (HTTP long-polling
 * needs every request of a session on the same instance). `search` answers the composer's article search.
 */
export function attachChatServer(httpServer: HttpServer, core: Core, options: { search: SearchService; presenceGraceMs?: number; snoozeCheckMs?: number; queueDrainMs?: number }): ChatServer {
  // The adapter publishes every broadcast (NOTIFY) before delivering it locally: enough connections that
  // broadcasts don't queue behind each other.
  const pool = new pg.Pool({ connectionString: core.databaseUrl, max: 10 });
  pool.on('error', (error) => core.logger.warn({ err: error }, 'chat adapter connection error'));
  const io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    allowRequest: originChecker([core.config.PUBLIC_URL, ...core.config.CHAT_ALLOWED_ORIGINS]),
    // A message is at most 5,000 characters: a larger packet is not a chat message.
    maxHttpBufferSize: 64 * 1024,
    adapter: createAdapter(pool),
  });
  const agents = io.of('/agent');
  const visitors = io.of('/visitor');
  const queues = startQueueDrainer(agents, visitors, core.chat, core.logger, options.queueDrainMs);
  registerVisitorNamespace(visitors, core.chat, agents, core.logger, core.config.CHAT_HANDSHAKES_PER_MINUTE, createAnswerFinder(core, options.search, core.logger));
  registerAgentNamespace(agents, visitors, core, { presenceGraceMs: options.presenceGraceMs ?? PRESENCE_GRACE_MS, search: options.search, kickQueues: queues.kick });
  const stopSnoozeWaker = startSnoozeWaker(agents, core.chat, core.logger, options.snoozeCheckMs);
  registerVisitorEmailRequests(visitors, core.chatEmail, core.logger);
  const offPostedElsewhere = broadcastPostedElsewhere(core.events, agents, visitors);
  const offNotifications = pushNotifications(core, agents);
  const offSignOut = core.events.on('staff.signed_out', ({ userId }) => {
    agents.in(rooms.staff(userId)).disconnectSockets(true);
    void core.chat
      .setPresence(userId, 'offline')
      .then((changed) => changed && agents.to(rooms.agents).emit('presence', { userId, presence: 'offline' }))
      .catch((error: unknown) => core.logger.warn({ err: error }, 'presence update failed'));
  });
  return {
    io,
    async close() {
      offSignOut();
      stopSnoozeWaker();
      offPostedElsewhere();
      offNotifications();
      await queues.stop();
      await io.close();
      await pool.end();
    },
  };
}
