import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { attachChatServer, type ChatServer } from '../../chat-server/chat-server.ts';
import type { Core } from '../../core/app.ts';
import { startSearch, type SearchService } from '../../search/search-service.ts';

/**
 * The chat server on a real HTTP server on loopback, as the production process attaches it, with the
 * embedded search over the test database's published articles (started here unless given).
 */
export async function startChatHarness(core: Core, options: { presenceGraceMs?: number; snoozeCheckMs?: number; queueDrainMs?: number; search?: SearchService } = {}): Promise<{ url: string; http: Server; chat: ChatServer; search: SearchService; close(): Promise<void> }> {
  const http = createServer();
  const search = options.search ?? (await startSearch(core));
  const chat = attachChatServer(http, core, { ...options, search });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    http,
    chat,
    search,
    async close() {
      await chat.close();
      if (!options.search) await search.close();
    },
  };
}

/** A socket.io client connected (or refused) the way the widget or the inbox connects. */
export type ClientSocket = Socket & { session: Promise<{ visitorId: string; token: string }> };

export async function connectClient(url: string, namespace: '/visitor' | '/agent', options: { auth?: object; cookie?: string; origin?: string } = {}): Promise<ClientSocket> {
  const headers = { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.origin ? { origin: options.origin } : {}) };
  const socket = connect(`${url}${namespace}`, { auth: options.auth ?? {}, transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true }) as ClientSocket;
  // The visitor namespace announces the session right on connection: listen before connecting.
  socket.session = new Promise((resolve) => socket.once('session', resolve));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Sends an event and resolves with the server's ack. */
export function request<T = Record<string, unknown>>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the next event of that name. */
export function next<T = unknown>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}
