import MiniSearch, { type Query, type SearchOptions, type SearchResult as MiniSearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { SearchDocument } from '../engine.ts';
import { stem, tokenize } from '../text/analyze.ts';
import { TEXT_FIELDS } from './query-plan.ts';
import { TypoVocabulary } from './typo-vocabulary.ts';

/** What the main index holds per document: the text fields plus the stems of all of them. */
interface IndexedDocument {
  id: number;
  title: string;
  headings: string;
  tags: string;
  description: string;
  body: string;
  stems: string;
}

const miniSearchOptions = (fields: string[]) => ({
  fields,
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term, // tokenize() already normalized
});

/**
 * The indexes of one locale: the main MiniSearch index over every field, a small titles index for
 * prefixes of one to three letters, and which words of the text each stem stands for (so a stem match is
 * highlighted by a set lookup, without stemming every word of a snippet).
 */
export class LocaleIndex {
  readonly #main = new MiniSearch<IndexedDocument>(miniSearchOptions([...TEXT_FIELDS, 'stems']));
  readonly #titles = new MiniSearch<{ id: number; title: string; headings: string }>(miniSearchOptions(['title', 'headings']));
  readonly #surfaceForms = new Map<string, Set<string>>();
  /**
   * Documents per stem, for choosing which word of a query to search first (see narrowed-search.ts). Not
   * lowered when a document leaves (that would mean keeping every document's stems): after edits it
   * overstates, which can only cost time, never change results. A rebuild starts it afresh.
   */
  readonly #documentsByStem = new SearchableMap<number>();
  readonly #typoVocabulary: TypoVocabulary;

  readonly locale: string;

  constructor(locale: string, cachedTypoLookups?: number) {
    this.locale = locale;
    this.#typoVocabulary = new TypoVocabulary(cachedTypoLookups);
  }

  add(document: SearchDocument): void {
    const headings = document.headings.join('\n');
    const tags = document.tags.join(', ');
    // Tokenized once: the words give the typo vocabulary, the stems field and the stem → words map.
    const shortFieldWords = tokenize([document.title, headings, tags, document.description].join('\n'));
    const words = [...shortFieldWords, ...tokenize(document.body)];
    const stems = words.map((word) => stem(word, this.locale));
    this.#main.add({ id: document.id, title: document.title, headings, tags, description: document.description, body: document.body, stems: stems.join(' ') });
    this.#titles.add({ id: document.id, title: document.title, headings });
    this.#typoVocabulary.add(document.id, shortFieldWords);
    for (const stemmed of new Set(stems)) this.#documentsByStem.update(stemmed, (count = 0) => count + 1);
    words.forEach((word, i) => {
      let forms = this.#surfaceForms.get(stems[i]!);
      if (!forms) this.#surfaceForms.set(stems[i]!, (forms = new Set()));
      forms.add(word);
    });
  }

  discard(id: number): void {
    this.#main.discard(id);
    this.#titles.discard(id);
    this.#typoVocabulary.discard(id);
  }

  /** Documents of this locale in the index. */
  get documentCount(): number {
    return this.#main.documentCount;
  }

  /**
   * About how many documents contain a word in any of its forms or completions: the documents of every stem
   * starting with its stem, added up (so rather more than fewer), counted only until they pass `enough`.
   */
  estimatedDocumentsWith(word: string, enough: number): number {
    let count = 0;
    for (const [, documents] of this.#documentsByStem.atPrefix(stem(word, this.locale))) {
      count += documents;
      if (count > enough) break;
    }
    return count;
  }

  /** Words of titles, headings, tags and descriptions within `maxDistance` typos of `word`. */
  typosOf(word: string, maxDistance: number): ReadonlyMap<string, number> {
    return this.#typoVocabulary.near(word, maxDistance);
  }

  search(query: Query, options: SearchOptions): MiniSearchResult[] {
    return this.#main.search(query, options);
  }

  /** Titles and headings starting with a short prefix (what the visitor has typed so far). */
  searchTitles(prefix: string, options: SearchOptions): MiniSearchResult[] {
    return this.#titles.search(prefix, { ...options, prefix: true, fuzzy: false, boost: { title: 2, headings: 1 } });
  }

  /** Words of the text that matched stems stand for ("уведомлен" → "уведомлений", "уведомления"). */
  surfaceForms(stems: Iterable<string>): Set<string> {
    const words = new Set<string>();
    for (const stemmed of stems) for (const word of this.#surfaceForms.get(stemmed) ?? []) words.add(word);
    return words;
  }
}
