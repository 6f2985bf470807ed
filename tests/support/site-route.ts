import type { APIContext, APIRoute } from 'astro';
import type { Core } from '../../core/app.ts';

export interface SiteRouteAnswer {
  status: number;
  body: unknown;
  /** Cookies as the route left them (sent ones plus any it set). */
  cookies: Map<string, string>;
}

/**
 * Calls a public site API route as the server would, with what the middleware puts on `locals` (the domain
 * layer and the site settings) and the visitor's cookies. `body` is sent as is when it is a string (a
 * beacon's text/plain), else as JSON.
 */
export async function callSiteRoute(route: APIRoute, core: Core, init: { path: string; body: unknown; cookies?: Record<string, string>; clientAddress?: string }): Promise<SiteRouteAnswer> {
  const raw = typeof init.body === 'string';
  const request = new Request(`http://localhost${init.path}`, {
    method: 'POST',
    headers: { 'content-type': raw ? 'text/plain' : 'application/json' },
    body: raw ? (init.body as string) : JSON.stringify(init.body),
  });
  const jar = new Map(Object.entries(init.cookies ?? {}));
  const cookies = {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  };
  const locals = { core, site: await core.settings.get() };
  const context = { request, url: new URL(request.url), params: {}, locals, cookies, clientAddress: init.clientAddress ?? '127.0.0.1' } as unknown as APIContext;
  const response = await route(context);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, cookies: jar };
}
