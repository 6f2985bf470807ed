import { MARK_END, MARK_START, toMarkedHtml } from './highlight.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The whole text, escaped, with every matching word in `<mark>`. */
export function highlightAll(text: string, isMatch: (word: string) => boolean): string {
  return toMarkedHtml(text.replace(WORD, (word) => (isMatch(word) ? `${MARK_START}${word}${MARK_END}` : word)));
}

/**
 * A window of about `size` words around the densest cluster of matches, escaped, matches in `<mark>`,
 * with "…" where text was cut; undefined when nothing in the text matches.
 */
export function cropAround(text: string, isMatch: (word: string) => boolean, size = 30): string | undefined {
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return undefined;
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
  if (bestScore === 0) return undefined;
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

/** The opening words of a text, escaped, for results that matched elsewhere (title, tags). */
export function opening(text: string, size = 30): string {
  const words = [...text.matchAll(WORD)];
  const last = words[Math.min(size, words.length) - 1];
  if (!last) return '';
  return `${highlightAll(text.slice(0, last.index + last[0].length).replace(/\s+/g, ' '), () => false)}${words.length > size ? '…' : ''}`;
}
