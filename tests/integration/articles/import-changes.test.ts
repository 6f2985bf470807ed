import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { Article, Collection } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

/** Writes files (path → content) under a new temporary folder. */
async function folder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'deflect-articles-'));
  await writeFiles(root, files);
  return root;
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [relPath, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relPath)), { recursive: true });
    await writeFile(path.join(root, relPath), content);
  }
}

const collectionFile = 'title: Billing\ndescription: Money matters.\nicon: "💳"\norder: 1\n';
const article = (title: string, extra = '') => `---\ntitle: ${title}\ndescription: About ${title}.\n${extra}---\nBody of ${title}.\n\n## Details\n\nMore.\n`;

describe('re-importing a folder', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(() => core.close());

  it('updates changed files, unpublishes removed ones and publishes them again when they return', async () => {
    const root = await folder({
      'en/billing/_collection.yml': collectionFile,
      'en/billing/invoices.md': article('Invoices'),
      'en/billing/refunds.md': article('Refunds'),
    });
    expect(await core.importArticles(root)).toMatchObject({ created: 2, problems: [] });

    await writeFiles(root, { 'en/billing/invoices.md': article('Invoices and receipts') });
    await rm(path.join(root, 'en/billing/refunds.md'));
    expect(await core.importArticles(root)).toMatchObject({ created: 0, updated: 1, unpublished: 1, unchanged: 0 });
    expect((await Article.findOne({ where: { slug: 'invoices' }, rejectOnEmpty: true })).title).toBe('Invoices and receipts');
    expect((await Article.findOne({ where: { slug: 'refunds' }, rejectOnEmpty: true })).status).toBe('draft');
    expect(await core.helpCenter.article('en', 'billing', 'refunds')).toBeUndefined();

    await writeFiles(root, { 'en/billing/refunds.md': article('Refunds') });
    expect(await core.importArticles(root)).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await core.helpCenter.article('en', 'billing', 'refunds')).toBeDefined();
  });

  it('reports each bad file on one line and imports the rest', async () => {
    const root = await folder({
      'en/account/_collection.yml': 'title: Account\n',
      'en/account/good.md': article('Good article'),
      'en/account/broken-yaml.md': '---\ntitle: [unclosed\n---\nBody\n',
      'en/account/bad-tags.md': article('Bad tags', 'tags: {a: 1}\n'),
      'en/account/wrong-collection.md': article('Wrong collection', 'collection: nowhere\n'),
      'en/account/dupe.md': article('First', 'slug: same-slug\n'),
      'en/account/dupe2.md': article('Second', 'slug: same-slug\n'),
      'en/account/bad-locale.md': article('Bad locale', 'locale: de\n'),
    });
    const report = await core.importArticles(root);
    expect(report.created).toBe(2); // good.md and the first same-slug file
    expect(report.problems).toHaveLength(5);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^en\/account\/broken-yaml\.md: frontmatter is not valid YAML/),
        expect.stringMatching(/^en\/account\/bad-tags\.md: invalid frontmatter: tags:/),
        'en/account/wrong-collection.md: unknown collection "nowhere" (no en/nowhere/_collection.yml)',
        'en/account/dupe2.md: duplicate slug "same-slug" in en (already used by en/account/dupe.md)',
        expect.stringMatching(/^en\/account\/bad-locale\.md: unknown locale "de"/),
      ]),
    );
  });

  it('keeps the last good version online when a file becomes invalid', async () => {
    const root = await folder({ 'en/faq/_collection.yml': 'title: FAQ\n', 'en/faq/limits.md': article('Limits') });
    await core.importArticles(root);
    await writeFiles(root, { 'en/faq/limits.md': '---\ntitle: [oops\n---\n' });
    const report = await core.importArticles(root);
    expect(report.problems).toHaveLength(1);
    expect(report.unpublished).toBe(0);
    expect((await core.helpCenter.article('en', 'faq', 'limits'))?.article.title).toBe('Limits');
  });

  it('imports plain markdown: title from the first heading or the file name, collection from the folder, locale from the path', async () => {
    const root = await folder({
      'docs/ru/setup/install-agent.md': '# Установка агента\n\nСкачайте агент.\n',
      'docs/en/setup/install-agent.md': 'Download the agent.\n',
      'README.md': '# Not an article\n',
    });
    const report = await core.importArticles(root);
    expect(report).toMatchObject({ files: 2, created: 2, problems: [] });
    const ru = await core.helpCenter.article('ru', 'setup', 'install-agent');
    expect(ru?.article.title).toBe('Установка агента');
    expect(ru?.article.html).not.toContain('<h1>');
    expect(ru?.alternates).toEqual([{ locale: 'en', url: '/en/setup/install-agent' }]);
    expect((await core.helpCenter.article('en', 'setup', 'install-agent'))?.article.title).toBe('Install agent');
    expect(await Collection.count({ where: { slug: 'setup' } })).toBe(2);
  });

  it('reports a missing image and keeps its alt text', async () => {
    const root = await folder({ 'en/guides/_collection.yml': 'title: Guides\n', 'en/guides/shot.md': article('Shot').replace('More.', 'See ![the dashboard](./missing.png).') });
    const report = await core.importArticles(root);
    expect(report.problems).toEqual(['en/guides/shot.md: image not found: ./missing.png']);
    expect((await core.helpCenter.article('en', 'guides', 'shot'))?.article.html).toContain('See the dashboard.');
  });
});
