/** One hit of `GET /api/search`; `titleHtml`/`snippetHtml` are escaped by the server, matches in `<mark>`. */
export interface SuggestionHit {
  id: number;
  url: string;
  titleHtml: string;
  snippetHtml: string;
  collectionTitle: string;
}

export type SuggestionOutcome =
  | { status: 'ok'; total: number; hits: SuggestionHit[] }
  /** The visitor (or their network) sends too many searches: say so kindly, never show the raw error. */
  | { status: 'rate_limited' }
  | { status: 'unavailable' };

export interface SuggestionRequest {
  q: string;
  locale: string;
  collection?: string | undefined;
  limit: number;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

function isHit(value: unknown): value is SuggestionHit {
  if (typeof value !== 'object' || value === null) return false;
  const hit = value as Record<string, unknown>;
  return typeof hit.id === 'number' && typeof hit.url === 'string' && typeof hit.titleHtml === 'string' && typeof hit.snippetHtml === 'string' && typeof hit.collectionTitle === 'string';
}

async function toOutcome(response: Response): Promise<SuggestionOutcome> {
  if (response.status === 429) return { status: 'rate_limited' };
  // A query the server rejects (too long, odd characters) simply has nothing to suggest.
  if (response.status === 400) return { status: 'ok', total: 0, hits: [] };
  if (!response.ok) return { status: 'unavailable' };
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) return { status: 'unavailable' };
  const { total, hits } = body as Record<string, unknown>;
  if (typeof total !== 'number' || !Array.isArray(hits)) return { status: 'unavailable' };
  return { status: 'ok', total, hits: hits.filter(isHit) };
}

/**
 * Search-as-you-type requests where only the newest may answer. A new request aborts the previous one
 * (the server stops working for a query nobody waits for), and a sequence number drops any response that
 * still arrives for an older request: an abort is best-effort, and a slow "how" must never replace a fast
 * "how to reset" on screen.
 */
export class LatestSuggestions {
  #controller: AbortController | null = null;
  #sequence = 0;

  // Wrapped so `fetch` is never called as a method of this object ("Illegal invocation" in browsers).
  readonly #fetch: Fetch;

  constructor(fetchImpl: Fetch = (input, init) => fetch(input, init)) {
    this.#fetch = fetchImpl;
  }

  /** The outcome, or null when a newer request (or `cancel`) superseded this one. */
  async load({ q, locale, collection, limit }: SuggestionRequest): Promise<SuggestionOutcome | null> {
    this.cancel();
    const sequence = this.#sequence;
    const controller = new AbortController();
    this.#controller = controller;
    const params = new URLSearchParams({ q, locale, limit: String(limit) });
    if (collection) params.set('collection', collection);
    let outcome: SuggestionOutcome;
    try {
      const response = await this.#fetch(`/api/search?${params}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      outcome = await toOutcome(response);
    } catch {
      outcome = { status: 'unavailable' }; // offline, or aborted (then dropped just below)
    }
    if (sequence !== this.#sequence) return null;
    this.#controller = null;
    return outcome;
  }

  /** Drops the request in flight, if any (the box was cleared). */
  cancel(): void {
    this.#sequence++;
    this.#controller?.abort();
    this.#controller = null;
  }
}

/** One row of the suggestion list: a result, or the last row leading to the full results page. */
export type SearchOption = { kind: 'hit'; hit: SuggestionHit } | { kind: 'all'; url: string; label: string };
