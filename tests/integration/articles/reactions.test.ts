import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { Article } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('article reactions', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
    await core.importArticles();
  });
  afterAll(() => core.close());

  it('counts each visitor once per article, with their latest answer', async () => {
    const article = await Article.findOne({ where: { slug: 'reset-password', locale: 'en' }, rejectOnEmpty: true });
    const visitor = randomUUID();
    await core.articles.react(article.id, visitor, 'sad');
    await core.articles.react(article.id, visitor, 'sad');
    const counts = await core.articles.react(article.id, visitor, 'happy');
    expect(counts).toEqual({ sad: 0, neutral: 0, happy: 1, total: 1, happyPercent: 100 });
    expect(await core.articles.react(article.id, randomUUID(), 'sad')).toEqual({ sad: 1, neutral: 0, happy: 1, total: 2, happyPercent: 50 });
  });

  it('refuses reactions to unpublished or unknown articles', async () => {
    const draft = await Article.findOne({ where: { status: 'published', locale: 'en' }, order: [['id', 'DESC']], rejectOnEmpty: true });
    await draft.update({ status: 'draft' });
    await expect(core.articles.react(draft.id, randomUUID(), 'happy')).rejects.toThrow('No such article.');
    await expect(core.articles.react(999_999, randomUUID(), 'happy')).rejects.toThrow('No such article.');
  });

  it('sorts the admin list lowest rated first, unrated last, and shows the counts', async () => {
    const [a, b] = await Article.findAll({ where: { locale: 'en', status: 'published' }, order: [['id', 'ASC']], limit: 2 });
    for (let i = 0; i < 3; i += 1) await core.articles.react(a!.id, randomUUID(), 'sad');
    await core.articles.react(b!.id, randomUUID(), 'neutral');
    const { rows } = await core.articles.listForAdmin({ sort: 'rating', page: 1, locale: 'en' });
    expect(rows.slice(0, 3).map((r) => r.id)).toEqual([a!.id, expect.any(Number), expect.any(Number)]);
    expect(rows[0]!.reactions).toEqual({ sad: 3, neutral: 0, happy: 0, total: 3, happyPercent: 0 });
    expect(rows.at(-1)!.reactions.total).toBe(0);
    const rated = rows.filter((r) => r.reactions.total > 0).map((r) => r.id);
    expect(rated).toContain(b!.id);
  });
});
