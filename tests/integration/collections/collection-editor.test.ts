import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Core } from '../../../core/app.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { collectionFieldsSchema, newCollectionSchema, type LocaleCollections } from '../../../core/collections/index.ts';
import { Article, Collection, User } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

/** The folder the tests import: FAQ and Billing in English and Russian, linked by their folder names. */
async function writeFixture(root: string): Promise<void> {
  const files: Record<string, string> = {
    'en/faq/_collection.yml': 'title: FAQ\nicon: "❓"\norder: 1\n',
    'en/faq/quotas.md': '---\ntitle: Storage quotas\n---\nEach workspace gets 100 GB.\n',
    'en/billing/_collection.yml': 'title: Billing\nicon: "💳"\norder: 2\n',
    'en/billing/refunds.md': '---\ntitle: Refunds\n---\nWithin 30 days.\n',
    'ru/faq/_collection.yml': 'title: Вопросы\norder: 1\n',
    'ru/faq/quotas.md': '---\ntitle: Квоты\n---\n100 ГБ на пространство.\n',
    'ru/billing/_collection.yml': 'title: Оплата\norder: 2\n',
    'ru/billing/refunds.md': '---\ntitle: Возвраты\n---\nВ течение 30 дней.\n',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

/** Expects a promise to fail validation on one field with a message matching `message`. */
async function expectFieldError(promise: Promise<unknown>, field: string, message: RegExp): Promise<void> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as z.ZodError | undefined;
  expect(error?.name).toBe('ZodError');
  expect(error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([[field, expect.stringMatching(message)]]);
}

describe('collections in the admin', () => {
  let core: Core;
  let root: string;
  let actor: { id: number; email: string };
  const events: Array<{ articleIds: number[] }> = [];
  const locale = async (code: string): Promise<LocaleCollections> => (await core.collections.list()).find((l) => l.code === code)!;
  const titles = async (code: string) => (await locale(code)).collections.map((c) => c.title);
  const homeTitles = async (code: string) => (await core.helpCenter.home(code)).collections.map((c) => c.title);
  const fields = (input: Record<string, unknown>) => collectionFieldsSchema.parse(input);
  const create = (input: Record<string, unknown>) => core.collections.create(actor, newCollectionSchema.parse({ locale: 'en', ...input }));
  /** Publishes an article in a collection, as the import would, so the site shows the collection. */
  const addArticle = async (collectionId: number, slug: string) => {
    const c = await Collection.findByPk(collectionId, { rejectOnEmpty: true });
    await Article.create({ locale: c.locale, slug, collectionId, authorId: null, translationKey: slug, title: slug, description: '', body: 'x', html: '<p>x</p>', toc: [], tags: [], status: 'published', position: 0, sourceKind: 'app', sourceRoot: null, sourcePath: null, sourceHash: null, publishedAt: new Date() });
  };

  beforeAll(async () => {
    core = await createTestCore();
    root = await mkdtemp(path.join(os.tmpdir(), 'deflect-collections-'));
    await writeFixture(root);
    await core.importArticles(root);
    actor = await User.create({ email: 'maria@acme.example', name: 'Maria', passwordHash: null, roles: ['author'], authorId: null, deactivatedAt: null });
    core.events.on('content.changed', (change) => events.push({ articleIds: change.articleIds }));
  });
  afterAll(() => core.close());

  it('lists each language in display order with article counts and translations', async () => {
    const en = await locale('en');
    expect(en.collections.map((c) => [c.title, c.place, c.articleCount, c.publishedCount])).toEqual([
      ['FAQ', 1, 1, 1],
      ['Billing', 2, 1, 1],
    ]);
    expect(en.collections[0]!.translations).toEqual([{ locale: 'ru', localeName: 'Русский', id: expect.any(Number), title: 'Вопросы' }]);
  });

  it('creates a collection with a slug from the title at the chosen place, audited, then tells the site', async () => {
    const before = events.length;
    const billing = (await locale('en')).collections[1]!;
    const id = await create({ title: 'Getting started', description: 'First steps', icon: '🚀', place: 'top' });
    expect(await titles('en')).toEqual(['Getting started', 'FAQ', 'Billing']);
    expect(await Collection.findByPk(id)).toMatchObject({ slug: 'getting-started', icon: '🚀', description: 'First steps', position: 1 });
    expect((await Collection.findAll({ where: { locale: 'en' }, order: [['position', 'ASC']] })).map((c) => c.position)).toEqual([1, 2, 3]);
    await create({ title: 'Security & privacy', slug: 'security', place: `after:${billing.id}` });
    expect(await titles('en')).toEqual(['Getting started', 'FAQ', 'Billing', 'Security & privacy']);
    expect((await Collection.findOne({ where: { slug: 'security' } }))?.icon).toBe('📄');

    // Empty ids: "anything may have changed", so every cached page and the whole search index refresh.
    expect(events.slice(before).map((e) => e.articleIds)).toEqual([[], []]);
    const audit = await listAudit({ action: 'collection.create', limit: 5, offset: 0 });
    expect(audit.entries.map((e) => [e.actor, e.summary])).toEqual([
      ['maria@acme.example', 'Created “Security & privacy” (en) at 4 of 4'],
      ['maria@acme.example', 'Created “Getting started” (en) at 1 of 3'],
    ]);
  });

  it('shows a new collection on the site home in its place once it has a published article', async () => {
    expect(await homeTitles('en')).toEqual(['FAQ', 'Billing']);
    const started = await Collection.findOne({ where: { locale: 'en', slug: 'getting-started' }, rejectOnEmpty: true });
    await addArticle(started.id, 'first-project');
    // No event since the last change: the memoised home is still the earlier one…
    expect(await homeTitles('en')).toEqual(['FAQ', 'Billing']);
    await core.collections.update(actor, started.id, fields({ title: 'Get started', slug: 'getting-started', icon: '🚀' }));
    // …and the change's event refreshes it.
    expect(await homeTitles('en')).toEqual(['Get started', 'FAQ', 'Billing']);
  });

  it('refuses a slug already used in the same language (typed or derived), and one a site page owns', async () => {
    const count = await Collection.count();
    await expectFieldError(create({ title: 'Another FAQ', slug: 'faq' }), 'slug', /“faq” is already used by the collection “FAQ”/);
    await expectFieldError(create({ title: 'FAQ' }), 'slug', /already used/);
    await expectFieldError(create({ title: 'Search' }), 'slug', /address of a help-center page/);
    expect(await Collection.count()).toBe(count);
    // The same slug in another language is another address.
    const ru = await core.collections.create(actor, newCollectionSchema.parse({ locale: 'ru', title: 'Безопасность', slug: 'security' }));
    expect(await Collection.findByPk(ru)).toMatchObject({ locale: 'ru', slug: 'security' });
    expect(await Collection.findOne({ where: { locale: 'ru', title: 'Безопасность' } })).not.toBeNull();
  });

  it('validates the form: title, slug characters, icon is an emoji, a known language and place', async () => {
    const problems = (input: Record<string, unknown>) => newCollectionSchema.safeParse({ locale: 'en', ...input }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ title: '  ' })).toEqual(['title: enter a title']);
    expect(problems({ title: 'A', slug: 'two words' })).toEqual(['slug: use letters, digits, - and _ only (no spaces)']);
    expect(problems({ title: 'A', icon: '<svg onload=alert(1)>' })).toEqual(['icon: use one emoji, e.g. 📄']);
    expect(problems({ title: 'A', icon: '42' })).toEqual(['icon: use one emoji, e.g. 📄']);
    expect(problems({ title: 'A', icon: '👩🏽‍💻', slug: 'разработка' })).toBeUndefined();
    await expectFieldError(core.collections.create(actor, newCollectionSchema.parse({ locale: 'de', title: 'Hilfe' })), 'locale', /choose a language/);
    const ruFaq = await Collection.findOne({ where: { locale: 'ru', slug: 'faq' }, rejectOnEmpty: true });
    await expectFieldError(create({ title: 'Elsewhere', place: `after:${ruFaq.id}` }), 'place', /among the English collections/);
  });

  it('edits title, slug, description and icon; a taken slug is refused; an unchanged form records nothing', async () => {
    const faq = await Collection.findOne({ where: { locale: 'en', slug: 'faq' }, rejectOnEmpty: true });
    await core.collections.update(actor, faq.id, fields({ title: 'Questions', slug: '', description: 'Short answers', icon: '💬' }));
    expect(await Collection.findByPk(faq.id)).toMatchObject({ title: 'Questions', slug: 'questions', description: 'Short answers', icon: '💬', sourceKind: 'app' });
    expect((await core.helpCenter.collection('en', 'questions'))?.collection.title).toBe('Questions');
    expect(await core.helpCenter.collection('en', 'faq')).toBeUndefined();
    await expectFieldError(core.collections.update(actor, faq.id, fields({ title: 'Questions', slug: 'billing' })), 'slug', /already used by the collection “Billing”/);

    const audited = (await listAudit({ action: 'collection.update', limit: 10, offset: 0 })).total;
    const emitted = events.length;
    await core.collections.update(actor, faq.id, fields({ title: 'Questions', slug: 'questions', description: 'Short answers', icon: '💬' }));
    expect((await listAudit({ action: 'collection.update', limit: 10, offset: 0 })).total).toBe(audited);
    expect(events.length).toBe(emitted);
    expect((await listAudit({ action: 'collection.update', limit: 1, offset: 0 })).entries[0]?.summary).toBe('Changed “FAQ” (en): title, slug, description, icon');
  });

  it('moves collections up and down: positions are rewritten 1…n and the site follows', async () => {
    const [started, questions, billing, security] = (await locale('en')).collections;
    expect(await core.collections.move(actor, billing!.id, 'up')).toBe(true);
    expect(await titles('en')).toEqual(['Get started', 'Billing', 'Questions', 'Security & privacy']);
    expect(await core.collections.move(actor, started!.id, 'down')).toBe(true);
    expect(await titles('en')).toEqual(['Billing', 'Get started', 'Questions', 'Security & privacy']);
    expect(await homeTitles('en')).toEqual(['Billing', 'Get started', 'Questions']);
    const rows = await Collection.findAll({ where: { locale: 'en' }, order: [['position', 'ASC']] });
    expect(rows.map((c) => [c.title, c.position, c.sourceKind])).toEqual([
      ['Billing', 1, 'app'],
      ['Get started', 2, 'app'],
      ['Questions', 3, 'app'],
      ['Security & privacy', 4, 'app'],
    ]);
    const audited = (await listAudit({ action: 'collection.reorder', limit: 10, offset: 0 })).total;
    expect(await core.collections.move(actor, security!.id, 'down')).toBe(false);
    expect(await core.collections.move(actor, billing!.id, 'up')).toBe(false);
    expect((await listAudit({ action: 'collection.reorder', limit: 10, offset: 0 })).total).toBe(audited);
    expect((await listAudit({ action: 'collection.reorder', limit: 1, offset: 0 })).entries[0]?.summary).toBe('Moved “Get started” (en) down to 2 of 4');
    expect(questions).toBeDefined();
  });

  it('keeps admin changes when the folder is imported again; a renamed collection keeps its folder’s articles', async () => {
    const report = await core.importArticles(root);
    expect(report.problems).toEqual([]);
    expect(await titles('en')).toEqual(['Billing', 'Get started', 'Questions', 'Security & privacy']);
    const quotas = await Article.findOne({ where: { locale: 'en', slug: 'quotas' }, include: [{ model: Collection, as: 'collection' }], rejectOnEmpty: true });
    expect(quotas.collection?.slug).toBe('questions');
    // A new folder named like the renamed collection cannot take its address: reported, nothing breaks.
    await mkdir(path.join(root, 'en/questions'));
    await writeFile(path.join(root, 'en/questions/_collection.yml'), 'title: More questions\n');
    await writeFile(path.join(root, 'en/questions/how.md'), '# How\n\nLike this.\n');
    expect((await core.importArticles(root)).problems).toEqual([
      'en/questions: this slug now belongs to the collection "Questions" (changed in the admin); rename the folder or that collection\'s slug',
      'en/questions/how.md: skipped, its collection "questions" could not be imported',
    ]);
    await rm(path.join(root, 'en/questions'), { recursive: true });
    // Untouched collections still follow their files.
    await writeFile(path.join(root, 'ru/billing/_collection.yml'), 'title: Оплата и тарифы\norder: 2\n');
    await core.importArticles(root);
    expect(await titles('ru')).toEqual(['Вопросы', 'Оплата и тарифы', 'Безопасность']);
  });

  it('links translations both ways, replaces a link, unlinks, and refuses a collection of the wrong language', async () => {
    const security = await Collection.findOne({ where: { locale: 'en', slug: 'security' }, rejectOnEmpty: true });
    const ruSecurity = await Collection.findOne({ where: { locale: 'ru', slug: 'security' }, rejectOnEmpty: true });
    const ruFaq = await Collection.findOne({ where: { locale: 'ru', slug: 'faq' }, rejectOnEmpty: true });
    const translation = async (id: number) => (await core.collections.list()).flatMap((l) => l.collections).find((c) => c.id === id)!.translations[0]!.title;
    expect(await translation(security.id)).toBeNull();

    await core.collections.update(actor, security.id, fields({ title: 'Security & privacy', slug: 'security', translations: { ru: String(ruSecurity.id) } }));
    expect(await translation(security.id)).toBe('Безопасность');
    expect(await translation(ruSecurity.id)).toBe('Security & privacy');

    // Linking the English FAQ ("Questions") to the Russian security collection takes it away from "Security & privacy".
    const questions = await Collection.findOne({ where: { locale: 'en', slug: 'questions' }, rejectOnEmpty: true });
    await core.collections.update(actor, questions.id, fields({ title: 'Questions', slug: 'questions', description: 'Short answers', icon: '💬', translations: { ru: ruSecurity.id } }));
    expect(await translation(questions.id)).toBe('Безопасность');
    expect(await translation(ruSecurity.id)).toBe('Questions');
    expect(await translation(security.id)).toBeNull();
    expect(await translation(ruFaq.id)).toBeNull();
    expect((await listAudit({ action: 'collection.update', limit: 1, offset: 0 })).entries[0]?.summary).toBe('Changed “Questions” (en); unlinked from “Вопросы” (ru); linked to “Безопасность” (ru)');

    // The site's language switcher follows (both collections have published articles here).
    await addArticle(ruSecurity.id, 'parol');
    await core.collections.update(actor, questions.id, fields({ title: 'Questions', slug: 'questions', description: 'Short answers', icon: '💬', translations: { ru: ruFaq.id } }));
    expect((await core.helpCenter.collection('en', 'questions'))?.alternates).toEqual([{ locale: 'ru', url: '/ru/faq' }]);
    expect((await core.helpCenter.collection('ru', 'faq'))?.alternates).toEqual([{ locale: 'en', url: '/en/questions' }]);
    expect((await core.helpCenter.collection('ru', 'security'))?.alternates).toEqual([]);

    await core.collections.update(actor, questions.id, fields({ title: 'Questions', slug: 'questions', description: 'Short answers', icon: '💬', translations: { ru: '' } }));
    expect(await translation(questions.id)).toBeNull();
    expect(await translation(ruFaq.id)).toBeNull();

    await expectFieldError(core.collections.update(actor, questions.id, fields({ title: 'Questions', slug: 'questions', translations: { ru: security.id } })), 'translations.ru', /choose a collection in Русский/);
    await expectFieldError(core.collections.update(actor, questions.id, fields({ title: 'Questions', slug: 'questions', translations: { en: security.id } })), 'translations.en', /another language/);
  });

  it('deletes only a collection without articles, audited; otherwise explains why not', async () => {
    const billing = await Collection.findOne({ where: { locale: 'en', slug: 'billing' }, rejectOnEmpty: true });
    await expect(core.collections.remove(actor, billing.id)).rejects.toThrow('“Billing” still has 1 article (published or draft). Move or delete them first; only an empty collection can be deleted.');
    await Article.update({ status: 'draft' }, { where: { collectionId: billing.id } });
    await expect(core.collections.remove(actor, billing.id)).rejects.toMatchObject({ name: 'CollectionChangeRefusedError' });
    expect(await Collection.findByPk(billing.id)).not.toBeNull();

    const security = await Collection.findOne({ where: { locale: 'en', slug: 'security' }, rejectOnEmpty: true });
    await core.collections.remove(actor, security.id);
    expect(await Collection.findByPk(security.id)).toBeNull();
    expect(await titles('en')).toEqual(['Billing', 'Get started', 'Questions']);
    expect((await listAudit({ action: 'collection.delete', limit: 1, offset: 0 })).entries[0]).toMatchObject({ actor: 'maria@acme.example', summary: 'Deleted “Security & privacy” (en) at security', target: `collection ${security.id}` });
    await expect(core.collections.remove(actor, security.id)).rejects.toThrow('This collection no longer exists.');
  });
});
