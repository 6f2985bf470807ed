import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { SearchUnavailableError } from '../engine.ts';

/** Pino-compatible subset of a logger. */
export interface EngineLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface RetryOptions {
  /** Total attempts, the first included. 1 = no retry (for requests that must not be sent twice). */
  attempts: number;
  /** Delay before retry n (1-based) is `baseDelayMs × 2^(n-1)`: 200, 400, 800… */
  baseDelayMs: number;
  /** What was being done, for logs and the final error ("search deflect_articles_en"). */
  operation: string;
  logger?: EngineLogger | undefined;
}

/** Status codes a reverse proxy answers while Meilisearch itself is down or restarting. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * True when the server could not be reached (refused, reset, DNS, client-side timeout) — the only failures
 * worth retrying. An API error (4xx: bad filter, invalid key…) would fail the same way again.
 */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError) return true;
  return error instanceof MeilisearchApiError && GATEWAY_STATUSES.has(error.response.status);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `request`, retrying connection errors with exponential backoff; when every attempt fails to connect,
 * throws `SearchUnavailableError` (which the HTTP layer shows as "search is unavailable"). Any other error is
 * rethrown at once, untouched, so Meilisearch's own message reaches the logs.
 */
export async function withRetry<T>(request: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      if (attempt >= options.attempts) {
        throw new SearchUnavailableError(`Meilisearch is unreachable (${options.operation}, ${attempt} attempts): ${reason}`, {
          cause: error,
        });
      }
      const delayMs = options.baseDelayMs * 2 ** (attempt - 1);
      options.logger?.warn({ operation: options.operation, attempt, delayMs, reason }, 'Meilisearch unreachable, retrying');
      await sleep(delayMs);
    }
  }
}
