import { ChatRefusedError } from '../core/chat/index.ts';
import { consume } from '../core/rate-limiter.ts';

/**
 * Limits per visitor, generous for a person and tight for a script: 60 messages a minute (a reconnect
 * resending its backlog fits), 10 new conversations per 10 minutes, 30 team-status questions a minute (a widget
 * asks once per page).
 */
const LIMITS = { message: { points: 60, windowSeconds: 60 }, conversation: { points: 10, windowSeconds: 600 }, status: { points: 30, windowSeconds: 60 } } as const;
const WHAT = { message: 'messages', conversation: 'new conversations', status: 'team status requests' } as const;

export async function checkVisitorLimit(kind: keyof typeof LIMITS, visitorId: string): Promise<void> {
  const { points, windowSeconds } = LIMITS[kind];
  const decision = await consume(`chat-${kind}`, visitorId, points, windowSeconds);
  if (!decision.allowed) throw new ChatRefusedError('rate_limited', `Too many ${WHAT[kind]}: try again in ${decision.retryAfterSeconds} s.`);
}
