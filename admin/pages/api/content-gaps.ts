import type { APIRoute } from 'astro';
import { contentGapsQuerySchema, periodOf } from '../../content-gaps-query.ts';
import { apiGuard } from '../../guard.ts';

/** `GET /admin/api/content-gaps?locale=&days=`: top failed and no-click searches, for authors and admins. */
export const GET: APIRoute = async ({ locals, url }) => {
  const denied = apiGuard(locals, 'reports.view');
  if (denied) return denied;
  const query = contentGapsQuerySchema.parse(Object.fromEntries(url.searchParams));
  const locale = query.locale ?? locals.site.defaultLocale;
  const period = periodOf(query.days);
  const gaps = await locals.search.contentGaps({ locale, ...period });
  return Response.json({ locale, from: period.from.toISOString(), to: period.to.toISOString(), gaps }, { headers: { 'Cache-Control': 'no-store' } });
};
