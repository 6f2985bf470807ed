import type { APIRoute } from 'astro';

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every published article with its translations as `xhtml:link` alternates, plus locale homes and collections. */
export const GET: APIRoute = async ({ locals }) => {
  const { core } = locals;
  const origin = core.config.PUBLIC_URL;
  const site = await core.settings.get();
  const entries = await core.helpCenter.sitemap();
  const homes = await Promise.all(site.locales.map(async (l) => ({ locale: l.code, home: await core.helpCenter.home(l.code) })));
  const urls = [
    ...homes.flatMap(({ locale, home }) => [`/${locale}`, ...home.collections.map((c) => c.url)].map((url) => ({ url, updatedAt: undefined, alternates: [] }))),
    ...entries,
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls.map((entry) =>
      [
        `<url><loc>${escapeXml(new URL(entry.url, origin).href)}</loc>`,
        entry.updatedAt ? `<lastmod>${entry.updatedAt}</lastmod>` : '',
        ...entry.alternates.map((alt) => `<xhtml:link rel="alternate" hreflang="${alt.locale}" href="${escapeXml(new URL(alt.url, origin).href)}"/>`),
        '</url>',
      ].join(''),
    ),
    '</urlset>',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
};
