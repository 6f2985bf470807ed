import type { SearchResult as MiniSearchResult } from 'minisearch';
import type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult, SearchSettings } from '../engine.ts';
import { normalize } from '../text/analyze.ts';
import { flatCopy } from '../text/flat-copy.ts';
import { cropAround, highlightAll, opening, wordMatcher } from '../text/snippet.ts';
import { LocaleIndex } from './locale-index.ts';
import { FIELD_BOOSTS, MIN_BODY_PREFIX_LENGTH, planQuery, STEM_BOOST, TYPO_WEIGHT } from './query-plan.ts';
import { searchAllWords } from './narrowed-search.ts';
import { ResultCache } from './result-cache.ts';

/**
 * Candidates re-ranked for the exact-phrase bonus; beyond them MiniSearch's order stands. Each costs a scan
 * of its text, and a page shows ten: forty leaves room for a phrase match to climb from the fourth page.
 */
const RERANK_WINDOW = 40;
/**
 * Characters of a body searched for an exact phrase and cut into a snippet: the opening of an article is
 * where its answer usually is, and scanning whole 50 kB pages for every hit would dominate query time.
 */
const PHRASE_WINDOW = 12_000;
const SNIPPET_WINDOW = 2_500;
/** Recent answers kept (see ResultCache): ten hits of escaped HTML each, a few megabytes at most. */
const CACHED_ANSWERS = 1_000;

/** Cache sizes; the bench turns both off (0) for its baseline. */
export interface EmbeddedEngineOptions {
  /** Recent answers kept until the index changes; 0 disables the cache. */
  cachedAnswers?: number;
  /** Typo lookups kept per locale until its words change; 0 disables the cache. */
  cachedTypoLookups?: number;
}

/**
 * What a hit needs of a document, computed once at indexing: its fields but only the opening of the body
 * (snippets are cut from it; keeping whole bodies of a large help center would multiply the heap), and the
 * normalized text the phrase bonus compares against.
 */
interface StoredDocument {
  document: Omit<SearchDocument, 'body'>;
  snippetText: string;
  normalizedTitle: string;
  normalizedText: string;
}

/**
 * The default engine: in-process MiniSearch indexes, one per locale (so word statistics of one language
 * do not skew the other, as with Meilisearch's per-locale indexes). No server, nothing to install;
 * each app instance holds its own copy, kept in sync by article events.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded (MiniSearch)';
  readonly #indexes = new Map<string, LocaleIndex>();
  readonly #documents = new Map<number, StoredDocument>();
  readonly #answers: ResultCache;
  readonly #cachedTypoLookups: number | undefined;
  #settings: SearchSettings = { synonyms: {}, stopWords: {} };

  constructor({ cachedAnswers = CACHED_ANSWERS, cachedTypoLookups }: EmbeddedEngineOptions = {}) {
    this.#answers = new ResultCache(cachedAnswers);
    this.#cachedTypoLookups = cachedTypoLookups;
  }

  async configure(settings: SearchSettings): Promise<void> {
    this.#answers.clear();
    this.#settings = settings;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.#answers.clear();
    for (const document of documents) {
      this.#discard(document.id);
      this.#indexFor(document.locale).add(document);
      const { body, ...fields } = document;
      this.#documents.set(document.id, {
        document: fields,
        snippetText: flatCopy(body.slice(0, SNIPPET_WINDOW)),
        normalizedTitle: flatCopy(normalize(document.title)),
        normalizedText: flatCopy(normalize(`${document.description}\n${body.slice(0, PHRASE_WINDOW)}`).replace(/\s+/g, ' ')),
      });
    }
  }

  async remove(ids: number[]): Promise<void> {
    this.#answers.clear();
    for (const id of ids) this.#discard(id);
  }

  async replaceAll(documents: SearchDocument[]): Promise<void> {
    this.#answers.clear();
    this.#indexes.clear();
    this.#documents.clear();
    await this.upsert(documents);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const cached = this.#answers.get(query);
    if (cached) return cached;
    const result = this.#searchIndex(query);
    this.#answers.set(query, result);
    return result;
  }

  #searchIndex(query: SearchQuery): SearchResult {
    const index = this.#indexes.get(query.locale);
    const stopWords = new Set(this.#settings.stopWords[query.locale] ?? []);
    const plan = planQuery(query.q, query.locale, this.#settings.synonyms[query.locale] ?? [], stopWords, (word, distance) => index?.typosOf(word, distance) ?? new Map());
    if (!index || plan.words.length === 0) return { hits: [], total: 0 };

    const filter = query.collection ? (result: MiniSearchResult) => this.#documents.get(result.id)?.document.collectionSlug === query.collection : undefined;
    // A typo match weighs far less than an exact one, so an exact word in a body outranks a typo in a title
    // (Meilisearch's "typo" rule comes before its "attribute" rule); a prefix is the normal typing case.
    const options = { boost: { ...FIELD_BOOSTS, stems: STEM_BOOST }, weights: { fuzzy: TYPO_WEIGHT, prefix: 0.375 }, ...(filter ? { filter } : {}) };
    let results: MiniSearchResult[] = [];
    if (plan.words.length === 1 && plan.words[0]!.length < MIN_BODY_PREFIX_LENGTH) {
      results = index.searchTitles(plan.words[0]!, options);
    } else {
      // Like Meilisearch's "last" matching strategy: all words must match; if nothing does, drop words
      // from the end until something matches.
      for (let count = plan.words.length; count > 0 && results.length === 0; count -= 1) {
        results = searchAllWords(index, plan, plan.words.slice(0, count), options);
      }
    }
    const ranked = this.#rerankByPhrase(results, plan.phrase);
    const page = ranked.slice(query.offset, query.offset + query.limit);
    const matcher = this.#matcher(page, index);
    return { hits: page.map((result) => this.#toHit(result, matcher)), total: ranked.length };
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.#answers.clear();
    this.#indexes.clear();
    this.#documents.clear();
  }

  #indexFor(locale: string): LocaleIndex {
    let index = this.#indexes.get(locale);
    if (!index) this.#indexes.set(locale, (index = new LocaleIndex(locale, this.#cachedTypoLookups)));
    return index;
  }

  #discard(id: number): void {
    const previous = this.#documents.get(id);
    if (!previous) return;
    this.#indexes.get(previous.document.locale)?.discard(id);
    this.#documents.delete(id);
  }

  /** An exact phrase of two or more words ranks above the same words scattered (title counts most). */
  #rerankByPhrase(results: MiniSearchResult[], phrase: string): MiniSearchResult[] {
    if (!phrase.includes(' ')) return results;
    const boosted = results.slice(0, RERANK_WINDOW).map((result) => {
      const stored = this.#documents.get(result.id)!;
      const bonus = stored.normalizedTitle.includes(phrase) ? 3 : stored.normalizedText.includes(phrase) ? 1.5 : 1;
      return { ...result, score: result.score * bonus };
    });
    return [...boosted.sort((a, b) => b.score - a.score), ...results.slice(RERANK_WINDOW)];
  }

  /** Words to highlight: index terms the shown results matched, and the words their matched stems stand for. */
  #matcher(results: MiniSearchResult[], index: LocaleIndex): RegExp | undefined {
    const words = new Set<string>();
    const stems = new Set<string>();
    for (const result of results) {
      for (const [term, fields] of Object.entries(result.match)) {
        if (fields.includes('stems')) stems.add(term);
        if (fields.some((field) => field !== 'stems')) words.add(term);
      }
    }
    for (const word of index.surfaceForms(stems)) words.add(word);
    return wordMatcher(words);
  }

  #toHit(result: MiniSearchResult, matcher: RegExp | undefined): SearchHit {
    const { document, snippetText } = this.#documents.get(result.id)!;
    return {
      id: document.id,
      url: document.url,
      collectionSlug: document.collectionSlug,
      collectionTitle: document.collectionTitle,
      titleHtml: highlightAll(document.title, matcher),
      snippetHtml: cropAround(snippetText, matcher) ?? cropAround(document.description, matcher) ?? opening(document.description || snippetText),
      score: result.score,
    };
  }
}
