import type { APIContext, APIRoute } from 'astro';
import type { Core } from '../../../core/app.ts';
import { tokenAllows, type ApiScope, type TokenHolder } from '../../../core/accounts/index.ts';
import { consume, type RateDecision } from '../../../core/rate-limiter.ts';
import { v1Error } from './responses.ts';

export interface V1Context {
  holder: TokenHolder;
  core: Core;
  request: Request;
  url: URL;
  params: Record<string, string | undefined>;
}

/** "Bearer dfl_…" → "dfl_…"; anything else → undefined. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

function rateHeaders(limit: number, decision: RateDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `${limit};w=60`,
    ...(decision.allowed ? {} : { 'Retry-After': String(decision.retryAfterSeconds) }),
  };
}

/**
 * The chain every /api/v1 route runs: bearer token → rate limit (per token; per address for requests
 * without a usable token) → the scope on the token AND the owner's role allowing it now → the handler.
 * 401 means "who are you?" (missing, unknown, revoked, expired token, deactivated owner); 403 means
 * "you, but not this". Every answer carries the RateLimit-* headers.
 */
export function tokenRoute(scope: ApiScope, handler: (context: V1Context) => Promise<Response>): APIRoute {
  return async (context: APIContext) => {
    const { core } = context.locals;
    const limit = core.config.API_RATE_LIMIT_PER_MINUTE;
    const holder = await core.accounts.resolveAccessToken(bearerToken(context.request));
    const decision = await consume('api-v1', holder ? `token:${holder.tokenId}` : `address:${context.clientAddress}`, limit);
    const headers = rateHeaders(limit, decision);
    const response = await answer();
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;

    async function answer(): Promise<Response> {
      if (!decision.allowed) return v1Error(429, 'rate_limited', `More than ${limit} requests a minute; retry in ${decision.retryAfterSeconds} s.`);
      if (!holder) {
        const message = bearerToken(context.request) ? 'This token is unknown, revoked or expired, or its owner is deactivated.' : 'Send a personal access token: Authorization: Bearer dfl_…';
        return v1Error(401, 'unauthenticated', message, { headers: { 'WWW-Authenticate': 'Bearer realm="deflect"' } });
      }
      if (!tokenAllows(holder.staff, holder.scopes, scope)) {
        const reason = holder.scopes.includes(scope) ? `your role no longer allows ${scope}` : `this token lacks the ${scope} scope`;
        return v1Error(403, 'forbidden', `Forbidden: ${reason}.`);
      }
      return handler({ holder, core, request: context.request, url: context.url, params: context.params });
    }
  };
}
