import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import { startSearch, type SearchService } from '../../../search/search-service.ts';
import { createTestCore } from '../../support/test-core.ts';
import { relevanceCases } from '../../support/search/relevance-cases.ts';

/**
 * Customers expect the answer in the first three results, with typos, word forms, half-typed words and
 * synonyms. Each case names the article that must be in the top 3 of the sample help center.
 */
describe('search relevance on the sample help center (embedded engine)', () => {
  let core: Core;
  let search: SearchService;
  const ranks: number[] = [];
  beforeAll(async () => {
    core = await createTestCore({ ARTICLES_DIR: path.resolve('articles') });
    await core.importArticles();
    search = await startSearch(core, new EmbeddedEngine(), false);
  });
  afterAll(async () => {
    const recall = ranks.filter((rank) => rank > 0 && rank <= 3).length / ranks.length;
    const mrr = ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / ranks.length;
    console.log(`relevance: ${ranks.length} queries, recall@3 ${(recall * 100).toFixed(1)}%, MRR ${mrr.toFixed(3)}`);
    await search?.close();
    await core?.close();
  });

  it.each(relevanceCases)('$locale "$q" → $expected', async ({ q, locale, expected }) => {
    const { hits } = await search.search({ q, locale, limit: 10, offset: 0 });
    const rank = hits.findIndex((hit) => hit.url.endsWith(`/${expected}`)) + 1;
    ranks.push(rank);
    expect(rank, `top results: ${hits.slice(0, 3).map((h) => h.url).join(', ')}`).toBeGreaterThan(0);
    expect(rank).toBeLessThanOrEqual(3);
  });
});
