import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { spawnServer, type ServerProcess } from '../support/server-process.ts';
import { createTestEnvironment } from '../support/test-core.ts';

type MessageView = { conversationId: number; seq: number; clientId: string; body: string; kind: string };
type Ok<T> = { ok: true } & T;

/** Resolves once `check` holds for the collected values, or fails after `ms`. */
async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('chat across processes', () => {
  let env: NodeJS.ProcessEnv;
  let a: ServerProcess;
  let b: ServerProcess;
  let cookie: string;
  const sockets: Socket[] = [];
  const open = (url: string, namespace: string, options: { auth?: object; cookie?: string } = {}) => {
    const socket = connect(`${url}${namespace}`, { auth: options.auth ?? {}, transports: ['websocket'], extraHeaders: options.cookie ? { cookie: options.cookie } : {}, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    env = { ...(await createTestEnvironment()), LOG_LEVEL: 'info' };
    [a, b] = await Promise.all([spawnServer(env), spawnServer({ ...env, IMPORT_ON_START: 'false' })]);
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('olga@acme.example', 'Olga', $1, ARRAY['operator']::varchar[]) RETURNING id", [await hashPassword('olga answers chats')]);
    const token = randomToken();
    await client.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
    await client.end();
    cookie = `deflect_session=${token}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('a visitor on instance A and an operator on instance B chat normally', async () => {
    const operator = open(b.url, '/agent', { cookie });
    const toOperator: MessageView[] = [];
    operator.on('message', (m: MessageView) => toOperator.push(m));
    await new Promise<void>((resolve) => operator.once('connect', () => resolve()));

    const visitor = open(a.url, '/visitor');
    const toVisitor: MessageView[] = [];
    visitor.on('message', (m: MessageView) => toVisitor.push(m));
    await new Promise<void>((resolve) => visitor.once('connect', () => resolve()));
    const started = await visitor.timeout(5_000).emitWithAck('conversation:start', { clientId: randomUUID(), body: 'Hello from instance A' }) as Ok<{ conversation: { id: number } }>;
    await until(() => toOperator.some((m) => m.body === 'Hello from instance A'), 1_000);

    await operator.timeout(5_000).emitWithAck('message:send', { conversationId: started.conversation.id, clientId: randomUUID(), body: 'Hi! Olga here, on instance B.', kind: 'text' });
    await operator.timeout(5_000).emitWithAck('message:send', { conversationId: started.conversation.id, clientId: randomUUID(), body: 'internal: VIP customer', kind: 'note' });
    await until(() => toVisitor.some((m) => m.body === 'Hi! Olga here, on instance B.'), 1_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(toVisitor.map((m) => m.body)).toEqual(['Hi! Olga here, on instance B.']);
  });

  it('survives a server restart: clients reconnect by themselves, resend, catch up, and nothing is lost or doubled', async () => {
    const port = new URL(a.url).port;
    const visitor = open(a.url, '/visitor');
    const session = await new Promise<{ token: string }>((resolve) => visitor.once('session', resolve));
    visitor.auth = { token: session.token };
    const { conversation } = await visitor.timeout(5_000).emitWithAck('conversation:start', { clientId: randomUUID(), body: 'before the restart' }) as Ok<{ conversation: { id: number } }>;

    // The widget's rule, in miniature: keep what is unacked, resend it and catch up after every connect.
    const seen = new Map<number, MessageView>();
    const pending = new Map<string, string>();
    let lastSeq = 1;
    const send = (clientId: string) => {
      visitor.timeout(2_000).emit('message:send', { conversationId: conversation.id, clientId, body: pending.get(clientId) }, (error: Error | null, answer?: Ok<{ message: MessageView }>) => {
        if (error || !answer?.ok) return; // still pending: resent on the next connect
        pending.delete(clientId);
        seen.set(answer.message.seq, answer.message);
      });
    };
    visitor.on('message', (m: MessageView) => seen.set(m.seq, m));
    visitor.on('connect', () => {
      for (const clientId of pending.keys()) send(clientId);
      void visitor.timeout(5_000).emitWithAck('conversation:sync', { conversationId: conversation.id, afterSeq: lastSeq }).then((answer: Ok<{ messages: MessageView[] }>) => {
        for (const m of answer.messages) seen.set(m.seq, m);
      }).catch(() => undefined);
    });
    seen.set(1, { conversationId: conversation.id, seq: 1, clientId: '', body: 'before the restart', kind: 'text' });
    lastSeq = 1;

    expect(await a.stop()).toBe(0);
    for (const body of ['written while the server was down', 'and one more']) {
      const clientId = randomUUID();
      pending.set(clientId, body);
      send(clientId);
    }
    // The operator on B answers meanwhile; the visitor will catch up with it.
    const operator = open(b.url, '/agent', { cookie });
    await new Promise<void>((resolve) => operator.once('connect', () => resolve()));
    await operator.timeout(5_000).emitWithAck('message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'answer while you were away', kind: 'text' });

    a = await spawnServer({ ...env, PORT: port, IMPORT_ON_START: 'false' });
    await until(() => pending.size === 0 && [...seen.values()].some((m) => m.body === 'answer while you were away'), 15_000);

    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ seq: number; body: string }>('SELECT seq, body FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversation.id]);
    await client.end();
    expect(rows.filter((r) => r.body === 'written while the server was down')).toHaveLength(1);
    expect(rows.filter((r) => r.body === 'and one more')).toHaveLength(1);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect([...seen.keys()].sort((x, y) => x - y)).toEqual(rows.map((r) => r.seq));
  });

  it('takes files over HTTP from a conversation’s visitor only, and serves non-images as downloads', async () => {
    const visitor = open(b.url, '/visitor');
    const { token } = await new Promise<{ token: string }>((resolve) => visitor.once('session', resolve));
    const { conversation } = (await visitor.timeout(5_000).emitWithAck('conversation:start', { clientId: randomUUID(), body: 'the invoice is attached' })) as Ok<{ conversation: { id: number } }>;
    const upload = (headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>) => fetch(`${b.url}/api/chat/attachments?conversationId=${conversation.id}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('Счёт 42.pdf'), ...headers }, body });
    expect((await upload({}, '%PDF-1.7')).status).toBe(401);
    expect((await upload({ Authorization: 'Bearer forged.token' }, '%PDF-1.7')).status).toBe(401);
    const refused = await upload({ Authorization: `Bearer ${token}` }, new Uint8Array([0x4d, 0x5a, 0x00, 0x01])); // a program, whatever its name
    expect([refused.status, ((await refused.json()) as { error: { message: string } }).error.message]).toEqual([422, 'Only images (PNG, JPEG, WebP, GIF), PDF, ZIP and plain-text files can be sent.']);
    const created = await upload({ Authorization: `Bearer ${token}` }, '%PDF-1.7 tiny');
    const attachment = (await created.json()) as { url: string; name: string };
    expect([created.status, attachment.name]).toEqual([201, 'Счёт 42.pdf']);
    const download = await fetch(`${a.url}${attachment.url}`);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Счёт 42.pdf')}`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await download.text()).toBe('%PDF-1.7 tiny');
  });
});
