/** The part of a saved reply the composer's `/` popup shows and searches. */
export interface ReplyChoice {
  id: number;
  title: string;
  shortcut: string;
  body: string;
}

/** At most this many suggestions: the popup is a shortlist, typing narrows it. */
export const MAX_SUGGESTIONS = 8;

/**
 * The `/word` being typed just before the caret, if a slash starts that word (at the start of the text or
 * after a space or line break — so `and/or` or a URL never opens the popup): where it starts and what follows it.
 */
export function slashQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([^\s/]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: match.index + match[1]!.length, query: match[2]! };
}

/**
 * The saved replies that match what follows the slash, best first: shortcut starting with it, then a title
 * word starting with it, then shortcut or title containing it anywhere; ties by shortcut. Case-insensitive.
 * An empty query lists them all (by shortcut), so `/` alone shows what exists.
 */
export function filterReplies<T extends ReplyChoice>(replies: readonly T[], query: string): T[] {
  const q = query.toLocaleLowerCase();
  const rank = (reply: T): number => {
    const shortcut = reply.shortcut.toLocaleLowerCase();
    const title = reply.title.toLocaleLowerCase();
    if (shortcut.startsWith(q)) return 0;
    if (title.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(q))) return 1;
    if (shortcut.includes(q) || title.includes(q)) return 2;
    return -1;
  };
  return replies
    .map((reply) => ({ reply, rank: rank(reply) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut))
    .slice(0, MAX_SUGGESTIONS)
    .map((r) => r.reply);
}

/** The text with `/query` (from `start` to the caret) replaced by the reply, and where the caret goes after it. */
export function insertAt(text: string, start: number, caret: number, inserted: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
