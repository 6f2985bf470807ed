import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import { errorSchema } from '../../../site/api/v1/schemas.ts';
import * as collectionsRoute from '../../../site/pages/api/v1/collections.ts';
import { callRoute } from '../../support/api-route.ts';
import { createTestCore } from '../../support/test-core.ts';
import { staffWithTokens } from './rest-api-fixtures.ts';

describe('REST API rate limit', () => {
  let core: Core;
  let tokens: string[];
  const collections = (token?: string, clientAddress = '127.0.0.1') => callRoute(collectionsRoute.GET, core, { path: '/api/v1/collections', clientAddress, ...(token ? { token } : {}) });

  beforeAll(async () => {
    core = await createTestCore({ API_RATE_LIMIT_PER_MINUTE: '3' });
    ({ tokens } = await staffWithTokens(core, 'ada@acme.example', ['admin'], { scopes: ['articles:read'] }, { scopes: ['articles:read'] }));
  });
  afterAll(() => core.close());

  it('answers 429 with Retry-After past the limit of one token, counting down RateLimit-Remaining, while another token goes on', async () => {
    const [busy, other] = tokens as [string, string];
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await collections(busy);
      expect(answer.status).toBe(200);
      remaining.push(answer.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await collections(busy);
    expect(limited.status).toBe(429);
    expect(errorSchema.parse(limited.body).error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('More than 3 requests a minute') });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-limit')).toBe('3');

    expect((await collections(other)).status).toBe(200);
  });

  it('limits requests without a usable token per client address, so guessing tokens is slow too', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await collections(`dfl_guess${i}`, '203.0.113.9')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await collections(undefined, '203.0.113.10')).status).toBe(401);
  });
});
