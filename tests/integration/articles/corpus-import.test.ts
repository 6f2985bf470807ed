import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { ImportReport } from '../../../core/articles/import/article-importer.ts';
import { Article } from '../../../core/models/index.ts';
import { createTestCore } from '../../support/test-core.ts';

/** 1,004 real help articles (CC BY-SA), read from ../shared and never copied into the repository. */
const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

/** Directive syntax a customer must never see: `{note:info}`, `{/cut}`, `{include(…)}`, `{var(…)}`. */
const RAW_DIRECTIVE = /\{\/?(?:note|cut|tabs?|include|includetag|var|linkto|heading|ifn?def|caption|counter|formula|params)\b/;

describe('importing a foreign docs folder (../shared/corpus)', () => {
  let core: Core;
  let report: ImportReport;
  beforeAll(async () => {
    core = await createTestCore();
    report = await core.importArticles(corpusDir);
    const kinds = new Map<string, number>();
    for (const problem of report.problems) {
      const kind = problem.replace(/^[^:]+: /, '').replace(/:.*$/, '');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    console.log(
      `corpus import: ${report.files} files, ${report.created} created, ${report.problems.length} problems in ${report.durationMs} ms\n` +
        [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([kind, n]) => `  ${n} × ${kind}`).join('\n'),
    );
  }, 180_000);
  afterAll(() => core.close());

  it('imports all 1,004 articles in 44 collections per locale', async () => {
    expect(report.files).toBe(1004);
    expect(report.created).toBe(1004);
    expect(await Article.count({ where: { locale: 'en', status: 'published' } })).toBe(502);
    expect(await Article.count({ where: { locale: 'ru', status: 'published' } })).toBe(502);
    expect((await core.helpCenter.home('en')).collections).toHaveLength(44);
  });

  it('reports what it could not resolve, one line per file and problem', () => {
    for (const line of report.problems) expect(line).toMatch(/^(en|ru)\/[^:]+\.md: \S/);
  });

  it('shows no raw directive markup outside code', async () => {
    const articles = await Article.findAll({ attributes: ['locale', 'slug', 'html'] });
    const leaking = articles.filter((a) => RAW_DIRECTIVE.test(a.html.replace(/<pre[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '')));
    expect(leaking.map((a) => `${a.locale}/${a.slug}`)).toEqual([]);
  });

  it('links translations (same file name under en/ and ru/) and takes Russian titles from the heading directive', async () => {
    const page = await core.helpCenter.article('ru', 'access-iam', 'access-iam--concepts--idp-federation');
    expect(page?.article.title).toBe('Федерация удостоверений');
    expect(page?.alternates.map((a) => a.locale)).toEqual(['en']);
  });
});
