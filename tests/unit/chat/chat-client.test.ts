import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatClient } from '../../../site/components/chat/chat-client.ts';
import type { MessageView } from '../../../site/components/chat/chat-state.ts';
import { createChatStorage } from '../../../site/components/chat/chat-storage.ts';

/** A request the fake server has not answered yet. */
interface Call {
  event: string;
  payload: Record<string, unknown>;
  answer(value: unknown): void;
  fail(error: Error): void;
}

/** Just enough of a socket.io client socket: the test plays the server, answering each request by hand. */
class FakeSocket {
  connected = false;
  /** Requests not taken by the test yet. */
  calls: Call[] = [];
  /** Requests not answered yet (taken or not). */
  #unanswered = new Set<Call>();
  #handlers = new Map<string, Array<(...args: unknown[]) => void>>();
  on(event: string, handler: (...args: unknown[]) => void) {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.#handlers.get(event) ?? []) handler(...args);
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: Record<string, unknown>) =>
        new Promise((resolve, reject) => {
          const call: Call = { event, payload, answer: (value) => (this.#unanswered.delete(call), resolve(value)), fail: reject };
          this.calls.push(call);
          this.#unanswered.add(call);
        }),
    };
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  /** The connection drops: unanswered requests are rejected, as socket.io does. */
  drop({ rejectPending = true } = {}) {
    this.connected = false;
    this.calls = [];
    if (rejectPending) for (const call of this.#unanswered) call.fail(new Error('socket has been disconnected'));
    this.#unanswered.clear();
    this.fire('disconnect', 'transport close');
  }
  /** Answers the sends and starts in order; catch-up and list requests answer empty. */
  take(event: string): Call {
    const index = this.calls.findIndex((c) => c.event === event);
    if (index === -1) throw new Error(`no pending ${event}; pending: ${this.calls.map((c) => c.event).join(', ')}`);
    return this.calls.splice(index, 1)[0]!;
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let seq = 0;
const stored = (conversationId: number, payload: Record<string, unknown>): MessageView => ({ conversationId, seq: ++seq, clientId: String(payload.clientId), sender: 'visitor', senderName: null, kind: 'text', body: String(payload.body), attachments: [], createdAt: new Date().toISOString() });
const conversation = (id: number) => ({ id, status: 'open', visitorSeenSeq: 1, agentSeenSeq: 0, createdAt: new Date().toISOString() });

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k), clear: () => map.clear(), key: () => null, get length() { return map.size; } };
}

describe('the chat client', () => {
  let socket: FakeSocket;
  let storage: ReturnType<typeof createChatStorage>;
  const start = () => {
    const client = createChatClient({ locale: 'en', storage, connectSocket: () => socket as unknown as Socket });
    client.connect();
    return client;
  };

  beforeEach(() => {
    seq = 0;
    socket = new FakeSocket();
    storage = createChatStorage(memoryStorage());
    vi.stubGlobal('location', { pathname: '/en' });
    vi.stubGlobal('navigator', { onLine: false }); // the test connects the fake socket itself
    vi.stubGlobal('addEventListener', () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps messages written while disconnected, then sends them one at a time, in order, into the conversation the first one starts', async () => {
    const client = start();
    client.send('first');
    client.send('second');
    expect(storage.outbox().map((e) => [e.body, e.state, e.conversationId])).toEqual([['first', 'pending', null], ['second', 'pending', null]]);

    socket.connect();
    await flush();
    const startCall = socket.take('conversation:start');
    expect(socket.calls.filter((c) => c.event === 'message:send')).toEqual([]); // one in flight at a time
    startCall.answer({ ok: true, conversation: conversation(5), message: stored(5, startCall.payload), duplicate: false });
    await flush();
    const sendCall = socket.take('message:send');
    expect(sendCall.payload).toMatchObject({ conversationId: 5, body: 'second' });
    sendCall.answer({ ok: true, message: stored(5, sendCall.payload), duplicate: false });
    await flush();
    expect(storage.outbox()).toEqual([]);
    expect(client.snapshot().messages.map((m) => [m.seq, m.body])).toEqual([[1, 'first'], [2, 'second']]);
  });

  it('resends an unacknowledged message after a reconnect with the same clientId, and shows it once', async () => {
    const client = start();
    socket.connect();
    client.send('hello');
    await flush();
    const lost = socket.take('conversation:start');
    socket.drop(); // the ack never comes
    await flush();
    expect(storage.outbox().map((e) => [e.state, e.error])).toEqual([['pending', undefined]]);

    socket.connect();
    await flush();
    const again = socket.take('conversation:start');
    expect(again.payload.clientId).toBe(lost.payload.clientId);
    again.answer({ ok: true, conversation: conversation(5), message: stored(5, again.payload), duplicate: true });
    await flush();
    socket.fire('message', { ...client.snapshot().messages[0] }); // the same message from another tab's broadcast
    expect(client.snapshot().messages).toHaveLength(1);
  });

  it('resends after a reconnect even if a request of the dropped connection never settles', async () => {
    const client = start();
    socket.connect();
    client.send('hello');
    await flush();
    const hanging = socket.take('conversation:start');
    socket.drop({ rejectPending: false });
    socket.connect();
    await flush();
    expect(socket.take('conversation:start').payload.clientId).toBe(hanging.payload.clientId);
  });

  it('marks a refused message failed, sends the next one, and sends the failed one again on Retry', async () => {
    const client = start();
    socket.connect();
    const started = (await (async () => {
      client.send('opening');
      await flush();
      return socket.take('conversation:start');
    })());
    started.answer({ ok: true, conversation: conversation(5), message: stored(5, started.payload), duplicate: false });
    await flush();
    client.send('refused');
    client.send('fine');
    await flush();
    socket.take('message:send').answer({ ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    await flush();
    const fine = socket.take('message:send');
    expect(fine.payload.body).toBe('fine');
    expect(storage.outbox().map((e) => [e.body, e.state])).toEqual([['refused', 'failed'], ['fine', 'pending']]);

    const failedId = storage.outbox()[0]!.clientId;
    fine.answer({ ok: true, message: stored(5, fine.payload), duplicate: false });
    await flush();
    client.retry(failedId);
    await flush();
    const retried = socket.take('message:send');
    expect(retried.payload).toMatchObject({ clientId: failedId, body: 'refused' });
  });

  it('sends a message of only files by their upload ids, and shows them while it waits for the ack', async () => {
    storage.updateWidget({ conversationId: 5 });
    const client = start();
    const file = { id: '7d4f1b0e-8a56-4c1e-9d11-2b7f0e6c9a10', name: 'screen.webp', contentType: 'image/webp', size: 1200, width: 64, height: 32, url: '/api/chat/attachments/7d4f1b0e-8a56-4c1e-9d11-2b7f0e6c9a10' };
    client.send('   ', [file]);
    expect(storage.outbox().map((e) => [e.body, e.attachments])).toEqual([['', [file]]]); // kept across a reload, like any message
    client.send('  ', []);
    expect(storage.outbox()).toHaveLength(1); // nothing to send: no text, no files

    socket.connect();
    await flush();
    const send = socket.take('message:send');
    expect(send.payload).toMatchObject({ conversationId: 5, body: '', attachmentIds: [file.id] });
    send.answer({ ok: true, message: { ...stored(5, send.payload), attachments: [file] }, duplicate: false });
    await flush();
    expect(storage.outbox()).toEqual([]);
    expect(client.snapshot().messages.map((m) => m.attachments.map((a) => a.name))).toEqual([['screen.webp']]);
  });

  it('asks for everything after the last seq it has when it (re)connects, and fills a gap in the broadcasts', async () => {
    storage.updateWidget({ conversationId: 5 });
    storage.setMessages(5, [stored(5, { clientId: 'a', body: 'one' }), stored(5, { clientId: 'b', body: 'two' })]);
    const client = start();
    socket.connect();
    await flush();
    const sync = socket.take('conversation:sync');
    expect(sync.payload).toEqual({ conversationId: 5, afterSeq: 2 });
    sync.answer({ ok: true, messages: [] });
    await flush();

    socket.fire('message', { ...stored(5, { clientId: 'c', body: 'three' }), seq: 4, sender: 'agent' }); // seq 3 was missed
    await flush();
    expect(socket.take('conversation:sync').payload).toEqual({ conversationId: 5, afterSeq: 2 });
    expect(client.snapshot().messages.map((m) => m.body)).toEqual(['one', 'two']);
  });

  it('starts a conversation opened from an article with that origin, and a later new one from the launcher', async () => {
    const client = start();
    socket.connect();
    await flush();
    client.invite({ origin: { kind: 'article', articleId: 7, reaction: 'sad' }, title: 'Reset your password' });
    expect(storage.outbox()).toEqual([]); // opening the chat stores nothing
    client.send('I still cannot log in');
    // The origin travels with the queued message, so a reload before the ack keeps it.
    expect(storage.outbox()[0]?.origin).toEqual({ kind: 'article', articleId: 7, reaction: 'sad' });
    await flush();
    const first = socket.take('conversation:start');
    expect(first.payload.origin).toEqual({ kind: 'article', articleId: 7, reaction: 'sad' });
    first.answer({ ok: true, conversation: conversation(5), message: stored(5, first.payload), duplicate: false });
    await flush();

    client.open(null); // "Start a new conversation" from the list
    expect(client.snapshot().invitation).toBeNull();
    client.send('Another question');
    await flush();
    expect(socket.take('conversation:start').payload.origin).toEqual({ kind: 'launcher', page: '/en' });
  });
});
