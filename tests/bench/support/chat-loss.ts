import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';

/**
 * A durable visitor in miniature (the widget's rule): every message keeps its UUID until acked, is resent
 * after every reconnect, and the conversation is caught up with "after my last seq".
 */
class DurableVisitor {
  readonly socket: Socket;
  readonly pending = new Map<string, string>();
  readonly acked = new Map<string, number>();
  conversationId = 0;

  constructor(url: string) {
    this.socket = connect(`${url}/visitor`, { transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 1_000 });
    this.socket.on('session', ({ token }: { token: string }) => (this.socket.auth = { token }));
    this.socket.on('connect', () => {
      for (const clientId of this.pending.keys()) this.#send(clientId);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.once('connect', () => resolve()));
    const answer = (await this.socket.timeout(30_000).emitWithAck('conversation:start', { clientId: randomUUID(), body: 'hello' })) as { conversation: { id: number } };
    this.conversationId = answer.conversation.id;
  }

  send(body: string): void {
    const clientId = randomUUID();
    this.pending.set(clientId, body);
    this.#send(clientId);
  }

  #send(clientId: string): void {
    if (!this.socket.connected) return; // resent on connect
    this.socket.timeout(5_000).emit('message:send', { conversationId: this.conversationId, clientId, body: this.pending.get(clientId) }, (error: Error | null, answer?: { ok: boolean; message: { seq: number } }) => {
      if (error || !answer?.ok || !this.pending.has(clientId)) return;
      this.pending.delete(clientId);
      this.acked.set(clientId, answer.message.seq);
    });
  }
}

export interface LossResult {
  clients: number;
  sent: number;
  forcedDisconnects: number;
  unacked: number;
  clientIds: string[];
}

/** `clients` durable visitors send for `seconds` while each is forcibly disconnected about every 15 s. */
export async function runLossCheck(url: string, clients: number, seconds: number, ratePerClient = 0.5): Promise<LossResult> {
  const visitors = Array.from({ length: clients }, () => new DurableVisitor(url));
  await Promise.all(visitors.map((v) => v.start()));
  let sent = 0;
  let forcedDisconnects = 0;
  const stopAt = Date.now() + seconds * 1000;
  const senders = setInterval(() => {
    for (const v of visitors) {
      if (Math.random() < ratePerClient / 10) {
        v.send(`loss check ${sent}`);
        sent += 1;
      }
    }
  }, 100);
  const breakers = setInterval(() => {
    for (const v of visitors) {
      // About once every 15 s per client: the transport drops as on a flaky mobile connection.
      if (Math.random() < 1 / 15 && v.socket.io.engine) {
        v.socket.io.engine.close();
        forcedDisconnects += 1;
      }
    }
  }, 1_000);
  while (Date.now() < stopAt) await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(senders);
  clearInterval(breakers);
  const drainBy = Date.now() + 30_000;
  while (visitors.some((v) => v.pending.size > 0) && Date.now() < drainBy) await new Promise((resolve) => setTimeout(resolve, 200));
  const clientIds = visitors.flatMap((v) => [...v.acked.keys(), ...v.pending.keys()]);
  const unacked = visitors.reduce((n, v) => n + v.pending.size, 0);
  for (const v of visitors) v.socket.disconnect();
  return { clients, sent, forcedDisconnects, unacked, clientIds };
}
