import { normalize, stem } from './analyze.ts';
import { MARK_END, MARK_START, toMarkedHtml } from './highlight.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Decides whether a word of the text is one of the matches. */
export type MatchTest = (normalizedWord: string, stemmed: string) => boolean;

/** Builds the test from what the engine matched: index terms of text fields, and stems. */
export function matcherFor(matchedWords: ReadonlySet<string>, matchedStems: ReadonlySet<string>, locale: string): (word: string) => boolean {
  return (word) => {
    const normalized = normalize(word);
    return matchedWords.has(normalized) || matchedStems.has(stem(normalized, locale));
  };
}

/** The whole text, escaped, with every matching word in `<mark>`. */
export function highlightAll(text: string, isMatch: (word: string) => boolean): string {
  return toMarkedHtml(text.replace(WORD, (word) => (isMatch(word) ? `${MARK_START}${word}${MARK_END}` : word)));
}

/**
 * A window of about `size` words around the densest cluster of matches, escaped, matches in `<mark>`,
 * with "…" where text was cut. Falls back to the opening words when nothing matches.
 */
export function cropAround(text: string, isMatch: (word: string) => boolean, size = 30): string {
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return '';
  const hits = words.map((m) => (isMatch(m[0]) ? 1 : 0));
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < words.length; i += 1) {
    score += hits[i]!;
    if (i >= size) score -= hits[i - size]!;
    const start = Math.max(0, i - size + 1);
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  // Start a few words before the first match so it reads in context.
  const firstHit = hits.indexOf(1, best);
  const start = Math.max(0, Math.min(best, firstHit === -1 ? best : firstHit - 3));
  const end = Math.min(words.length, start + size);
  const from = words[start]!.index;
  const last = words[end - 1]!;
  const slice = text.slice(from, last.index + last[0].length).replace(/\s+/g, ' ');
  const body = highlightAll(slice, isMatch);
  return `${start > 0 ? '…' : ''}${body}${end < words.length ? '…' : ''}`;
}
