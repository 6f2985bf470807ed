/**
 * When the first message of a new conversation is worth searching the help center for while it is typed:
 * a question of a few words. A greeting ("hi there") is too short to find anything, a long story is too
 * long to match an article, and searching either would only show noise above the composer.
 */
export const MIN_QUESTION_WORDS = 3;
export const MAX_QUESTION_WORDS = 30;
/** The search API takes at most this many characters. */
const MAX_QUERY_LENGTH = 200;

/**
 * A word: letters or digits (any script), with inner apostrophes and hyphens ("don't", "e-mail", "Wi-Fi",
 * "из-за" are one word). Punctuation, emoji and symbols are not words.
 */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of a text, as they are counted. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * What to search for while the visitor types their first message, or null when it does not look like a
 * question of 3–30 words. Only the words are kept (no emoji or punctuation), cut to what the search API
 * accepts at a word boundary.
 */
export function suggestionQuery(text: string): string | null {
  const words = wordsOf(text);
  if (words.length < MIN_QUESTION_WORDS || words.length > MAX_QUESTION_WORDS) return null;
  let query = '';
  for (const word of words) {
    const next = query ? `${query} ${word}` : word;
    if (next.length > MAX_QUERY_LENGTH) break;
    query = next;
  }
  return query;
}
