import type { APIRoute } from 'astro';

/** Liveness: the process answers. */
export const GET: APIRoute = () => Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
