import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { listAudit } from '../../../core/audit/audit-log.ts';
import { Article, User } from '../../../core/models/index.ts';
import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import { startSearch, type SearchService } from '../../../search/search-service.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('publishing from the admin', () => {
  let core: Core;
  let search: SearchService;
  let root: string;
  let actor: { id: number; email: string };
  const found = async (q: string) => (await search.search({ q, locale: 'en', limit: 5, offset: 0 })).hits.map((h) => h.url);
  beforeAll(async () => {
    core = await createTestCore();
    root = await mkdtemp(path.join(os.tmpdir(), 'deflect-admin-'));
    await mkdir(path.join(root, 'en/faq'), { recursive: true });
    await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\n');
    await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas\n---\nEach workspace gets 100 GB.\n');
    await core.importArticles(root);
    search = await startSearch(core, new EmbeddedEngine(), false);
    actor = await User.create({ email: 'ada@acme.example', name: 'Ada', passwordHash: null, roles: ['admin'], authorId: null, deactivatedAt: null });
  });
  afterAll(async () => {
    await search.close();
    await core.close();
  });

  it('unpublishing takes the article off the site and out of search at once, and is audited', async () => {
    const article = await Article.findOne({ where: { slug: 'quotas' }, rejectOnEmpty: true });
    expect(await found('quotas')).toEqual(['/en/faq/quotas']);
    await core.articles.setStatus(actor, article.id, 'draft');
    await search.idle();
    expect(await core.helpCenter.article('en', 'faq', 'quotas')).toBeUndefined();
    expect(await found('quotas')).toEqual([]);
    expect((await listAudit({ action: 'article.unpublish', limit: 5, offset: 0 })).entries[0]?.summary).toBe('Unpublished "Storage quotas" (en)');

    await core.articles.setStatus(actor, article.id, 'published');
    await search.idle();
    expect(await found('quotas')).toEqual(['/en/faq/quotas']);
  });

  it('keeps the admin version of a file-managed article and reports later changes of its file', async () => {
    const article = await Article.findOne({ where: { slug: 'quotas' }, rejectOnEmpty: true });
    await core.articles.setStatus(actor, article.id, 'draft');
    await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas, revised\n---\nEach workspace gets 200 GB.\n');
    const report = await core.importArticles(root);
    expect(report.problems).toEqual(['en/faq/quotas.md: changed on disk, but this article was changed in the admin; the admin version is kept']);
    expect(await Article.findByPk(article.id, { rejectOnEmpty: true })).toMatchObject({ status: 'draft', title: 'Storage quotas' });
  });

  it('lists articles for staff with filters and sorting', async () => {
    const { rows, total } = await core.articles.listForAdmin({ status: 'draft', q: 'quota', sort: 'updated', page: 1 });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ title: 'Storage quotas', status: 'draft', managedBy: 'app', collectionTitle: 'FAQ' });
    expect((await core.articles.listForAdmin({ status: 'published', sort: 'title', page: 1 })).total).toBe(0);
    expect((await core.articles.listForAdmin({ collection: 'faq', sort: 'title', page: 1 })).total).toBe(1);
    expect((await core.articles.listForAdmin({ collection: 'billing', sort: 'title', page: 1 })).total).toBe(0);
    expect(await core.articles.filterOptions()).toEqual({ collections: [{ slug: 'faq', title: 'FAQ' }], authors: [] });
  });
});
