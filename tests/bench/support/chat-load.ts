import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';

export interface LoadResult {
  sent: number;
  delivered: number;
  seconds: number;
  /** Visitor send → operator receives, ms, sorted. */
  latencies: number[];
  /** Server resident memory per connected idle socket, bytes (when measured). */
  bytesPerSocket?: number;
}

type Ack = { ok: boolean; conversation?: { id: number }; error?: { message: string } };

/** Opens `count` sockets on a namespace, `concurrency` handshakes at a time. */
export async function openSockets(url: string, namespace: string, count: number, extraHeaders: Record<string, string> = {}): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () => connect(`${url}${namespace}`, { transports: ['websocket'], extraHeaders, forceNew: true, reconnection: false }));
    await Promise.all(batch.map((socket) => new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    })));
    sockets.push(...batch);
  }
  return sockets;
}

/**
 * Every visitor opens a conversation, then messages go out at `rate` per second in total (a random visitor
 * each time) for `seconds`; latency is measured from the send to the first operator receiving it.
 */
export async function runLoad(visitors: Socket[], operator: Socket, rate: number, seconds: number): Promise<LoadResult> {
  const conversations = new Map<Socket, number>();
  for (let i = 0; i < visitors.length; i += 100) {
    await Promise.all(visitors.slice(i, i + 100).map(async (socket) => {
      const answer = (await socket.timeout(30_000).emitWithAck('conversation:start', { clientId: randomUUID(), body: 'hello' })) as Ack;
      if (!answer.ok) throw new Error(`conversation:start refused: ${answer.error?.message}`);
      conversations.set(socket, answer.conversation!.id);
    }));
  }
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  operator.on('message', (message: { clientId: string }) => {
    const started = sentAt.get(message.clientId);
    if (started === undefined) return;
    sentAt.delete(message.clientId);
    latencies.push(performance.now() - started);
  });
  const total = rate * seconds;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    // Fixed schedule (open loop): a slow server does not slow the senders down.
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const socket = visitors[Math.floor(Math.random() * visitors.length)]!;
    const clientId = randomUUID();
    sentAt.set(clientId, performance.now());
    socket.emit('message:send', { conversationId: conversations.get(socket), clientId, body: `bench message ${i}` }, () => undefined);
  }
  const deadline = performance.now() + 10_000;
  while (sentAt.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return { sent: total, delivered: latencies.length, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
