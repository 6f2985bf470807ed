import type { SearchHit } from './engine.ts';
import { defaultSearchSettings } from './settings.ts';
import { stem, tokenize } from './text/analyze.ts';

/**
 * Whether a search hit answers a question well enough for the answer bot to offer it. The engines' scores
 * are only comparable within one query (see `SearchHit.score`), so the test is made on what the hit shows:
 * the words the engine marked in its title and snippet, compared with the question's meaningful words
 * (stop words dropped) by their stems, so "passwords" in the question counts for "password" in a title.
 *
 * A hit is relevant when
 * - at least one meaningful word of the question is marked in its **title** (the article is about it), and
 * - the marked words cover `requiredMatches` of the question's meaningful words (title and snippet together).
 *
 * Search relaxes a query that matches nothing with all of its words; this is what keeps such a relaxed hit
 * (one common word of a long question) from being offered as an answer.
 */
export function isRelevantAnswer(question: string, hit: Pick<SearchHit, 'titleHtml' | 'snippetHtml'>, locale: string): boolean {
  const terms = meaningfulStems(question, locale);
  if (terms.length === 0) return false;
  const inTitle = matchedTerms(terms, markedStems(hit.titleHtml, locale));
  if (inTitle.size === 0) return false;
  const anywhere = matchedTerms(terms, new Set([...markedStems(hit.titleHtml, locale), ...markedStems(hit.snippetHtml, locale)]));
  return anywhere.size >= requiredMatches(terms.length);
}

/**
 * How many of a question's meaningful words a hit must show: all of one or two, half of a longer question,
 * but never more than three (a snippet is a short window: a long question's other words may be further on).
 */
export function requiredMatches(meaningfulWords: number): number {
  return Math.min(meaningfulWords, 3, Math.max(2, Math.ceil(meaningfulWords / 2)));
}

/** The distinct stems of a question's words, stop words of its locale left out. */
export function meaningfulStems(question: string, locale: string): string[] {
  const stopWords = new Set(defaultSearchSettings.stopWords[locale] ?? []);
  return [...new Set(tokenize(question).filter((word) => !stopWords.has(word)).map((word) => stem(word, locale)))];
}

/** Stems of the words inside `<mark>` in an engine's escaped, highlighted HTML. */
function markedStems(html: string, locale: string): Set<string> {
  const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/gs)].map((match) => unescapeHtml(match[1]!)).join(' ');
  return new Set(tokenize(marked).map((word) => stem(word, locale)));
}

/** Question stems found among the marked ones; a marked prefix (search as you type) of 4+ letters counts. */
function matchedTerms(terms: string[], marked: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const term of terms) {
    for (const word of marked) {
      const [shorter, longer] = term.length <= word.length ? [term, word] : [word, term];
      if (shorter === longer || (shorter.length >= 4 && longer.startsWith(shorter))) found.add(term);
    }
  }
  return found;
}

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
