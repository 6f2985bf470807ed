import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import { loadChatSecrets } from '../../../core/chat/chat-secrets.ts';
import { userHash } from '../../../core/chat/identity.ts';
import type { VisitorProfileView } from '../../../core/chat/index.ts';
import { Article, Session, User } from '../../../core/models/index.ts';
import { connectClient, request, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;

const CHROME_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('the visitor sidebar (visitor:profile)', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let agent: Socket;
  const sockets: Socket[] = [];

  /** A visitor's widget as a browser opens it: its user agent, the visit's context, maybe a verified identity. */
  const widget = async (auth: object, userAgent = CHROME_ON_LINUX) => {
    const socket = io(`${harness.url}/visitor`, { auth, transports: ['websocket'], extraHeaders: { 'user-agent': userAgent }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const session = new Promise<{ visitorId: string }>((resolve) => socket.once('session', resolve));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, visitorId: (await session).visitorId };
  };
  const start = async (socket: Socket, body: string) => (await request<Ok<{ conversation: { id: number } }>>(socket, 'conversation:start', { clientId: randomUUID(), body })).conversation.id;
  const profile = async (visitorId: string) => (await request<Ok<{ profile: VisitorProfileView }>>(agent, 'visitor:profile', { visitorId })).profile;

  beforeAll(async () => {
    core = await createTestCore();
    await core.importArticles();
    harness = await startChatHarness(core);
    const user = await User.create({ email: 'olga@acme.example', name: 'Olga', passwordHash: null, roles: ['operator'], authorId: null, deactivatedAt: null });
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    agent = await connectClient(harness.url, '/agent', { cookie: `deflect_session=${token}` });
    sockets.push(agent);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  it('shows who the visitor is, where they have been, their earlier conversations and reactions — nobody else’s', async () => {
    const { identityKey } = await loadChatSecrets(core.sequelize);
    const identity = { userId: 'crm-42', userHash: userHash(identityKey, 'crm-42'), name: 'Grace Hopper', email: 'grace@example.com' };
    const context = { page: '/en/billing/refunds', pages: ['/en', '/en/billing', '/en/billing/refunds'], entryPage: '/en', referrer: 'https://www.example.com/account', locale: 'en', timeZone: 'America/New_York' };
    const grace = await widget({ identity, context });
    const earlier = await start(grace.socket, 'Invoices are missing');
    const current = await start(grace.socket, 'Refund please');
    const [refunds, invoices] = await Promise.all(['refunds', 'invoices'].map((slug) => Article.findOne({ where: { slug, locale: 'en' }, rejectOnEmpty: true })));
    await core.articles.react(refunds!.id, grace.visitorId, 'sad');

    // Another visitor, with their own conversation and reaction: none of it may show in Grace's sidebar.
    const other = await widget({ context: { page: '/ru', locale: 'ru', timeZone: 'Europe/Moscow' } }, 'curl/8.5');
    const theirs = await start(other.socket, 'Привет');
    await core.articles.react(invoices!.id, other.visitorId, 'happy');

    const seen = await profile(grace.visitorId);
    expect(seen).toMatchObject({
      id: grace.visitorId,
      name: 'Grace Hopper',
      email: 'grace@example.com',
      externalId: 'crm-42',
      locale: 'en',
      timeZone: 'America/New_York',
      online: true,
      page: '/en/billing/refunds',
      pages: ['/en', '/en/billing', '/en/billing/refunds'],
      entryPage: '/en',
      referrer: 'https://www.example.com/account',
      userAgent: CHROME_ON_LINUX,
      device: 'Chrome 131 · Linux',
    });
    expect(seen.conversations.map((c) => [c.id, c.opener])).toEqual([
      [current, 'Refund please'],
      [earlier, 'Invoices are missing'],
    ]);
    expect(seen.reactions).toEqual([{ articleId: refunds!.id, title: refunds!.title, url: '/en/billing/refunds', reaction: 'sad', at: expect.any(String) }]);

    const theirProfile = await profile(other.visitorId);
    expect(theirProfile).toMatchObject({ name: null, externalId: null, page: '/ru', device: null, userAgent: 'curl/8.5' });
    expect(theirProfile.conversations.map((c) => c.id)).toEqual([theirs]);
    expect(theirProfile.reactions.map((r) => r.articleId)).toEqual([invoices!.id]);
  });

  it('says when the visitor has left, and refuses unknown or malformed visitor ids', async () => {
    const leaving = await widget({ context: { page: '/en' } });
    expect((await profile(leaving.visitorId)).online).toBe(true);
    leaving.socket.disconnect();
    await expect.poll(async () => (await profile(leaving.visitorId)).online).toBe(false);
    expect(await request(agent, 'visitor:profile', { visitorId: randomUUID() })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such visitor.' } });
    expect(await request(agent, 'visitor:profile', { visitorId: 'me' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
