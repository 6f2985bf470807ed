import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** Values of `<meta|link ... attr="value">` tags in the page head, by a matching attribute. */
function headTags(html: string, tag: 'meta' | 'link'): Array<Record<string, string>> {
  return [...html.matchAll(new RegExp(`<${tag}\\s([^>]+)>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

describe('what search engines see', () => {
  let server: ServerProcess;
  let html: string;
  beforeAll(async () => {
    server = await startServerProcess();
    html = await (await fetch(`${server.url}/en/account/reset-password`)).text();
  });
  afterAll(() => server?.stop());

  it('gives an article its title, description, canonical URL and OpenGraph tags', () => {
    expect(html).toContain('<title>Reset your password · Acme Help</title>');
    const metas = headTags(html, 'meta');
    expect(metas.find((m) => m.name === 'description')?.content).toBeTruthy();
    expect(metas.find((m) => m.property === 'og:type')?.content).toBe('article');
    expect(metas.find((m) => m.property === 'og:title')?.content).toBe('Reset your password');
    const links = headTags(html, 'link');
    expect(links.find((l) => l.rel === 'canonical')?.href).toBe(`${server.url}/en/account/reset-password`);
  });

  it('declares hreflang alternates for the article and its translation', () => {
    const alternates = headTags(html, 'link').filter((l) => l.rel === 'alternate');
    expect(alternates).toEqual([
      { rel: 'alternate', hreflang: 'en', href: `${server.url}/en/account/reset-password` },
      { rel: 'alternate', hreflang: 'ru', href: `${server.url}/ru/account/reset-password` },
    ]);
  });

  it('embeds Article and BreadcrumbList JSON-LD', () => {
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    expect(blocks.map((b) => b['@type'])).toEqual(['Article', 'BreadcrumbList']);
    expect(blocks[0]).toMatchObject({ headline: 'Reset your password', inLanguage: 'en' });
    expect((blocks[1]!.itemListElement as unknown[]).length).toBe(3);
  });

  it('lists published articles with their translations in sitemap.xml, and no drafts', async () => {
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
    expect(sitemap).toContain(`<loc>${server.url}/ru/settings/notifications</loc>`);
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${server.url}/en/settings/notifications"/>`);
    expect(sitemap).not.toContain('microsoft-teams');
  });

  it('points crawlers to the sitemap and away from the admin', async () => {
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`);
    expect(robots).toContain('Disallow: /admin');
  });

  it('redirects / by Accept-Language and falls back to the default locale', async () => {
    const ru = await fetch(`${server.url}/`, { redirect: 'manual', headers: { 'Accept-Language': 'ru,en;q=0.8' } });
    expect(ru.headers.get('location')).toMatch(/\/ru$/);
    const de = await fetch(`${server.url}/`, { redirect: 'manual', headers: { 'Accept-Language': 'de-DE' } });
    expect(de.headers.get('location')).toMatch(/\/en$/);
  });
});
