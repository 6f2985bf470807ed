import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import { LocaleIndex } from '../../../search/embedded/locale-index.ts';
import { searchAllWords } from '../../../search/embedded/narrowed-search.ts';
import { FIELD_BOOSTS, planQuery, STEM_BOOST, TYPO_WEIGHT } from '../../../search/embedded/query-plan.ts';
import type { SearchDocument } from '../../../search/engine.ts';

/**
 * A query joining a word most articles contain with a rare one is searched from the rare word first; the
 * visitor must get exactly the answer the plain all-words query gives: same articles, same order, same total.
 */
const article = (id: number, title: string, body: string): SearchDocument => ({
  id,
  locale: 'en',
  collectionSlug: 'guides',
  collectionTitle: 'Guides',
  title,
  headings: [],
  tags: [],
  description: '',
  body,
  url: `/en/guides/${id}`,
});

// Forty articles about clusters (the common word), three of which also speak of quotas (the rare one).
const documents = Array.from({ length: 40 }, (_, i) =>
  article(i + 1, `Cluster guide ${i + 1}`, i % 13 === 0 ? `Every cluster has a quota; raise the quota of cluster nodes in settings ${i}.` : `Cluster nodes and cluster networking, part ${i}.`),
);
const withQuota = documents.filter((d) => d.body.includes('quota')).map((d) => d.id);
const options = { boost: { ...FIELD_BOOSTS, stems: STEM_BOOST }, weights: { fuzzy: TYPO_WEIGHT, prefix: 0.375 } };

describe('multi-word search narrowed by its rarest word', () => {
  it('finds exactly the articles containing every word, scored as the plain query scores them', () => {
    const index = new LocaleIndex('en');
    for (const document of documents) index.add(document);
    const plan = planQuery('quota cluster', 'en', [], new Set(), (word, distance) => index.typosOf(word, distance));
    const plain = index.search(plan.build(plan.words), options);
    const narrowed = searchAllWords(index, plan, plan.words, options);
    expect(narrowed.map((r) => r.id).sort((a, b) => a - b)).toEqual(withQuota);
    expect(narrowed.map((r) => [r.id, r.score])).toEqual(plain.map((r) => [r.id, r.score]));
  });

  // Here the rarest word is the one being typed: searched first, it must still be the prefix it is in the query.
  it('still completes the word being typed after a common one ("cluster quot")', async () => {
    const engine = new EmbeddedEngine();
    await engine.replaceAll(documents);
    const result = await engine.search({ q: 'cluster quot', locale: 'en', limit: 10, offset: 0 });
    expect(result.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(withQuota);
    expect(result.total).toBe(withQuota.length);
  });

  it('loses nothing after articles are edited, when its word counts overstate', async () => {
    const engine = new EmbeddedEngine();
    await engine.replaceAll(documents);
    // Rewritten: the rare word's count now says eight documents where four contain it (still rare enough
    // to be searched first, so the overstated count is what is being tested).
    await engine.upsert(documents.filter((d) => withQuota.includes(d.id)));
    const moved = { ...documents[1]!, body: 'Cluster quota limits for this guide.' };
    await engine.upsert([moved]);
    const result = await engine.search({ q: 'quota cluster', locale: 'en', limit: 10, offset: 0 });
    expect(result.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual([...withQuota, moved.id].sort((a, b) => a - b));
  });
});
