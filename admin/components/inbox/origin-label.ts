import type { ConversationView } from '../../../core/chat/index.ts';

const REACTION_EMOJI = { sad: '😞', neutral: '😐', happy: '😃' } as const;

/**
 * Where a conversation came from, for the pane's header: "from Reset your password · 😞" (an article's
 * reaction opened the chat), "from search “refund”" (a search that found nothing); empty for the launcher,
 * which is where conversations come from unless said otherwise. `articleTitle` is null until it is known
 * (or when the article is not published): the id stands in.
 */
export function originLabel(origin: ConversationView['origin'], articleTitle: string | null): string {
  if (origin.kind === 'search') return `from search “${origin.query}”`;
  if (origin.kind !== 'article') return '';
  const from = `from ${articleTitle ?? `article #${origin.articleId}`}`;
  return origin.reaction ? `${from} · ${REACTION_EMOJI[origin.reaction]}` : from;
}

const titles = new Map<number, Promise<string | null>>();

/** A published article's title, by the public content API; asked once per article and page load. */
export function articleTitle(articleId: number): Promise<string | null> {
  let title = titles.get(articleId);
  if (!title) {
    title = fetch(`/api/articles/${articleId}/content`)
      .then(async (response) => (response.ok ? ((await response.json()) as { title: string }).title : null))
      .catch(() => null);
    titles.set(articleId, title);
  }
  return title;
}
