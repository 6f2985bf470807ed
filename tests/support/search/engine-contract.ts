import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine, SearchQuery } from '../../../search/engine.ts';
import { defaultSearchSettings } from '../../../search/settings.ts';
import { contractDocuments } from './contract-documents.ts';

/**
 * The behaviour every SearchEngine adapter promises, run against each of them with the same documents,
 * queries and expectations (tests/unit/search/embedded-contract.test.ts, tests/integration/search/
 * meilisearch-contract.test.ts).
 */
export function describeSearchEngineContract(name: string, createEngine: () => Promise<SearchEngine>): void {
  describe(`${name}: search engine contract`, () => {
    let engine: SearchEngine;
    const ids = async (q: string, extra: Partial<SearchQuery> = {}) =>
      (await engine.search({ q, locale: 'en', limit: 10, offset: 0, ...extra })).hits.map((hit) => hit.id);

    beforeAll(async () => {
      engine = await createEngine();
      await engine.configure(defaultSearchSettings);
      await engine.replaceAll(contractDocuments);
    }, 120_000);

    it('finds an article by a word of its title', async () => {
      expect((await ids('password'))[0]).toBe(1);
    });

    it('matches the last word as a prefix while typing', async () => {
      expect((await ids('reset passw'))[0]).toBe(1);
    });

    it('tolerates a typo in a word of 5 or more letters', async () => {
      expect((await ids('pasword reset'))[0]).toBe(1);
    });

    it('finds Russian word forms', async () => {
      expect((await ids('настроить уведомления', { locale: 'ru' }))[0]).toBe(7);
      expect((await ids('пароли', { locale: 'ru' }))[0]).toBe(8);
    });

    it('applies synonyms', async () => {
      expect(await ids('invoice')).toContain(3);
    });

    it('ranks a title match above body matches', async () => {
      expect((await ids('notification'))[0]).toBe(5);
    });

    it('keeps locales apart and filters by collection', async () => {
      expect(await ids('password', { locale: 'ru' })).not.toContain(1);
      const billingOnly = await engine.search({ q: 'notifications', locale: 'en', collection: 'billing', limit: 10, offset: 0 });
      expect(billingOnly.hits.map((h) => h.collectionSlug)).toEqual(['billing']);
    });

    it('pages results with a total', async () => {
      const all = await engine.search({ q: 'notifications', locale: 'en', limit: 10, offset: 0 });
      const second = await engine.search({ q: 'notifications', locale: 'en', limit: 1, offset: 1 });
      expect(all.total).toBeGreaterThanOrEqual(3);
      expect(second.total).toBe(all.total);
      expect(second.hits.map((h) => h.id)).toEqual([all.hits[1]!.id]);
    });

    it('returns escaped, highlighted titles and snippets with no HTML but <mark>', async () => {
      const [hit] = (await engine.search({ q: 'contacts <img src=x onerror=alert(1)>', locale: 'en', limit: 1, offset: 0 })).hits;
      expect(hit?.id).toBe(11);
      expect(hit!.snippetHtml).toContain('<mark>contacts</mark>');
      expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
      expect(hit!.titleHtml).not.toMatch(/<(?!\/?mark>)/);
    });

    it('finds nothing for words that appear nowhere', async () => {
      expect(await ids('zebra xylophone')).toEqual([]);
    });

    it('replaces a document on upsert and forgets removed ones', async () => {
      await engine.upsert([{ ...contractDocuments[2]!, title: 'Download your receipts' }]);
      expect((await engine.search({ q: 'receipts', locale: 'en', limit: 1, offset: 0 })).hits[0]?.titleHtml).toBe('Download your <mark>receipts</mark>');
      await engine.remove([3]);
      expect(await ids('receipts')).not.toContain(3);
      await engine.upsert([contractDocuments[2]!]);
    });
  });
}
