import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { Core } from '../../../core/app.ts';
import type { MessageView } from '../../../core/chat/index.ts';
import { Article, Message, Session, User } from '../../../core/models/index.ts';
import { connectClient, next, request, startChatHarness, type ClientSocket } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
type Refused = { ok: false; error: { code: string; message: string } };

/** Two published articles and a draft, imported as the help center imports its folder. */
async function writeArticles(root: string): Promise<void> {
  const files: Record<string, string> = {
    'en/billing/_collection.yml': 'title: Billing\n',
    'en/billing/refunds.md': '---\ntitle: Getting a refund\ndescription: How and when money comes back.\n---\nRefunds take 5 days.\n',
    'en/billing/invoices.md': '---\ntitle: Invoices\n---\nDownload invoices from Settings.\n',
    'en/billing/refund-policy-draft.md': '---\ntitle: Refund policy (draft)\ndraft: true\n---\nNot ready.\n',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

describe('article cards', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let agent: ClientSocket;
  let customer: ClientSocket;
  let conversationId: number;
  let refunds: Article;
  let draft: Article;
  let olga: User;

  beforeAll(async () => {
    core = await createTestCore();
    const root = await mkdtemp(path.join(os.tmpdir(), 'deflect-cards-'));
    await writeArticles(root);
    await core.importArticles(root);
    refunds = await Article.findOne({ where: { slug: 'refunds' }, rejectOnEmpty: true });
    draft = await Article.findOne({ where: { slug: 'refund-policy-draft' }, rejectOnEmpty: true });
    harness = await startChatHarness(core);
    const user = (olga = await User.create({ email: 'olga@acme.example', name: 'Olga', passwordHash: null, roles: ['operator'], authorId: null, deactivatedAt: null }));
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: user.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    agent = await connectClient(harness.url, '/agent', { cookie: `deflect_session=${token}` });
    customer = await connectClient(harness.url, '/visitor');
    conversationId = (await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'How do I get my money back?' })).conversation.id;
  });
  afterAll(async () => {
    agent?.disconnect();
    customer?.disconnect();
    await harness.close();
    await core.close();
  });

  it('finds published articles with the help center’s search in the visitor’s language, drafts left out', async () => {
    const found = await request<Ok<{ locale: string; articles: unknown[] }>>(agent, 'articles:search', { query: 'refund', locale: 'en-GB' });
    expect(found.locale).toBe('en');
    expect(found.articles).toEqual([{ articleId: refunds.id, title: 'Getting a refund', description: 'How and when money comes back.', url: '/en/billing/refunds', locale: 'en', collectionTitle: 'Billing' }]);
    expect(await request(agent, 'articles:search', { query: '  ' })).toEqual({ ok: false, error: { code: 'invalid', message: 'query: type a few words' } });
    // A language the help center is not written in searches the default one, and says so.
    expect(await request(agent, 'articles:search', { query: 'invoices', locale: 'fr' })).toMatchObject({ ok: true, locale: 'en', articles: [{ title: 'Invoices' }] });
    expect(await request(agent, 'articles:search', { query: 'invoices', locale: 'not a locale' })).toMatchObject({ ok: false, error: { code: 'invalid', message: 'locale: not a locale code' } });
  });

  it('sends a card once however often it is resent, and the visitor receives it with the card', async () => {
    const delivered: MessageView[] = [];
    customer.on('message', (m: MessageView) => delivered.push(m));
    const arrived = next<MessageView>(customer, 'message');
    const payload = { conversationId, clientId: randomUUID(), body: 'This should help:', card: { articleId: refunds.id } };
    const [a, b] = await Promise.all([request<Ok<{ message: MessageView; duplicate: boolean }>>(agent, 'message:send', payload), request<Ok<{ message: MessageView; duplicate: boolean }>>(agent, 'message:send', payload)]);
    const card = { articleId: refunds.id, title: 'Getting a refund', description: 'How and when money comes back.', url: '/en/billing/refunds', locale: 'en' };
    expect(a.message).toMatchObject({ body: 'This should help:', card });
    expect(b.message.seq).toBe(a.message.seq);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(await arrived).toMatchObject({ seq: a.message.seq, card });

    // Unpublished after a lost ack: the resend still gets the original, as every resend does.
    await core.articles.setStatus(olga, refunds.id, 'draft');
    const resent = await request<Ok<{ message: MessageView; duplicate: boolean }>>(agent, 'message:send', payload);
    expect(resent).toMatchObject({ duplicate: true, message: { seq: a.message.seq, card } });
    await core.articles.setStatus(olga, refunds.id, 'published');

    expect(await Message.count({ where: { clientId: payload.clientId } })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(delivered.filter((m) => m.clientId === payload.clientId)).toHaveLength(1);
    const history = await request<Ok<{ messages: MessageView[] }>>(customer, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(history.messages.at(-1)).toMatchObject({ clientId: payload.clientId, card });
  });

  it('refuses a card for a draft or an unknown article, or inside a note, and stores nothing', async () => {
    const before = await Message.count({ where: { conversationId } });
    const send = (extra: object) => request<Refused>(agent, 'message:send', { conversationId, clientId: randomUUID(), body: '', ...extra });
    expect(await send({ card: { articleId: draft.id } })).toEqual({ ok: false, error: { code: 'invalid', message: `card.articleId: no published article has id ${draft.id}.` } });
    expect(await send({ card: { articleId: 999_999 } })).toEqual({ ok: false, error: { code: 'invalid', message: 'card.articleId: no published article has id 999999.' } });
    expect(await send({ card: { articleId: refunds.id }, kind: 'note' })).toEqual({ ok: false, error: { code: 'invalid', message: 'card: an article goes in a reply, not in an internal note' } });
    expect(await send({ card: { articleId: 'refunds' } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await Message.count({ where: { conversationId } })).toBe(before);
  });

  it('never lets a visitor send a card', async () => {
    const answer = await request<Ok<{ message: MessageView }>>(customer, 'message:send', { conversationId, clientId: randomUUID(), body: 'look', card: { articleId: refunds.id } });
    expect(answer.message).toMatchObject({ body: 'look', card: null });
  });

  it('opens only published articles for reading, with the HTML the site shows', async () => {
    expect(await core.helpCenter.articleById(refunds.id)).toMatchObject({ title: 'Getting a refund', html: '<p>Refunds take 5 days.</p>\n' });
    expect(await core.helpCenter.articleById(draft.id)).toBeUndefined();
    expect(await core.helpCenter.articleById(424_242)).toBeUndefined();
  });
});
