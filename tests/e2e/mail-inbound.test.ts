import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../core/chat/email/reply-address.ts';
import { resumeLink } from '../../core/chat/email/resume-link.ts';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SECRET = 'provider-shared-secret-123';
type Ack<T> = { ok: true } & T;

/** A reply as a provider forwards it: raw MIME. */
function rawReply(props: { from: string; to: string; text: string; messageId: string }): string {
  return [`From: ${props.from}`, `To: ${props.to}`, 'Subject: Re: Your conversation', `Message-ID: ${props.messageId}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', props.text, ''].join('\r\n');
}

describe('replies to chat emails reach the running server (webhook and SMTP receiver)', () => {
  let server: ServerProcess;
  let db: pg.Client;
  let smtpPort: number;
  let mailKey: string;
  const sockets: Socket[] = [];
  const visitor = async (token?: string) => {
    const socket = io(`${server.url}/visitor`, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true });
    sockets.push(socket);
    const session = new Promise<{ visitorId: string; token: string }>((resolve) => socket.once('session', resolve));
    await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
    return { socket, session: await session };
  };
  const ask = <T>(socket: Socket, event: string, payload: unknown) => socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
  const post = (body: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/mail/inbound`, { method: 'POST', headers: { 'content-type': 'message/rfc822', ...headers }, body });
  const bodies = async (conversationId: number) => (await db.query<{ body: string }>('SELECT body FROM messages WHERE conversation_id = $1 ORDER BY seq', [conversationId])).rows.map((r) => r.body);

  beforeAll(async () => {
    smtpPort = await freePort();
    server = await startServerProcess({ INBOUND_MAIL_SECRET: SECRET, INBOUND_SMTP_PORT: String(smtpPort), INBOUND_SMTP_HOST: '127.0.0.1', MAIL_REPLY_DOMAIN: 'help.acme.example' });
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    mailKey = (await db.query<{ mail_key: string }>('SELECT mail_key FROM chat_secrets')).rows[0]!.mail_key;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await db?.end();
    await server?.stop();
  });

  it('takes a provider’s raw email only with the shared secret, posts it once, and refuses a forged address', async () => {
    const { socket } = await visitor();
    const { conversation } = await ask<{ conversation: { id: number } }>(socket, 'conversation:start', { clientId: randomUUID(), body: 'Help with billing' });
    await ask(socket, 'visitor:email', { email: 'ann@example.com' });
    const mail = rawReply({ from: 'ann@example.com', to: replyAddress(mailKey, conversation.id, 'help.acme.example'), text: 'Got it, thanks.\n\n> quoted', messageId: '<a1@example.com>' });

    for (const headers of [{}, { 'x-inbound-secret': 'wrong-secret-wrong-secret' }] as Array<Record<string, string>>) {
      const refused = await post(mail, headers);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: { code: 'unauthenticated', message: 'X-Inbound-Secret is missing or wrong.' } });
    }
    expect(await bodies(conversation.id)).toEqual(['Help with billing']);

    const accepted = await post(mail, { 'x-inbound-secret': SECRET });
    expect(await accepted.json()).toEqual({ conversationId: conversation.id, seq: 2, duplicate: false });
    expect(await (await post(mail, { 'x-inbound-secret': SECRET })).json()).toEqual({ conversationId: conversation.id, seq: 2, duplicate: true });
    expect(await bodies(conversation.id)).toEqual(['Help with billing', 'Got it, thanks.']);

    const forged = await post(rawReply({ from: 'ann@example.com', to: `reply+${conversation.id}-${'f'.repeat(24)}@help.acme.example`, text: 'forged', messageId: '<a2@example.com>' }), { 'x-inbound-secret': SECRET });
    expect(forged.status).toBe(422);
    expect(await forged.json()).toMatchObject({ error: { code: 'mail_refused', message: expect.stringMatching(/^forged_token: /) } });
    expect(await bodies(conversation.id)).toHaveLength(2);
  });

  it('receives replies by SMTP on INBOUND_SMTP_PORT', async () => {
    const { socket } = await visitor();
    const { conversation } = await ask<{ conversation: { id: number } }>(socket, 'conversation:start', { clientId: randomUUID(), body: 'Export fails' });
    await ask(socket, 'visitor:email', { email: 'bo@example.com' });
    const live = new Promise<{ body: string }>((resolve) => socket.once('message', resolve));
    await nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true }).sendMail({ from: 'bo@example.com', to: replyAddress(mailKey, conversation.id, 'help.acme.example'), subject: 'Re', text: 'Works now.' });
    expect((await live).body).toBe('Works now.');
    expect(await bodies(conversation.id)).toEqual(['Export fails', 'Works now.']);
  });

  it('exchanges a chat email’s resume link for the visitor’s chat, and refuses a forged one', async () => {
    const { socket, session } = await visitor();
    const { conversation } = await ask<{ conversation: { id: number } }>(socket, 'conversation:start', { clientId: randomUUID(), body: 'Where is my refund?' });
    const token = resumeLink(mailKey, `${server.url}/`, { conversationId: conversation.id, visitorId: session.visitorId }).split('#chat-resume=')[1]!;
    const resumed = await fetch(`${server.url}/api/chat/resume`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const body = (await resumed.json()) as { token: string; visitorId: string; conversationId: number };
    expect(body).toMatchObject({ visitorId: session.visitorId, conversationId: conversation.id });
    // On another device: the exchanged token opens the same chat.
    const elsewhere = await visitor(body.token);
    expect((await ask<{ messages: Array<{ body: string }> }>(elsewhere.socket, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 })).messages.map((m) => m.body)).toEqual(['Where is my refund?']);

    const forged = await fetch(`${server.url}/api/chat/resume`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.replace(/\.\d+\./, '.9999999999.') }) });
    expect(forged.status).toBe(404);
  });

  it('stops the SMTP receiver with the server', async () => {
    expect(await server.stop()).toBe(0);
    await expect(nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true, connectionTimeout: 2_000 }).sendMail({ from: 'a@example.com', to: 'reply+1-00@help.acme.example', text: 'x' })).rejects.toThrow();
  });
});
