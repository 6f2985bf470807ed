import type { Query } from 'minisearch';
import { normalize, stem, tokenize } from '../text/analyze.ts';

/** Fields of the embedded index with their weight: title matches outrank body matches. */
export const FIELD_BOOSTS = { title: 5, headings: 3, tags: 2.5, description: 2, body: 1 } as const;
export const TEXT_FIELDS = Object.keys(FIELD_BOOSTS) as Array<keyof typeof FIELD_BOOSTS>;
/**
 * Fields searched with typo tolerance. Bodies are left out: a fuzzy walk over a whole help center's body
 * vocabulary (code, product names, numbers) was the costliest part of a query on the bench, while a typo
 * is almost always a misspelling of a word in a title, heading, tag or description.
 */
export const TYPO_FIELDS = TEXT_FIELDS.filter((field) => field !== 'body');
/** Weight of a typo match against an exact one (×length/(length+typos), as MiniSearch weighs fuzzy matches). */
export const TYPO_WEIGHT = 0.1;
/** Boost of matches found only through the stemmed field (word forms). */
export const STEM_BOOST = 1.5;

/**
 * A last word shorter than this is matched as a prefix in titles and headings only (the titles index):
 * expanding "a" over a whole help center's vocabulary costs tens of milliseconds and finds noise.
 */
export const MIN_BODY_PREFIX_LENGTH = 4;

/** Typos allowed by word length, as Meilisearch does: none under 5 letters, 1 from 5, 2 from 9. */
export function typoBudget(word: string): number {
  if (word.length >= 9) return 2;
  return word.length >= 5 ? 1 : 0;
}

export interface QueryPlan {
  /** Words that must all match (after stop words), in order; the last one is a prefix. */
  words: string[];
  /** Builds the MiniSearch query requiring all of `words` (or fewer, when relaxing). */
  build(words: string[]): Query;
  /** The part of `build(words)` that the word at `position` contributes: what a document must match for it. */
  buildWord(words: string[], position: number): Query;
  /** The query as typed, normalized, for the exact-phrase bonus. */
  phrase: string;
}

/**
 * Turns what the visitor typed into a MiniSearch query tree. Each word must match (AND), through any of:
 * the word itself in the text fields (typo-tolerant, prefix for the last word as they are still typing),
 * its Snowball stem in the stemmed field (other word forms; stems of 5+ letters also match longer stems,
 * so "настроить" → "настро" finds "настройка" → "настройк"), or a synonym.
 */
export function planQuery(input: string, locale: string, synonymGroups: string[][], stopWords: ReadonlySet<string>, typosOf: TyposOf): QueryPlan {
  const all = tokenize(input);
  const meaningful = all.filter((word) => !stopWords.has(word));
  const words = meaningful.length > 0 ? meaningful : all;
  const phrase = normalize(input).replace(/\s+/g, ' ').trim();

  const buildWord = (chosen: string[], index: number): Query => wordQuery(chosen[index]!, index === chosen.length - 1 && index === words.length - 1, locale, synonymGroups, typosOf);
  const build = (chosen: string[]): Query => ({ combineWith: 'AND', queries: chosen.map((_, index) => buildWord(chosen, index)) });
  return { words, build, buildWord, phrase };
}

/** Words of the typo-tolerant fields within `maxDistance` edits of a word, with their distance. */
export type TyposOf = (word: string, maxDistance: number) => ReadonlyMap<string, number>;

function wordQuery(word: string, isLastTyped: boolean, locale: string, synonymGroups: string[][], typosOf: TyposOf): Query {
  const typing = isLastTyped && word.length >= MIN_BODY_PREFIX_LENGTH;
  const alternatives: Query[] = [
    // Every text field: the word as typed, a prefix while typing. One subquery for all fields, so the
    // prefix is expanded once per query word, not once for short fields and again for bodies.
    { queries: [word], fields: TEXT_FIELDS, fuzzy: false, prefix: typing, combineWith: 'OR' },
    // Other word forms, everywhere, through stems.
    stemQuery([word], locale),
  ];
  // Short fields, typo-tolerant: the words the typo might stand for, each weighed down by its distance
  // (a completion of the word being typed already counts as a prefix above).
  const typos = [...typosOf(word, typoBudget(word))].filter(([near]) => !(typing && near.startsWith(word)));
  if (typos.length > 0) {
    const distance = new Map(typos);
    alternatives.push({ queries: [...distance.keys()], fields: TYPO_FIELDS, fuzzy: false, prefix: false, combineWith: 'OR', boostTerm: (term: string) => (TYPO_WEIGHT * term.length) / (term.length + (distance.get(term) ?? 1)) });
  }
  // A synonym matches in any of its word forms ("invoice" → "bills"), but exactly: no typos, no prefix.
  for (const synonym of synonymsOf(word, synonymGroups)) alternatives.push(stemQuery(tokenize(synonym), locale));
  return { combineWith: 'OR', queries: alternatives };
}

/** Stems of 5+ letters also match longer stems ("настро" → "настройк"), so derived words meet. */
function stemQuery(words: string[], locale: string): Query {
  return { combineWith: 'AND', queries: words.map((w) => stem(w, locale)), fields: ['stems'], prefix: (term: string) => term.length >= 5, fuzzy: false };
}

/** Other members of every group that contains the word (single-word members match words; phrases match too). */
function synonymsOf(word: string, groups: string[][]): string[] {
  return groups.filter((group) => group.some((member) => normalize(member) === word)).flatMap((group) => group.filter((member) => normalize(member) !== word));
}
