import type { APIRoute } from 'astro';

/** Readiness: the database answers; 503 tells a load balancer to send traffic elsewhere. */
export const GET: APIRoute = async ({ locals }) => {
  const ready = await locals.core.isReady();
  return Response.json({ status: ready ? 'ready' : 'database unreachable' }, { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
