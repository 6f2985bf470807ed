import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { Article, Author, Collection } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('importing the sample help center (articles/)', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore({ ARTICLES_DIR: path.resolve('articles') });
  });
  afterAll(() => core.close());

  it('creates every collection and article in both locales with no problems', async () => {
    const report = await core.importArticles();
    expect(report.problems).toEqual([]);
    expect(report.created).toBe(report.files);
    for (const locale of ['en', 'ru']) {
      expect(await Collection.count({ where: { locale } })).toBeGreaterThanOrEqual(5);
      expect(await Article.count({ where: { locale, status: 'published' } })).toBeGreaterThanOrEqual(30);
    }
  });

  it('links each English article to its Russian translation', async () => {
    const english = await Article.findAll({ where: { locale: 'en' } });
    const russianKeys = new Set((await Article.findAll({ where: { locale: 'ru' } })).map((a) => a.translationKey));
    expect(english.every((a) => russianKeys.has(a.translationKey))).toBe(true);
  });

  it('keeps drafts away from readers', async () => {
    const drafts = await Article.findAll({ where: { status: 'draft' } });
    expect(drafts.length).toBeGreaterThan(0);
    const draft = drafts[0]!;
    const collection = await Collection.findByPk(draft.collectionId, { rejectOnEmpty: true });
    expect(await core.helpCenter.article(draft.locale, collection.slug, draft.slug)).toBeUndefined();
  });

  it('maps authors by email with processed avatars', async () => {
    const article = await core.helpCenter.article('en', 'account', 'reset-password');
    expect(article?.article.title).toBe('Reset your password');
    expect(article?.article.author?.name).toBeTruthy();
    expect(article?.article.author?.avatarUrl).toMatch(/^\/media\/[a-f0-9]{32}-192\.webp$/);
    expect(await Author.count()).toBe(4);
  });

  it('turns relative links between files into site URLs and images into responsive WebP', async () => {
    const bodies = (await Article.findAll({ where: { locale: 'en' } })).map((a) => a.html).join('\n');
    expect(bodies).not.toMatch(/href="[^"]*\.md(#[^"]*)?"/);
    expect(bodies).toMatch(/<img src="\/media\/[a-f0-9]{32}-\d+\.webp" srcset="[^"]+ 480w/);
  });

  it('changes nothing on a second import', async () => {
    const report = await core.importArticles();
    expect(report).toMatchObject({ created: 0, updated: 0, unpublished: 0, problems: [] });
    expect(report.unchanged).toBe(report.files);
  });
});
