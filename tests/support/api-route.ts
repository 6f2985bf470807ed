import type { APIContext, APIRoute } from 'astro';
import type { Core } from '../../core/app.ts';

/** Parse `body` with the route's documented response schema: that also proves the documentation true. */
export interface RouteAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Calls an Astro API route handler as the server would: a real Request, the real domain layer in
 * `locals.core`, the route's params. `body` is sent as JSON unless it is already a string.
 */
export async function callRoute(route: APIRoute, core: Core, init: { path: string; method?: string; params?: Record<string, string>; token?: string; body?: unknown; clientAddress?: string }): Promise<RouteAnswer> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(`http://localhost${init.path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const context = { request, url: new URL(request.url), params: init.params ?? {}, locals: { core }, clientAddress: init.clientAddress ?? '127.0.0.1' } as unknown as APIContext;
  const response = await route(context);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
