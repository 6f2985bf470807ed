import type { APIContext, APIRoute } from 'astro';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { Article } from '../../../core/models/index.ts';
import { brandingSchema } from '../../../core/settings-updater.ts';
import { issueLines } from '../../../core/validation.ts';
import { GET as articleContent } from '../../../site/pages/api/articles/[id]/content.ts';
import { GET as widgetHome } from '../../../site/pages/api/widget/home.ts';
import { createTestCore } from '../../support/test-core.ts';

/** Calls a public GET route with what the middleware puts on `locals`. */
async function get(route: APIRoute, core: Core, path: string, params: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const url = new URL(`http://localhost${path}`);
  const context = { request: new Request(url), url, params, locals: { core, site: await core.settings.get() }, clientAddress: '127.0.0.1' } as unknown as APIContext;
  const response = await route(context);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('the widget home API', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
    await core.importArticles();
    await Article.update({ viewCount: 900 }, { where: { locale: 'en', slug: 'invoices' } });
  });
  afterAll(() => core.close());

  const titles = (articles: Array<{ title: string }>) => articles.map((a) => a.title);

  it('suggests what an article links to, then its collection, and lists the most viewed articles', async () => {
    const { status, headers, body } = await get(widgetHome, core, '/api/widget/home?locale=en&path=/en/account/reset-password');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=60');
    expect(body.suggestions[0].title).toBe("Emails from Acme aren't arriving");
    expect(titles(body.suggestions)).toContain('Change your email address');
    expect(titles(body.suggestions)).not.toContain('Reset your password');
    expect(body.popular[0]).toMatchObject({ title: 'Download invoices and receipts', url: '/en/billing/invoices', id: expect.any(Number) });
  });

  it('suggests a collection page’s own articles, and popular ones elsewhere', async () => {
    const billing = await get(widgetHome, core, '/api/widget/home?locale=en&path=/en/billing');
    expect(billing.body.suggestions.length).toBeGreaterThan(0);
    expect(billing.body.suggestions.every((a: { url: string }) => a.url.startsWith('/en/billing/'))).toBe(true);
    const hostPage = await get(widgetHome, core, '/api/widget/home?locale=en&path=/pricing');
    expect(hostPage.body.suggestions.map((a: { id: number }) => a.id)).toEqual(hostPage.body.popular.slice(0, 5).map((a: { id: number }) => a.id));
  });

  it('refuses a bad locale or path with a clear message', async () => {
    expect(await get(widgetHome, core, '/api/widget/home?locale=de')).toMatchObject({ status: 400, body: { error: { code: 'invalid_request', message: 'locale: unknown locale "de"' } } });
    expect(await get(widgetHome, core, '/api/widget/home?locale=en&path=billing')).toMatchObject({ status: 400, body: { error: { message: 'path: must be a path such as /en/billing' } } });
  });

  it('reads an article by slug in a locale, as by id; drafts and slugs without a locale are not found', async () => {
    const bySlug = await get(articleContent, core, '/api/articles/refunds/content?locale=en', { id: 'refunds' });
    expect(bySlug).toMatchObject({ status: 200, body: { title: 'Request a refund', url: '/en/billing/refunds', locale: 'en' } });
    const byId = await get(articleContent, core, `/api/articles/${bySlug.body.id}/content`, { id: String(bySlug.body.id) });
    expect(byId.body.html).toBe(bySlug.body.html);
    expect((await get(articleContent, core, '/api/articles/refunds/content', { id: 'refunds' })).status).toBe(404);
    const vat = await Article.findOne({ where: { locale: 'en', slug: 'vat-and-taxes' }, rejectOnEmpty: true });
    await vat.update({ status: 'draft' });
    core.events.emit('content.changed', { articleIds: [vat.id], reason: 'edit' });
    expect((await get(articleContent, core, '/api/articles/vat-and-taxes/content?locale=en', { id: 'vat-and-taxes' })).status).toBe(404);
  });

  it('stores the widget mode with the settings; an unknown mode is refused and changes nothing', async () => {
    const [user] = await core.sequelize.query<{ id: number }>("INSERT INTO users (email, name, password_hash, roles) VALUES ('ada@acme.example', 'Ada', NULL, ARRAY['admin']::varchar[]) RETURNING id", { type: QueryTypes.SELECT });
    const actor = { id: user!.id, email: 'ada@acme.example' };
    const branding = { siteName: 'Acme Help', accentColor: '#4f46e5', defaultLocale: 'en' };
    expect((await core.settings.get()).widgetMode).toBe('chat_articles');
    await core.updateSettings({ actor, branding: { ...branding, widgetMode: 'articles_only' } });
    expect((await core.settings.get()).widgetMode).toBe('articles_only');
    // Callers that leave the mode out (older forms, scripts) keep it.
    await core.updateSettings({ actor, branding: { ...branding, siteName: 'Acme Support' } });
    expect((await core.settings.get()).widgetMode).toBe('articles_only');
    const refused = brandingSchema.safeParse({ ...branding, widgetMode: 'chat_only' });
    expect(refused.success ? [] : issueLines(refused.error)).toEqual(['widgetMode: choose one of the widget modes']);
    // Past the form, the database refuses it too.
    await expect(core.updateSettings({ actor, branding: { ...branding, widgetMode: 'chat_only' as never } })).rejects.toThrow();
    expect((await core.settings.get()).widgetMode).toBe('articles_only');
  });
});
