import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { presentStaff, type StaffView } from '../../../core/accounts/presenters.ts';
import type { Core } from '../../../core/app.ts';
import { createLogger } from '../../../core/logger.ts';
import { articleCardFor } from '../../../core/chat/article-cards.ts';
import { Article, User } from '../../../core/models/index.ts';
import { recordWebhookEvent, type WebhookEventType } from '../../../core/webhooks/index.ts';
import { verifyWebhook } from '../../../core/webhooks/signature.ts';
import { WebhookWorker, type WebhookWorkerOptions } from '../../../core/webhooks/webhook-worker.ts';
import { freePort } from '../../support/server-process.ts';
import { createTestCore } from '../../support/test-core.ts';
import { WebhookReceiver } from '../../support/webhook-receiver.ts';

const logger = createLogger('silent', false);

interface DeliveryState {
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
}

describe('webhook deliveries', () => {
  let core: Core;
  let receiver: WebhookReceiver;
  let admin: StaffView;
  let articleId: number;
  const workers: WebhookWorker[] = [];
  const startWorker = (options: Partial<WebhookWorkerOptions> = {}, sequelize?: Sequelize) => {
    const worker = new WebhookWorker(sequelize ?? core.sequelize, logger, { pollMs: 20, retryBaseMs: 100, maxAttempts: 3, allowPrivate: true, ...options });
    workers.push(worker);
    worker.start();
    return worker;
  };
  const addEndpoint = (events: WebhookEventType[], url = receiver.url, enabled = true) => core.webhooks.create(admin, { url, events, enabled, description: 'test receiver' });
  const deliveries = () => core.sequelize.query<DeliveryState>('SELECT event_type, status, attempts, last_status_code, last_error FROM webhook_deliveries ORDER BY created_at, id', { type: QueryTypes.SELECT });
  const visitor = async () => (await core.chat.connectVisitor({ facts: {} })).visitorId;
  const startChat = async (body: string) => (await core.chat.startConversation(await visitor(), { clientId: randomUUID(), body, origin: { kind: 'launcher' } })).conversation.id;

  beforeAll(async () => {
    // The core's own workers stay off: each test runs the webhook workers it is about.
    core = await createTestCore({}, { mailWorker: false });
    receiver = await WebhookReceiver.start();
    admin = presentStaff(await User.create({ email: 'ada@acme.example', name: 'Ada Admin', passwordHash: null, roles: ['admin', 'operator'], authorId: null, deactivatedAt: null }));
    const root = await mkdtemp(path.join(os.tmpdir(), 'deflect-hooks-'));
    await mkdir(path.join(root, 'en/faq'), { recursive: true });
    await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\n');
    await writeFile(path.join(root, 'en/faq/refunds.md'), '---\ntitle: How refunds work\n---\nRefunds take five days.\n');
    await core.importArticles(root);
    articleId = (await Article.findOne({ where: { slug: 'refunds' }, rejectOnEmpty: true })).id;
  });
  afterAll(async () => {
    await receiver.close();
    await core.close();
  });
  beforeEach(async () => {
    receiver.requests.length = 0;
    receiver.status = 200;
    receiver.delayMs = 0;
    await core.sequelize.query('DELETE FROM webhook_endpoints');
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
  });

  it('a 😞 on an article reaches the endpoint once, signed with its secret, naming the article and the score', async () => {
    const { secret } = await addEndpoint(['reaction.created']);
    const visitorId = randomUUID();
    await core.articles.react(articleId, visitorId, 'sad');
    startWorker();
    await expect.poll(() => receiver.accepted.length).toBe(1);
    const [request] = receiver.requests;
    expect(verifyWebhook(secret, request!.body, request!.headers['deflect-signature'] as string)).toBe(true);
    expect(verifyWebhook(secret, `${request!.body} `, request!.headers['deflect-signature'] as string)).toBe(false);
    expect(request!.headers['deflect-event']).toBe('reaction.created');
    const payload = JSON.parse(request!.body);
    expect(payload).toMatchObject({ type: 'reaction.created', data: { article: { id: articleId, slug: 'refunds', title: 'How refunds work', locale: 'en' }, score: 'sad', previousScore: null, visitorId } });
    expect(payload.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(payload.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await expect.poll(async () => (await deliveries())[0]?.status).toBe('delivered');
    const [row] = await core.sequelize.query<{ id: string }>('SELECT id FROM webhook_deliveries', { type: QueryTypes.SELECT });
    expect(request!.headers['deflect-delivery']).toBe(row!.id);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.requests).toHaveLength(1);
  });

  it('a visitor rating a closed conversation reaches the endpoint as csat.rated, with the score and the comment', async () => {
    await addEndpoint(['csat.rated']);
    const visitorId = await visitor();
    const { conversation } = await core.chat.startConversation(visitorId, { clientId: randomUUID(), body: 'Where is my refund?', origin: { kind: 'launcher' } });
    await core.chat.setStatus(admin, conversation.id, 'closed');
    await core.chat.rate(visitorId, { conversationId: conversation.id, score: 'sad', comment: 'Too slow' });
    startWorker();
    await expect.poll(() => receiver.accepted.length).toBe(1);
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ type: 'csat.rated', data: { conversationId: conversation.id, visitorId, score: 'sad', comment: 'Too slow', operatorId: null } });
  });

  it('a receiver answering 500 is retried with doubling waits and gets the event once it is back', async () => {
    await addEndpoint(['reaction.created']);
    receiver.status = 500;
    await core.articles.react(articleId, randomUUID(), 'happy');
    const started = Date.now();
    startWorker({ retryBaseMs: 150, maxAttempts: 5 });
    await expect.poll(() => receiver.requests.length, { timeout: 5_000 }).toBe(2);
    receiver.status = 200;
    await expect.poll(() => receiver.accepted.length, { timeout: 5_000 }).toBe(1);
    // Waits of 150 then 300 ms between the three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const bodies = new Set(receiver.requests.map((r) => JSON.parse(r.body).id));
    expect(bodies.size).toBe(1);
    await expect.poll(deliveries).toEqual([{ event_type: 'reaction.created', status: 'delivered', attempts: 3, last_status_code: 200, last_error: null }]);
  });

  it('a receiver that refuses connections is retried, with the reason logged, until it listens again', async () => {
    const port = await freePort();
    await addEndpoint(['reaction.created'], `http://127.0.0.1:${port}/hooks`);
    await core.articles.react(articleId, randomUUID(), 'sad');
    startWorker({ retryBaseMs: 300, maxAttempts: 5 });
    await expect.poll(async () => (await deliveries())[0]?.last_error, { timeout: 5_000 }).toMatch(/ECONNREFUSED/);
    const back = await WebhookReceiver.start(port);
    try {
      await expect.poll(() => back.accepted.length, { timeout: 5_000 }).toBe(1);
      await expect.poll(deliveries).toMatchObject([{ status: 'delivered', last_status_code: 200, last_error: null }]);
    } finally {
      await back.close();
    }
  });

  it('refuses loopback receivers unless WEBHOOK_ALLOW_PRIVATE: by address or by a name resolving there, nothing is sent', async () => {
    const port = new URL(receiver.url).port;
    await addEndpoint(['reaction.created'], receiver.url);
    await addEndpoint(['reaction.created'], `http://localhost:${port}/hooks`);
    await core.articles.react(articleId, randomUUID(), 'sad');
    startWorker({ allowPrivate: false, retryBaseMs: 60_000 });
    // One event, two endpoints: the rows share created_at, so sort what they say.
    await expect.poll(async () => (await deliveries()).map((d) => d.last_error).sort(), { timeout: 5_000 }).toEqual([
      expect.stringMatching(/^127\.0\.0\.1 resolves to 127\.0\.0\.1, a private or local address: refused \(set WEBHOOK_ALLOW_PRIVATE=true to allow it\)$/),
      expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), a private or local address: refused/),
    ]);
    expect(receiver.requests).toEqual([]);
    expect((await deliveries()).map((d) => d.status)).toEqual(['queued', 'queued']);
  });

  it('gives up after the last attempt; "Retry now" sends it again and it is delivered', async () => {
    const { id } = await addEndpoint(['reaction.created']);
    receiver.status = 503;
    await core.articles.react(articleId, randomUUID(), 'neutral');
    startWorker({ retryBaseMs: 20, maxAttempts: 2 });
    await expect.poll(async () => (await deliveries())[0]?.status, { timeout: 5_000 }).toBe('failed');
    const [failed] = await core.webhooks.deliveries(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503 Service Unavailable', nextAttemptAt: null });
    expect((await core.webhooks.list())[0]!.failedCount).toBe(1);
    receiver.status = 200;
    await core.webhooks.retry(admin, id, failed!.id);
    await expect.poll(() => receiver.accepted.length, { timeout: 5_000 }).toBe(1);
    await expect.poll(async () => (await core.webhooks.deliveries(id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    await expect(core.webhooks.retry(admin, id, failed!.id)).rejects.toThrow('Only a failed delivery of this endpoint can be retried.');
  });

  it('a receiver that does not answer in time counts as a failure', async () => {
    await addEndpoint(['reaction.created']);
    receiver.delayMs = 1_000;
    await core.articles.react(articleId, randomUUID(), 'sad');
    startWorker({ timeoutMs: 200, maxAttempts: 1 });
    await expect.poll(async () => (await deliveries())[0]?.status, { timeout: 5_000 }).toBe('failed');
    expect((await deliveries())[0]!.last_error).toBe('no response within 0.2 s');
  });

  it('an endpoint that does not answer holds back only its own deliveries: another endpoint gets every event meanwhile', async () => {
    const healthy = await WebhookReceiver.start();
    try {
      await addEndpoint(['reaction.created']);
      await addEndpoint(['reaction.created'], healthy.url);
      receiver.delayMs = 1_000;
      for (let i = 0; i < 4; i++) await core.articles.react(articleId, randomUUID(), 'sad');
      startWorker({ timeoutMs: 150, retryBaseMs: 5_000, maxAttempts: 5 });
      await expect.poll(() => healthy.accepted.length, { timeout: 5_000 }).toBe(4);
      // One timed-out attempt put the hanging endpoint's other three deliveries behind its retry.
      expect(receiver.requests).toHaveLength(1);
      const waiting = await core.sequelize.query<{ attempts: number; due_in_s: number }>(
        `SELECT d.attempts, extract(epoch FROM d.next_attempt_at - now())::int AS due_in_s FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE e.url = :url ORDER BY d.attempts DESC`,
        { type: QueryTypes.SELECT, replacements: { url: receiver.url } },
      );
      expect(waiting.map((w) => w.attempts)).toEqual([1, 0, 0, 0]);
      for (const row of waiting) expect(row.due_in_s).toBeGreaterThanOrEqual(3);
    } finally {
      await healthy.close();
    }
  });

  it('two workers on their own connections deliver each event exactly once', async () => {
    await addEndpoint(['reaction.created']);
    receiver.delayMs = 5;
    const count = 30;
    for (let i = 0; i < count; i++) await core.articles.react(articleId, randomUUID(), 'sad');
    const second = new Sequelize(core.databaseUrl, { logging: false });
    try {
      startWorker();
      startWorker({}, second);
      await expect.poll(() => receiver.accepted.length, { timeout: 15_000 }).toBe(count);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.requests).toHaveLength(count);
      expect(new Set(receiver.requests.map((r) => r.headers['deflect-delivery'])).size).toBe(count);
      for (const worker of workers.splice(0)) await worker.stop();
    } finally {
      await second.close();
    }
  });

  it('deletes delivered and failed deliveries older than keepDays, never queued ones', async () => {
    await addEndpoint(['reaction.created']);
    receiver.status = 500;
    for (let i = 0; i < 3; i++) await core.articles.react(articleId, randomUUID(), 'sad');
    await core.sequelize.query(`UPDATE webhook_deliveries SET created_at = now() - interval '40 days'`);
    await core.sequelize.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = (SELECT min(id::text)::uuid FROM webhook_deliveries)`);
    await core.sequelize.query(`UPDATE webhook_deliveries SET status = 'delivered' WHERE id = (SELECT max(id::text)::uuid FROM webhook_deliveries)`);
    await core.articles.react(articleId, randomUUID(), 'happy');
    await core.sequelize.query(`UPDATE webhook_deliveries SET status = 'delivered' WHERE created_at > now() - interval '1 day'`);
    startWorker({ keepDays: 30, retryBaseMs: 60_000 });
    await expect.poll(async () => (await deliveries()).map((d) => d.status).sort()).toEqual(['delivered', 'queued']);
  });

  it('writes nothing for a disabled endpoint or an event it does not subscribe to', async () => {
    await addEndpoint(['reaction.created'], receiver.url, false);
    await addEndpoint(['article.published']);
    await core.articles.react(articleId, randomUUID(), 'sad');
    startWorker();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await deliveries()).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });

  it('conversations and their spoken messages become events; an internal note never does', async () => {
    await addEndpoint(['conversation.created', 'conversation.assigned', 'conversation.closed', 'message.created']);
    const conversationId = await startChat('My invoice is wrong');
    await core.chat.agentMessage(admin, { conversationId, clientId: randomUUID(), body: 'Customer is on the legacy plan', kind: 'note' });
    await core.chat.agentMessage(admin, { conversationId, clientId: randomUUID(), body: 'Fixed, sorry about that!', kind: 'text' });
    await core.chat.setStatus(admin, conversationId, 'closed');
    startWorker();
    await expect.poll(() => receiver.accepted.length).toBe(5);
    const events = receiver.requests.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, { body?: string; sender?: string; status?: string; assigneeId?: number }> });
    expect(events.map((e) => e.type).sort()).toEqual(['conversation.assigned', 'conversation.closed', 'conversation.created', 'message.created', 'message.created']);
    const messages = events.filter((e) => e.type === 'message.created').map((e) => [e.data.message!.sender, e.data.message!.body]);
    expect(messages).toEqual(expect.arrayContaining([['visitor', 'My invoice is wrong'], ['agent', 'Fixed, sorry about that!']]));
    expect(receiver.requests.some((r) => r.body.includes('legacy plan'))).toBe(false);
    // The first operator reply made Ada the owner: that is an assignment too.
    expect(events.find((e) => e.type === 'conversation.assigned')!.data.conversation).toMatchObject({ id: conversationId, assigneeId: admin.id });
    expect(events.find((e) => e.type === 'conversation.closed')!.data.conversation).toMatchObject({ id: conversationId, status: 'closed' });
  });

  it('a conversation the answer bot holds is announced only once the visitor asks for a person; one it resolves, never', async () => {
    await addEndpoint(['conversation.created', 'conversation.assigned', 'conversation.closed', 'message.created']);
    await core.sequelize.query('UPDATE teams SET answer_bot = true');
    try {
      const card = await articleCardFor(articleId);
      const offered = async (body: string) => {
        const visitorId = await visitor();
        const { conversation } = await core.chat.startConversation(visitorId, { clientId: randomUUID(), body, origin: { kind: 'launcher' } }, async () => [card]);
        expect(conversation.botOutcome).toBe('offered');
        return { visitorId, conversationId: conversation.id };
      };
      const resolved = await offered('How long do refunds take?');
      const stillNeedsHelp = await offered('Where is my refund?');
      expect(await deliveries()).toEqual([]);

      await core.chat.botAnswer(resolved.visitorId, { conversationId: resolved.conversationId, helped: true });
      // Writing again instead of choosing asks for a person: the conversation and everything the visitor said go out then.
      await core.chat.visitorMessage(stillNeedsHelp.visitorId, { conversationId: stillNeedsHelp.conversationId, clientId: randomUUID(), body: 'It has been two weeks' });
      // Queued in one transaction: one time stamp, so no order among them (receivers order by `seq`).
      expect((await deliveries()).map((d) => d.event_type).sort()).toEqual(['conversation.created', 'message.created', 'message.created']);

      startWorker();
      await expect.poll(() => receiver.accepted.length).toBe(3);
      const events = receiver.requests.map((r) => JSON.parse(r.body) as { type: string; data: { conversation?: { id: number }; message?: { conversationId: number; seq: number; body: string } } });
      expect(events.map((e) => e.data.conversation?.id ?? e.data.message?.conversationId)).toEqual([stillNeedsHelp.conversationId, stillNeedsHelp.conversationId, stillNeedsHelp.conversationId]);
      const spoken = events.filter((e) => e.type === 'message.created').map((e) => e.data.message!).sort((a, b) => a.seq - b.seq);
      expect(spoken.map((m) => m.body)).toEqual(['Where is my refund?', 'It has been two weeks']);
    } finally {
      await core.sequelize.query('UPDATE teams SET answer_bot = false');
    }
  });

  it('publishing an article is an event', async () => {
    await addEndpoint(['article.published']);
    await core.articles.setStatus(admin, articleId, 'draft');
    await core.articles.setStatus(admin, articleId, 'published');
    startWorker();
    await expect.poll(() => receiver.accepted.length).toBe(1);
    expect(JSON.parse(receiver.requests[0]!.body).data.article).toMatchObject({ id: articleId, slug: 'refunds', locale: 'en' });
  });

  it('an event recorded in a transaction that rolls back is never sent (recordWebhookEvent, for CSAT)', async () => {
    await addEndpoint(['csat.rated']);
    await core.sequelize
      .transaction(async (transaction) => {
        await recordWebhookEvent(core.sequelize, 'csat.rated', { conversationId: 1, score: 'sad' }, transaction);
        throw new Error('rating refused');
      })
      .catch(() => undefined);
    await core.sequelize.transaction((transaction) => recordWebhookEvent(core.sequelize, 'csat.rated', { conversationId: 2, score: 'happy' }, transaction));
    startWorker();
    await expect.poll(() => receiver.accepted.length).toBe(1);
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ type: 'csat.rated', data: { conversationId: 2, score: 'happy' } });
  });

  it('"Send test event" reaches even an endpoint subscribed to nothing else, signed with the rotated secret', async () => {
    const { id, secret } = await addEndpoint(['article.published']);
    const rotated = await core.webhooks.rotateSecret(admin, id);
    expect(rotated).not.toBe(secret);
    expect(await core.webhooks.revealSecret(admin, id)).toBe(rotated);
    await core.webhooks.sendTest(admin, id);
    startWorker();
    await expect.poll(() => receiver.accepted.length).toBe(1);
    const [request] = receiver.requests;
    expect(request!.headers['deflect-event']).toBe('webhook.test');
    expect(verifyWebhook(rotated, request!.body, request!.headers['deflect-signature'] as string)).toBe(true);
    expect(verifyWebhook(secret, request!.body, request!.headers['deflect-signature'] as string)).toBe(false);
  });
});
