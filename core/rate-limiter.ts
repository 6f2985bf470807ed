import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Per-client limits, kept in memory per instance and keyed by something about the client (its address,
 * an email) that is never stored: enough for people, not for scripts.
 */
const limiters = new Map<string, RateLimiterMemory>();

export interface RateDecision {
  allowed: boolean;
  /** When not allowed: seconds until the next attempt is. */
  retryAfterSeconds: number;
  /** Attempts left in the current window (for `RateLimit-Remaining`). */
  remaining: number;
  /** Seconds until the current window ends (for `RateLimit-Reset`). */
  resetSeconds: number;
}

/** Counts one attempt for `key`: allowed while it has made at most `points` in its current window (a minute by default). */
export async function consume(name: string, key: string, points: number, windowSeconds = 60): Promise<RateDecision> {
  const id = `${name}:${points}:${windowSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) limiters.set(id, (limiter = new RateLimiterMemory({ points, duration: windowSeconds })));
  try {
    const state = await limiter.consume(key);
    return { allowed: true, retryAfterSeconds: 0, remaining: state.remainingPoints, resetSeconds: Math.ceil(state.msBeforeNext / 1000) };
  } catch (rejection) {
    const seconds = Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000);
    return { allowed: false, retryAfterSeconds: seconds, remaining: 0, resetSeconds: seconds };
  }
}
