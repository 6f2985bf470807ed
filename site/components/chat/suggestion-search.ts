import type { ArticleCard } from '../../../core/chat/article-cards.ts';
import type { SearchHitView } from '../../../search/presenters.ts';
import { suggestionQuery } from './question-shape.ts';

/** Typing pauses this long before the help center is searched. */
export const SUGGESTION_DELAY_MS = 300;
export const MAX_SUGGESTIONS = 3;

/**
 * Articles for the first message while it is typed: the site's search (`GET /api/search`, the same engine
 * as the search box) after a pause in typing, for text shaped like a question (question-shape.ts). Only the
 * latest text's answer is shown: a slower answer to an older text arrives stale and is dropped. A failed
 * search shows nothing — suggestions are a help, never an error.
 */
export function createSuggestionSearch(options: { locale: string; onresults: (cards: ArticleCard[]) => void; fetch?: typeof fetch; delayMs?: number }) {
  const fetchJson = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let shownQuery: string | null = null;

  async function search(query: string, ticket: number): Promise<void> {
    let cards: ArticleCard[] = [];
    try {
      const params = new URLSearchParams({ q: query, locale: options.locale, limit: String(MAX_SUGGESTIONS) });
      const response = await fetchJson(`/api/search?${params}`);
      if (response.ok) cards = ((await response.json()) as { hits: SearchHitView[] }).hits.slice(0, MAX_SUGGESTIONS).map((hit) => cardOf(hit, options.locale));
    } catch {
      // Offline or the search is down: no suggestions this time.
    }
    if (ticket !== latest) return;
    shownQuery = query;
    options.onresults(cards);
  }

  return {
    /** The composer's text changed. */
    update(text: string): void {
      const query = suggestionQuery(text);
      if (query === shownQuery && timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      const ticket = (latest += 1);
      if (query === null) {
        shownQuery = null;
        return options.onresults([]);
      }
      timer = setTimeout(() => {
        timer = undefined;
        void search(query, ticket);
      }, options.delayMs ?? SUGGESTION_DELAY_MS);
    },
    /** No more suggestions (the conversation started, the component went away): pending answers are dropped. */
    stop(): void {
      clearTimeout(timer);
      timer = undefined;
      latest += 1;
    },
  };
}

/** A hit as an article card (the chat's reader opens it by id): its marked, escaped HTML read as text. */
function cardOf(hit: SearchHitView, locale: string): ArticleCard {
  return { articleId: hit.id, title: textOf(hit.titleHtml), description: textOf(hit.snippetHtml), url: hit.url, locale };
}

function textOf(html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
