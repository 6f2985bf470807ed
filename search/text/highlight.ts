const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Sentinels that cannot occur in article text; engines mark matches with them before escaping. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * Escapes a text in which matches are delimited by the sentinels, and turns the sentinels into `<mark>`:
 * the result contains no HTML but `<mark>…</mark>`, whatever the text or the query contained.
 */
export function toMarkedHtml(text: string): string {
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
