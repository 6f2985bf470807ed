import { MARK_END, MARK_START, toMarkedHtml } from './highlight.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** Roughly how many characters `size` words take: the span in which matches count as one cluster. */
const CHARS_PER_WORD = 7;
/** Words shown before the first match of the chosen cluster, so it reads in context. */
const LEAD_WORDS = 3;

/**
 * Finds matched words in a text: whole words equal (after `normalize`) to one of `words`. One native
 * regular expression per query instead of tokenizing and normalizing every word of every snippet: that
 * word-by-word pass was a third of a query's time on the bench. `normalize`'s folding is mirrored: case
 * (the `i` flag), "ё" read as "е", typographic apostrophes.
 */
export function wordMatcher(words: Iterable<string>): RegExp | undefined {
  const alternatives = [...new Set(words)]
    .filter((word) => word.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/е/g, '[её]').replace(/'/g, "['’]"));
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}]|['’]\\p{L})`, 'giu');
}

/** The whole text, escaped, with every matching word in `<mark>`. */
export function highlightAll(text: string, matcher: RegExp | undefined): string {
  return toMarkedHtml(matcher ? text.replace(matcher, (word) => `${MARK_START}${word}${MARK_END}`) : text);
}

/**
 * A window of about `size` words around the densest cluster of matches, escaped, matches in `<mark>`,
 * with "…" where text was cut; undefined when nothing in the text matches.
 */
export function cropAround(text: string, matcher: RegExp | undefined, size = 30): string | undefined {
  const positions = matcher ? Array.from(text.matchAll(matcher), (m) => m.index) : [];
  if (positions.length === 0) return undefined;
  const from = leadIn(text, densestCluster(positions, size * CHARS_PER_WORD));
  const words = Array.from(text.slice(from, from + size * CHARS_PER_WORD * 3).matchAll(WORD)).slice(0, size);
  const last = words[words.length - 1]!;
  const end = from + last.index + last[0].length;
  const slice = text.slice(from, end).replace(/\s+/g, ' ');
  const more = /[\p{L}\p{N}]/u.test(text.slice(end));
  return `${from > 0 ? '…' : ''}${highlightAll(slice, matcher)}${more ? '…' : ''}`;
}

/** Where the most matches fall within `span` characters: the first match of that cluster. */
function densestCluster(positions: number[], span: number): number {
  let best = positions[0]!;
  let bestCount = 0;
  for (let first = 0, last = 0; first < positions.length; first += 1) {
    while (last < positions.length && positions[last]! - positions[first]! < span) last += 1;
    if (last - first > bestCount) [best, bestCount] = [positions[first]!, last - first];
  }
  return best;
}

/** The start of the word `LEAD_WORDS` words before `at` (or the text's start). */
function leadIn(text: string, at: number): number {
  const windowStart = Math.max(0, at - LEAD_WORDS * CHARS_PER_WORD * 3);
  const before = Array.from(text.slice(windowStart, at).matchAll(WORD));
  const lead = before[before.length - LEAD_WORDS] ?? before[0];
  return lead ? windowStart + lead.index : at;
}

/** The opening words of a text, escaped, for results that matched elsewhere (title, tags). */
export function opening(text: string, size = 30): string {
  const words = [...text.matchAll(WORD)];
  const last = words[Math.min(size, words.length) - 1];
  if (!last) return '';
  return `${highlightAll(text.slice(0, last.index + last[0].length).replace(/\s+/g, ' '), undefined)}${words.length > size ? '…' : ''}`;
}
