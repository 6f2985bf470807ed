import type { APIRoute } from 'astro';
import { widgetHomeArticles } from '../../../../core/widget/widget-home.ts';
import { apiError, describeIssues } from '../../../api/json.ts';
import { widgetHomeParamsSchema } from './_schemas.ts';

/**
 * `GET /api/widget/home?locale=en&path=/en/billing/refunds` → `{ popular, suggestions }`: the widget home's
 * most viewed articles and those suggested for the page (`{ id, title, description, url }` each). The same for
 * every visitor on that page, so browsers and shared caches may keep it a minute.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  const parsed = widgetHomeParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  const { locale, path } = parsed.data;
  const locales = locals.site.locales.map((l) => l.code);
  if (!locales.includes(locale)) return apiError(400, 'invalid_request', `locale: unknown locale "${locale}"`);
  const articles = await widgetHomeArticles(locals.core.helpCenter, locale, locales, path);
  return Response.json(articles, { headers: { 'Cache-Control': 'public, max-age=60' } });
};
