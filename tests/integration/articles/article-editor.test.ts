import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { articleSaveSchema, type ArticleSave } from '../../../core/articles/editor/article-fields.ts';
import { Article, Collection, User } from '../../../core/models/index.ts';
import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import { startSearch, type SearchService } from '../../../search/search-service.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('writing articles in the admin', () => {
  let core: Core;
  let search: SearchService;
  let root: string;
  let ada: { id: number; email: string };
  let bob: { id: number; email: string };
  let faqEn: Collection;
  let faqRu: Collection;
  const found = async (q: string, locale = 'en') => (await search.search({ q, locale, limit: 5, offset: 0 })).hits.map((h) => h.url);
  /** The editor's form as posted, over the article's current state. */
  const form = async (articleId: number, changes: Partial<Record<keyof ArticleSave, string>>) => {
    const view = (await core.articles.editorView(articleId, ada.id))!;
    const { title, description, body, tags, version, collectionId, authorId, slug } = view.article;
    return articleSaveSchema.parse({ title, description, body, tags: tags.join(', '), baseVersion: version, collectionId, authorId: authorId ?? '', slug, ...changes });
  };

  beforeAll(async () => {
    core = await createTestCore();
    root = await mkdtemp(path.join(os.tmpdir(), 'deflect-editor-'));
    await mkdir(path.join(root, 'en/faq'), { recursive: true });
    await mkdir(path.join(root, 'ru/faq'), { recursive: true });
    await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\ntranslation: faq\n');
    await writeFile(path.join(root, 'ru/faq/_collection.yml'), 'title: Вопросы\ntranslation: faq\n');
    await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas\n---\nEach workspace gets 100 GB.\n');
    await core.importArticles(root);
    search = await startSearch(core, new EmbeddedEngine(), false);
    ada = await User.create({ email: 'ada@acme.example', name: 'Ada', passwordHash: null, roles: ['author'], authorId: null, deactivatedAt: null });
    bob = await User.create({ email: 'bob@acme.example', name: 'Bob', passwordHash: null, roles: ['author'], authorId: null, deactivatedAt: null });
    faqEn = await Collection.findOne({ where: { locale: 'en', slug: 'faq' }, rejectOnEmpty: true });
    faqRu = await Collection.findOne({ where: { locale: 'ru', slug: 'faq' }, rejectOnEmpty: true });
  });
  afterAll(async () => {
    await search.close();
    await core.close();
  });

  it('creates a draft written by its creator, publishes it, and it is on the site and in search at once', async () => {
    const id = await core.articles.create(ada, { title: 'Export your invoices', locale: 'en', collectionId: faqEn.id });
    const created = await Article.findByPk(id, { rejectOnEmpty: true });
    expect(created).toMatchObject({ status: 'draft', slug: 'export-your-invoices', version: 1, sourceKind: 'app' });
    expect((await User.findByPk(ada.id))!.authorId).toBe(created.authorId);

    const outcome = await core.articles.save(ada, id, await form(id, { body: 'Open **Billing** and click *Export*.\r\n\r\n## CSV format\r\nOne row per invoice.', intent: 'publish' }));
    expect(outcome).toEqual({ version: 2, status: 'published', changed: true });
    await search.idle();
    const page = await core.helpCenter.article('en', 'faq', 'export-your-invoices');
    expect(page?.article.html).toContain('<strong>Billing</strong>');
    expect(page?.article.toc).toEqual([{ level: 2, id: 'h-csv-format', text: 'CSV format' }]);
    expect(await found('invoices export')).toContain('/en/faq/export-your-invoices');
    expect((await listAudit({ action: 'article.publish', limit: 1, offset: 0 })).entries[0]?.summary).toBe('Published "Export your invoices" (en), version 2');
  });

  it('refuses a second save based on an old version, and names who saved in between', async () => {
    const id = await core.articles.create(ada, { title: 'Two editors', locale: 'en', collectionId: faqEn.id });
    const adaForm = await form(id, { body: 'Ada wrote this.' });
    const bobForm = await form(id, { body: 'Bob wrote this.' });
    await core.articles.save(bob, id, bobForm);
    const error = await core.articles.save(ada, id, adaForm).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ArticleConflictError', current: { number: 2, editorLabel: 'bob@acme.example', body: 'Bob wrote this.' } });
    expect((await Article.findByPk(id))!.body).toBe('Bob wrote this.');
    // Saving again on top of Bob's version (what "save mine anyway" posts) is allowed, and Bob's stays in history.
    await core.articles.save(ada, id, { ...adaForm, baseVersion: 2 });
    expect((await core.articles.versions(id)).map((v) => [v.number, v.editorLabel])).toEqual([
      [3, 'ada@acme.example'],
      [2, 'bob@acme.example'],
      [1, 'ada@acme.example'],
    ]);
  });

  it('keeps history: a diff between any two versions, and restore as a new version', async () => {
    const id = await core.articles.create(ada, { title: 'Reset your password', locale: 'en', collectionId: faqEn.id });
    await core.articles.save(ada, id, await form(id, { body: 'Step one.\nStep two.\nStep three.', intent: 'publish' }));
    await core.articles.save(ada, id, await form(id, { title: 'Reset a password', body: 'Step one.\nStep 2, changed.\nStep three.' }));
    const comparison = (await core.articles.compareVersions(id, 2, 3))!;
    expect(comparison.fields).toEqual([{ label: 'Title', before: 'Reset your password', after: 'Reset a password' }]);
    expect(comparison.body).toEqual([
      { kind: 'same', text: 'Step one.' },
      { kind: 'removed', text: 'Step two.' },
      { kind: 'added', text: 'Step 2, changed.' },
      { kind: 'same', text: 'Step three.' },
    ]);
    expect(await core.articles.compareVersions(id, 2, 99)).toBeUndefined();

    expect(await core.articles.restoreVersion(ada, id, 2)).toBe(4);
    await search.idle();
    expect(await Article.findByPk(id)).toMatchObject({ title: 'Reset your password', body: 'Step one.\nStep two.\nStep three.', version: 4 });
    expect((await core.articles.versions(id))[0]).toMatchObject({ number: 4, source: 'restore', restoredFrom: 2 });
    expect(await found('reset your password')).toContain('/en/faq/reset-your-password');
  });

  it('makes no version when nothing changed, and keeps the slug of a published article', async () => {
    const id = (await Article.findOne({ where: { slug: 'export-your-invoices' }, rejectOnEmpty: true })).id;
    expect(await core.articles.save(ada, id, await form(id, { slug: 'renamed' }))).toMatchObject({ changed: false, version: 2 });
    expect((await Article.findByPk(id))!.slug).toBe('export-your-invoices');
  });

  it('keeps typed text in an autosave until it is saved or discarded, per person', async () => {
    const id = await core.articles.create(ada, { title: 'Autosaved', locale: 'en', collectionId: faqEn.id });
    await core.articles.autosave(ada.id, id, { baseVersion: 1, title: 'Autosaved', description: '', body: 'half a thought', tags: [] });
    expect((await core.articles.editorView(id, ada.id))!.autosave).toMatchObject({ body: 'half a thought', baseVersion: 1 });
    expect((await core.articles.editorView(id, bob.id))!.autosave).toBeNull();
    await core.articles.save(ada, id, await form(id, { body: 'a whole thought' }));
    expect((await core.articles.editorView(id, ada.id))!.autosave).toBeNull();
    await core.articles.autosave(ada.id, id, { baseVersion: 2, title: 'Autosaved', description: '', body: 'more', tags: [] });
    await core.articles.discardAutosave(ada.id, id);
    expect((await core.articles.editorView(id, ada.id))!.autosave).toBeNull();
  });

  it('translates: the new article shares the key, starts from the source text, lands in the matching collection', async () => {
    const source = await Article.findOne({ where: { slug: 'export-your-invoices' }, rejectOnEmpty: true });
    expect((await core.articles.editorView(source.id, ada.id))!.translations).toEqual([{ locale: 'ru', localeName: 'Русский', article: null }]);
    const id = await core.articles.create(ada, { title: 'Выгрузка счетов', locale: 'ru', collectionId: faqEn.id, translationOf: source.id });
    expect(await Article.findByPk(id)).toMatchObject({ locale: 'ru', collectionId: faqRu.id, translationKey: source.translationKey, body: source.body, slug: 'выгрузка-счетов' });
    expect((await core.articles.editorView(source.id, ada.id))!.translations).toEqual([{ locale: 'ru', localeName: 'Русский', article: { id, title: 'Выгрузка счетов', status: 'draft' } }]);
    await expect(core.articles.create(ada, { title: 'Again', locale: 'ru', collectionId: faqRu.id, translationOf: source.id })).rejects.toThrow('already has a ru translation');
  });

  it('refuses bad placement with a clear message and changes nothing', async () => {
    const id = await core.articles.create(ada, { title: 'Placement', locale: 'en', collectionId: faqEn.id });
    await expect(core.articles.save(ada, id, await form(id, { collectionId: String(faqRu.id), body: 'new' }))).rejects.toThrow('collection: choose a collection in en');
    await expect(core.articles.save(ada, id, await form(id, { slug: 'export-your-invoices' }))).rejects.toThrow('slug: "export-your-invoices" is already used');
    expect(await Article.findByPk(id)).toMatchObject({ body: '', slug: 'placement', version: 1 });
    await expect(core.articles.create(ada, { title: 'Wrong language', locale: 'ru', collectionId: faqEn.id })).rejects.toThrow('collection: choose a collection in ru');
  });

  it('uploads an image into the editor and renders it responsively, as imported images are', async () => {
    const png = await sharp({ create: { width: 1600, height: 800, channels: 3, background: '#4f46e5' } }).png().toBuffer();
    const image = await core.articles.uploadImage(png);
    expect(image).toMatchObject({ url: expect.stringMatching(/^\/media\/[a-f0-9]{32}-960\.webp$/), width: 1600, height: 800 });
    const { html } = await core.articles.preview(`![Billing page](${image.url})`);
    expect(html).toContain('srcset=');
    expect(html).toContain('width="1440" height="720"');
    await expect(core.articles.uploadImage(Buffer.from('<?php echo 1; ?>'))).rejects.toThrow('not an image that can be read');
  });

  it('makes a file-managed article database-authoritative once edited', async () => {
    const quotas = await Article.findOne({ where: { slug: 'quotas' }, rejectOnEmpty: true });
    await core.articles.save(ada, quotas.id, await form(quotas.id, { body: 'Each workspace gets 150 GB.' }));
    await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas\n---\nEach workspace gets 300 GB.\n');
    expect((await core.importArticles(root)).problems).toEqual(['en/faq/quotas.md: changed on disk, but this article was changed in the admin; the admin version is kept']);
    expect((await Article.findByPk(quotas.id))!.body).toBe('Each workspace gets 150 GB.');
    expect((await core.articles.versions(quotas.id)).map((v) => v.source)).toEqual(['editor', 'import']);
  });
});
