import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import type { SearchDocument } from '../../../search/engine.ts';
import { defaultSearchSettings } from '../../../search/settings.ts';
import { contractDocuments } from '../../support/search/contract-documents.ts';

/**
 * The embedded engine remembers answers and typo lookups; whatever changes the index (publish, unpublish,
 * rebuild, new settings) must show in the very next search, even of a query asked just before.
 */
const quotas: SearchDocument = {
  id: 100,
  locale: 'en',
  collectionSlug: 'billing',
  collectionTitle: 'Billing',
  title: 'Storage quotas explained',
  headings: [],
  tags: [],
  description: '',
  body: 'Each workspace gets 100 GB.',
  url: '/en/billing/quotas',
};

describe('embedded engine caches follow index changes', () => {
  let engine: EmbeddedEngine;
  const ids = async (q: string, offset = 0) => (await engine.search({ q, locale: 'en', limit: 10, offset })).hits.map((hit) => hit.id);

  beforeEach(async () => {
    engine = new EmbeddedEngine();
    await engine.configure(defaultSearchSettings);
    await engine.replaceAll(contractDocuments);
  });

  it('a query asked before an article is published finds it right after', async () => {
    expect(await ids('quotas')).toEqual([]);
    await engine.upsert([quotas]);
    expect(await ids('quotas')).toEqual([100]);
  });

  it('a query asked before an article is unpublished no longer finds it', async () => {
    await engine.upsert([quotas]);
    expect(await ids('quotas')).toEqual([100]);
    await engine.remove([100]);
    expect(await ids('quotas')).toEqual([]);
  });

  it('an edited title shows in the next answer to the same query', async () => {
    await engine.upsert([quotas]);
    expect((await engine.search({ q: 'storage', locale: 'en', limit: 1, offset: 0 })).hits[0]?.titleHtml).toBe('<mark>Storage</mark> quotas explained');
    await engine.upsert([{ ...quotas, title: 'Storage limits explained' }]);
    expect((await engine.search({ q: 'storage', locale: 'en', limit: 1, offset: 0 })).hits[0]?.titleHtml).toBe('<mark>Storage</mark> limits explained');
  });

  it('a rebuild replaces every remembered answer', async () => {
    expect(await ids('password')).toContain(1);
    await engine.replaceAll([quotas]);
    expect(await ids('password')).toEqual([]);
    expect(await ids('quotas')).toEqual([100]);
  });

  it('new synonyms apply to a query asked before', async () => {
    expect(await ids('cheque')).toEqual([]);
    await engine.configure({ ...defaultSearchSettings, synonyms: { en: [['cheque', 'bill']] } });
    expect(await ids('cheque')).toContain(3);
  });

  it('pages of one query are answered separately', async () => {
    const first = await ids('notifications');
    expect(first.length).toBeGreaterThan(1);
    expect(await ids('notifications', 1)).toEqual(first.slice(1));
  });

  it('a typo finds a word published after the same typo was looked up, and not once it is unpublished', async () => {
    // No remembered answers here: only the typo lookups stand between the index and the result.
    engine = new EmbeddedEngine({ cachedAnswers: 0 });
    await engine.configure(defaultSearchSettings);
    await engine.replaceAll(contractDocuments);
    expect(await ids('quottas')).toEqual([]);
    await engine.upsert([quotas]);
    expect(await ids('quottas')).toEqual([100]);
    await engine.remove([100]);
    expect(await ids('quottas')).toEqual([]);
  });
});
