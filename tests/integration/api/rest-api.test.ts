import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { AccessToken, Article, ArticleVersion, AuditEntry, Collection, User } from '../../../core/models/index.ts';
import { errorSchema, articlePageSchema, articleWithBodySchema, collectionListSchema, conversationPageSchema, conversationSchema, messagePageSchema, userListSchema } from '../../../site/api/v1/schemas.ts';
import * as articleRoute from '../../../site/pages/api/v1/articles/[id].ts';
import * as articlesRoute from '../../../site/pages/api/v1/articles/index.ts';
import * as collectionsRoute from '../../../site/pages/api/v1/collections.ts';
import * as conversationRoute from '../../../site/pages/api/v1/conversations/[id].ts';
import * as messagesRoute from '../../../site/pages/api/v1/conversations/[id]/messages.ts';
import * as conversationsRoute from '../../../site/pages/api/v1/conversations/index.ts';
import * as usersRoute from '../../../site/pages/api/v1/users.ts';
import { callRoute } from '../../support/api-route.ts';
import { createTestCore } from '../../support/test-core.ts';
import { importSmallHelpCenter, staffWithTokens } from './rest-api-fixtures.ts';

describe('REST API /api/v1 with personal access tokens', () => {
  let core: Core;
  let faqEn: Collection;
  /** Tokens: admin with every scope, a read-only articles token, an operator's conversation tokens. */
  const t = { all: '', articlesRead: '', operatorRead: '', operatorNotes: '', operatorNoScope: '', author: '' };
  let adminId: number;
  const get = (route: typeof collectionsRoute.GET, path: string, token: string, params: Record<string, string> = {}) => callRoute(route, core, { path, token, params });
  const errorOf = (body: unknown) => errorSchema.parse(body).error;

  beforeAll(async () => {
    core = await createTestCore();
    await importSmallHelpCenter(core);
    faqEn = await Collection.findOne({ where: { locale: 'en', slug: 'faq' }, rejectOnEmpty: true });
    const admin = await staffWithTokens(core, 'ada@acme.example', ['admin'], { scopes: ['articles:read', 'articles:write', 'conversations:read', 'conversations:notes', 'users:read'] }, { scopes: ['articles:read'] });
    adminId = admin.staff.id;
    [t.all, t.articlesRead] = admin.tokens as [string, string];
    const operator = await staffWithTokens(core, 'olga@acme.example', ['operator'], { scopes: ['conversations:read'] }, { scopes: ['conversations:read', 'conversations:notes'] }, { scopes: ['users:read'] });
    [t.operatorRead, t.operatorNotes, t.operatorNoScope] = operator.tokens as [string, string, string];
    const author = await staffWithTokens(core, 'arthur@acme.example', ['author'], { scopes: ['articles:read', 'articles:write'] });
    [t.author] = author.tokens as [string];
  });
  afterAll(() => core.close());

  describe('authentication', () => {
    it('answers 401 with a Bearer challenge without a token, with a malformed or unknown one', async () => {
      for (const token of [undefined, 'not-a-token', `dfl_${'x'.repeat(43)}`]) {
        const answer = await callRoute(collectionsRoute.GET, core, { path: '/api/v1/collections', ...(token ? { token } : {}) });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(errorOf(answer.body).code).toBe('unauthenticated');
      }
    });

    it('stops a token at once when it is revoked, when it expires, and for good when its owner is deactivated', async () => {
      const { staff, tokens } = await staffWithTokens(core, 'rita@acme.example', ['author'], { scopes: ['articles:read'] }, { scopes: ['articles:read'], expiresInDays: 30 }, { scopes: ['articles:read'] });
      const [revoked, expiring, owners] = tokens as [string, string, string];
      for (const token of tokens) expect((await get(collectionsRoute.GET, '/api/v1/collections', token)).status).toBe(200);

      const [first] = await core.accounts.listAccessTokens(staff.id).then((list) => list.filter((v) => v.name === 'token 1'));
      await core.accounts.revokeAccessToken(staff, first!.id);
      expect((await get(collectionsRoute.GET, '/api/v1/collections', revoked)).status).toBe(401);

      await AccessToken.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { name: 'token 2', userId: staff.id } });
      expect((await get(collectionsRoute.GET, '/api/v1/collections', expiring)).status).toBe(401);

      const admin = (await core.accounts.listStaff()).find((s) => s.id === adminId)!;
      await core.accounts.setActive(admin, staff.id, false);
      expect((await get(collectionsRoute.GET, '/api/v1/collections', owners)).status).toBe(401);
      // Reopening the account does not bring its tokens back: they were revoked with the deactivation.
      await core.accounts.setActive(admin, staff.id, true);
      expect((await get(collectionsRoute.GET, '/api/v1/collections', owners)).status).toBe(401);
      expect((await core.accounts.listAccessTokens(staff.id)).map((v) => v.state).sort()).toEqual(['revoked', 'revoked', 'revoked']);
    });
  });

  describe('scopes and roles', () => {
    it('refuses a write with a read-only token (403) and changes nothing', async () => {
      const before = await Article.count();
      const answer = await callRoute(articlesRoute.POST, core, { path: '/api/v1/articles', method: 'POST', token: t.articlesRead, body: { title: 'Sneaky', locale: 'en', collectionId: faqEn.id } });
      expect(answer.status).toBe(403);
      expect(errorOf(answer.body)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('lacks the articles:write scope') });
      expect(await Article.count()).toBe(before);
    });

    it('refuses conversations to a token without conversations:read (403), even an operator\'s', async () => {
      const answer = await get(conversationsRoute.GET, '/api/v1/conversations', t.operatorNoScope);
      expect(answer.status).toBe(403);
      expect((await get(conversationsRoute.GET, '/api/v1/conversations', t.articlesRead)).status).toBe(403);
      expect((await get(conversationsRoute.GET, '/api/v1/conversations', t.author)).status).toBe(403);
    });

    it('never lets a token grant more than its owner\'s role: refused at creation, and refused per request once the role is gone', async () => {
      const { staff } = await staffWithTokens(core, 'ann@acme.example', ['author']);
      await expect(core.accounts.createAccessToken(staff, { name: 'inbox export', scopes: ['conversations:read'] })).rejects.toThrow('scopes: your role does not allow conversations:read');

      const both = await staffWithTokens(core, 'otto@acme.example', ['author', 'operator'], { scopes: ['conversations:read', 'articles:read'] });
      const token = both.tokens[0]!;
      expect((await get(conversationsRoute.GET, '/api/v1/conversations', token)).status).toBe(200);
      const admin = (await core.accounts.listStaff()).find((s) => s.id === adminId)!;
      await core.accounts.changeRoles(admin, both.staff.id, ['author']);
      const answer = await get(conversationsRoute.GET, '/api/v1/conversations', token);
      expect(answer.status).toBe(403);
      expect(errorOf(answer.body).message).toContain('your role no longer allows conversations:read');
      expect((await get(articlesRoute.GET, '/api/v1/articles', token)).status).toBe(200);
    });
  });

  describe('articles', () => {
    it('lists collections and pages through articles with filters, every article once', async () => {
      const collections = collectionListSchema.parse((await get(collectionsRoute.GET, '/api/v1/collections', t.all)).body).data;
      expect(collections.map((c) => `${c.locale}/${c.slug}`).sort()).toEqual(['en/faq', 'ru/faq']);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer = await get(articlesRoute.GET, `/api/v1/articles?locale=en&limit=2${cursor ? `&cursor=${cursor}` : ''}`, t.all);
        expect(answer.status).toBe(200);
        const page = articlePageSchema.parse(answer.body);
        seen.push(...page.data.map((a) => a.title));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen.sort()).toEqual(['Billing', 'Single sign-on', 'Storage quotas']);

      const drafts = articlePageSchema.parse((await get(articlesRoute.GET, `/api/v1/articles?status=draft&collection=${faqEn.id}`, t.all)).body);
      expect(drafts.data.map((a) => a.title)).toEqual(['Single sign-on']);
      expect(drafts.nextCursor).toBeNull();
    });

    it('creates an article and updates it; a stale baseVersion gets 409 with the current version and is not applied', async () => {
      const created = await callRoute(articlesRoute.POST, core, { path: '/api/v1/articles', method: 'POST', token: t.all, body: { title: 'Export invoices', locale: 'en', collectionId: faqEn.id, body: 'Open **Billing**.', tags: ['billing'] } });
      expect(created.status).toBe(201);
      const article = articleWithBodySchema.parse(created.body);
      expect(created.headers.get('location')).toBe(`/api/v1/articles/${article.id}`);
      expect(article).toMatchObject({ title: 'Export invoices', status: 'draft', body: 'Open **Billing**.', tags: ['billing'], url: '/en/faq/export-invoices' });

      const update = (body: unknown) => callRoute(articleRoute.PATCH, core, { path: `/api/v1/articles/${article.id}`, method: 'PATCH', token: t.all, params: { id: String(article.id) }, body });
      const first = await update({ baseVersion: article.version, body: 'Open **Billing**, then *Export*.', status: 'published' });
      expect(first.status).toBe(200);
      const saved = articleWithBodySchema.parse(first.body);
      expect(saved).toMatchObject({ version: article.version + 1, status: 'published', title: 'Export invoices', tags: ['billing'] });

      const stale = await update({ baseVersion: article.version, title: 'Overwritten' });
      expect(stale.status).toBe(409);
      expect(errorOf(stale.body)).toMatchObject({ code: 'version_conflict', currentVersion: saved.version, message: expect.stringContaining('baseVersion') });
      const fresh = articleWithBodySchema.parse((await get(articleRoute.GET, `/api/v1/articles/${article.id}`, t.all, { id: String(article.id) })).body);
      expect(fresh).toMatchObject({ title: 'Export invoices', version: saved.version, body: 'Open **Billing**, then *Export*.' });
      expect(await ArticleVersion.count({ where: { articleId: article.id } })).toBe(saved.version);
      const audit = await AuditEntry.findAll({ where: { targetType: 'article', targetId: String(article.id) }, order: [['id', 'ASC']] });
      // Created as the editor creates (an empty draft), its first content saved as an edit, then published: all by the token's owner.
      expect(audit.map((e) => [e.action, e.actorLabel])).toEqual([['article.create', 'ada@acme.example'], ['article.update', 'ada@acme.example'], ['article.publish', 'ada@acme.example']]);
    });

    it('answers 422 naming each invalid field, 400 for a body that is not JSON, 404 for no such article, and creates nothing', async () => {
      const before = await Article.count();
      const post = (body: unknown) => callRoute(articlesRoute.POST, core, { path: '/api/v1/articles', method: 'POST', token: t.all, body });
      const invalid = await post({ title: '  ', locale: 'en', collectionId: 'faq', tags: Array.from({ length: 21 }, (_, i) => `t${i}`), colour: 'red' });
      expect(invalid.status).toBe(422);
      const error = errorOf(invalid.body);
      expect(error.code).toBe('validation_failed');
      expect(error.fields).toMatchObject({ title: 'give the article a title', tags: 'at most 20 tags', collectionId: expect.any(String) });
      expect(error.message).toContain('title: give the article a title');
      expect(error.message).toContain('colour');

      const wrongLocale = await post({ title: 'Hallo', locale: 'ru', collectionId: faqEn.id });
      expect(wrongLocale.status).toBe(422);
      expect(errorOf(wrongLocale.body).fields).toEqual({ collectionId: 'choose a collection in ru' });

      expect((await post('{"title": ')).status).toBe(400);
      expect((await get(articleRoute.GET, '/api/v1/articles/999999', t.all, { id: '999999' })).status).toBe(404);
      expect((await get(articleRoute.GET, '/api/v1/articles/abc', t.all, { id: 'abc' })).status).toBe(404);
      const badQuery = await get(articlesRoute.GET, '/api/v1/articles?limit=500&cursor=-3', t.all);
      expect(badQuery.status).toBe(422);
      expect(errorOf(badQuery.body).fields).toEqual({ limit: 'at most 100', cursor: 'not a cursor from a previous page' });
      expect(await Article.count()).toBe(before);
    });
  });

  describe('conversations, messages and users', () => {
    let conversationIds: number[];
    beforeAll(async () => {
      const olga = (await core.accounts.listStaff()).find((s) => s.email === 'olga@acme.example')!;
      conversationIds = [];
      for (const text of ['Refund please', 'Where is my invoice?', 'Login broken']) {
        const { visitorId } = await core.chat.connectVisitor({ facts: {} });
        conversationIds.push((await core.chat.startConversation(visitorId, { clientId: randomUUID(), body: text, origin: { kind: 'launcher' } })).conversation.id);
      }
      const [refund, invoice] = conversationIds as [number, number];
      await core.chat.agentMessage(olga, { conversationId: refund, clientId: randomUUID(), body: 'Customer is on the annual plan', kind: 'note' });
      await core.chat.agentMessage(olga, { conversationId: refund, clientId: randomUUID(), body: 'Refund issued.', kind: 'text' });
      await core.chat.setStatus(olga, invoice, 'closed');
    });

    it('pages through conversations newest first, filtered by status and assignee', async () => {
      const [refund, invoice, login] = conversationIds as [number, number, number];
      const first = conversationPageSchema.parse((await get(conversationsRoute.GET, '/api/v1/conversations?limit=2', t.operatorRead)).body);
      expect(first.data.map((c) => c.id)).toEqual([login, invoice]);
      const second = conversationPageSchema.parse((await get(conversationsRoute.GET, `/api/v1/conversations?limit=2&cursor=${first.nextCursor}`, t.operatorRead)).body);
      expect(second.data.map((c) => c.id)).toEqual([refund]);
      expect(second.nextCursor).toBeNull();

      const closed = conversationPageSchema.parse((await get(conversationsRoute.GET, '/api/v1/conversations?status=closed', t.operatorRead)).body);
      expect(closed.data.map((c) => c.id)).toEqual([invoice]);
      const olga = (await User.findOne({ where: { email: 'olga@acme.example' }, rejectOnEmpty: true })).id;
      const mine = conversationPageSchema.parse((await get(conversationsRoute.GET, `/api/v1/conversations?assignee=${olga}`, t.operatorRead)).body);
      expect(mine.data.map((c) => c.id)).toEqual([refund]);
      const unassigned = conversationPageSchema.parse((await get(conversationsRoute.GET, '/api/v1/conversations?assignee=none', t.operatorRead)).body);
      expect(unassigned.data.map((c) => c.id)).toEqual([login, invoice]);
      expect((await get(conversationsRoute.GET, '/api/v1/conversations?assignee=someone', t.operatorRead)).status).toBe(422);

      const one = await get(conversationRoute.GET, `/api/v1/conversations/${refund}`, t.operatorRead, { id: String(refund) });
      expect(conversationSchema.parse(one.body)).toMatchObject({ id: refund, assigneeId: olga, status: 'open' });
      expect((await get(conversationRoute.GET, '/api/v1/conversations/424242', t.operatorRead, { id: '424242' })).status).toBe(404);
    });

    it('lists messages after a sequence number; internal notes only with conversations:notes', async () => {
      const refund = conversationIds[0]!;
      const messages = (token: string, query = '') => get(messagesRoute.GET, `/api/v1/conversations/${refund}/messages${query}`, token, { id: String(refund) });
      const withoutNotes = messagePageSchema.parse((await messages(t.operatorRead)).body);
      expect(withoutNotes.data.map((m) => m.body)).toEqual(['Refund please', 'Refund issued.']);
      const withNotes = messagePageSchema.parse((await messages(t.operatorNotes)).body);
      expect(withNotes.data.map((m) => m.kind)).toEqual(['text', 'note', 'text']);

      const page1 = messagePageSchema.parse((await messages(t.operatorNotes, '?limit=2')).body);
      expect(page1.data.map((m) => m.seq)).toEqual([1, 2]);
      expect(page1.nextAfter).toBe(2);
      const page2 = messagePageSchema.parse((await messages(t.operatorNotes, `?limit=2&after=${page1.nextAfter}`)).body);
      expect(page2.data.map((m) => m.body)).toEqual(['Refund issued.']);
      expect(page2.nextAfter).toBeNull();
      expect((await messages(t.operatorNotes, '?after=-1')).status).toBe(422);
    });

    it('lists staff with names and roles but no email addresses', async () => {
      const answer = await get(usersRoute.GET, '/api/v1/users', t.all);
      const users = userListSchema.parse(answer.body).data;
      expect(users.find((u) => u.name === 'olga')).toMatchObject({ roles: ['operator'], active: true });
      expect(JSON.stringify(answer.body)).not.toContain('@acme.example');
      expect((await get(usersRoute.GET, '/api/v1/users', t.operatorRead)).status).toBe(403);
    });
  });

  it('sends RateLimit headers on every answer', async () => {
    const answer = await get(collectionsRoute.GET, '/api/v1/collections', t.all);
    expect(answer.headers.get('ratelimit-limit')).toBe('600');
    expect(Number(answer.headers.get('ratelimit-remaining'))).toBeLessThan(600);
    expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });
});
