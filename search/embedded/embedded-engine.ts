import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult, SearchSettings } from '../engine.ts';
import { normalize, stemmedText, tokenize } from '../text/analyze.ts';
import { cropAround, highlightAll, matcherFor } from '../text/snippet.ts';
import { FIELD_BOOSTS, planQuery, STEM_BOOST, TEXT_FIELDS } from './query-plan.ts';

/** What one MiniSearch index holds per document: the text fields plus the stems of all of them. */
interface IndexedDocument {
  id: number;
  title: string;
  headings: string;
  tags: string;
  description: string;
  body: string;
  stems: string;
}

/** Candidates re-ranked for the exact-phrase bonus; beyond them MiniSearch's order stands. */
const RERANK_WINDOW = 100;

/**
 * The default engine: in-process MiniSearch indexes, one per locale (so word statistics of one language
 * do not skew the other, as with Meilisearch's per-locale indexes). No server, nothing to install;
 * each app instance holds its own copy, kept in sync by article events.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded (MiniSearch)';
  readonly #indexes = new Map<string, MiniSearch<IndexedDocument>>();
  readonly #documents = new Map<number, SearchDocument>();
  #settings: SearchSettings = { synonyms: {}, stopWords: {} };

  async configure(settings: SearchSettings): Promise<void> {
    this.#settings = settings;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    for (const document of documents) {
      this.#discard(document.id);
      this.#indexFor(document.locale).add(toIndexed(document));
      this.#documents.set(document.id, document);
    }
  }

  async remove(ids: number[]): Promise<void> {
    for (const id of ids) this.#discard(id);
  }

  async replaceAll(documents: SearchDocument[]): Promise<void> {
    this.#indexes.clear();
    this.#documents.clear();
    await this.upsert(documents);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const index = this.#indexes.get(query.locale);
    const stopWords = new Set(this.#settings.stopWords[query.locale] ?? []);
    const plan = planQuery(query.q, query.locale, this.#settings.synonyms[query.locale] ?? [], stopWords);
    if (!index || plan.words.length === 0) return { hits: [], total: 0 };

    const filter = query.collection ? (result: MiniSearchResult) => this.#documents.get(result.id)?.collectionSlug === query.collection : undefined;
    const options = { boost: { ...FIELD_BOOSTS, stems: STEM_BOOST }, ...(filter ? { filter } : {}) };
    // Like Meilisearch's "last" matching strategy: all words must match; if nothing does, drop words
    // from the end until something matches.
    let results: MiniSearchResult[] = [];
    for (let count = plan.words.length; count > 0 && results.length === 0; count -= 1) {
      results = index.search(plan.build(plan.words.slice(0, count)), options);
    }
    const ranked = this.#rerankByPhrase(results, plan.phrase);
    const page = ranked.slice(query.offset, query.offset + query.limit);
    return { hits: page.map((result) => this.#toHit(result, query.locale)), total: ranked.length };
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.#indexes.clear();
    this.#documents.clear();
  }

  #indexFor(locale: string): MiniSearch<IndexedDocument> {
    let index = this.#indexes.get(locale);
    if (!index) {
      index = new MiniSearch<IndexedDocument>({
        fields: [...TEXT_FIELDS, 'stems'],
        tokenize: (text) => tokenize(text),
        processTerm: (term) => term, // tokenize() already normalized
      });
      this.#indexes.set(locale, index);
    }
    return index;
  }

  #discard(id: number): void {
    const previous = this.#documents.get(id);
    if (!previous) return;
    this.#indexes.get(previous.locale)?.discard(id);
    this.#documents.delete(id);
  }

  /** An exact phrase of two or more words ranks above the same words scattered (title counts most). */
  #rerankByPhrase(results: MiniSearchResult[], phrase: string): MiniSearchResult[] {
    if (!phrase.includes(' ')) return results;
    const boosted = results.slice(0, RERANK_WINDOW).map((result) => {
      const document = this.#documents.get(result.id)!;
      const bonus = normalize(document.title).includes(phrase) ? 3 : normalize(`${document.description} ${document.body}`).includes(phrase) ? 1.5 : 1;
      return { ...result, score: result.score * bonus };
    });
    return [...boosted.sort((a, b) => b.score - a.score), ...results.slice(RERANK_WINDOW)];
  }

  #toHit(result: MiniSearchResult, locale: string) {
    const document = this.#documents.get(result.id)!;
    const matchedWords = new Set<string>();
    const matchedStems = new Set<string>();
    for (const [term, fields] of Object.entries(result.match)) {
      if (fields.includes('stems')) matchedStems.add(term);
      if (fields.some((field) => field !== 'stems')) matchedWords.add(term);
    }
    const isMatch = matcherFor(matchedWords, matchedStems, locale);
    const bodyHasMatch = tokenize(document.body).some((word) => isMatch(word));
    return {
      id: document.id,
      url: document.url,
      collectionSlug: document.collectionSlug,
      collectionTitle: document.collectionTitle,
      titleHtml: highlightAll(document.title, isMatch),
      snippetHtml: cropAround(bodyHasMatch || !document.description ? document.body : document.description, isMatch),
      score: result.score,
    };
  }
}

function toIndexed(document: SearchDocument): IndexedDocument {
  const headings = document.headings.join('\n');
  const tags = document.tags.join(', ');
  return {
    id: document.id,
    title: document.title,
    headings,
    tags,
    description: document.description,
    body: document.body,
    stems: stemmedText([document.title, headings, tags, document.description, document.body].join('\n'), document.locale),
  };
}
