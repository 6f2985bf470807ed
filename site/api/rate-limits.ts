import { consume } from '../../core/rate-limiter.ts';
import { apiError } from './json.ts';

/** Undefined when allowed; otherwise a 429 JSON response with Retry-After. */
export async function rateLimit(name: string, client: string, pointsPerMinute: number): Promise<Response | undefined> {
  const decision = await consume(name, client, pointsPerMinute);
  if (decision.allowed) return undefined;
  return apiError(429, 'rate_limited', 'Too many requests; please slow down.', { 'Retry-After': String(decision.retryAfterSeconds) });
}
