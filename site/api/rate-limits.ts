import { RateLimiterMemory } from 'rate-limiter-flexible';
import { apiError } from './json.ts';

/**
 * Per-client limits, kept in memory per instance and keyed by the client address (never stored):
 * enough for search-as-you-type, not for scraping or inflating the search log.
 */
const limiters = new Map<string, RateLimiterMemory>();

function limiter(name: string, pointsPerMinute: number): RateLimiterMemory {
  const key = `${name}:${pointsPerMinute}`;
  let existing = limiters.get(key);
  if (!existing) {
    existing = new RateLimiterMemory({ points: pointsPerMinute, duration: 60 });
    limiters.set(key, existing);
  }
  return existing;
}

/** Undefined when allowed; otherwise a 429 response with Retry-After. */
export async function rateLimit(name: string, client: string, pointsPerMinute: number): Promise<Response | undefined> {
  try {
    await limiter(name, pointsPerMinute).consume(client);
    return undefined;
  } catch (rejection) {
    const retryAfter = Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000);
    return apiError(429, 'rate_limited', 'Too many requests; please slow down.', { 'Retry-After': String(retryAfter) });
  }
}
