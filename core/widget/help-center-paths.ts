/** Where on the help center a visitor is, as far as the widget's suggestions care. */
export type HelpCenterPlace =
  | { kind: 'article'; locale: string; collection: string; slug: string }
  | { kind: 'collection'; locale: string; collection: string }
  | { kind: 'other' };

/** Segments of the help center's own pages that are not collections. */
const RESERVED = new Set(['search']);

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // a malformed escape: not one of our pages
  }
}

/**
 * Reads a help-center path (`/en/billing/refunds`, `/en/billing`) into the place it shows. Anything else —
 * the home, search, a host site's own page when the chat is embedded — is `other`.
 */
export function parseHelpCenterPath(pathname: string, locales: readonly string[]): HelpCenterPlace {
  const segments = pathname.split('/').filter(Boolean).map(decode);
  if (segments.some((s) => s === undefined) || segments.length < 2 || segments.length > 3) return { kind: 'other' };
  const [locale, collection, slug] = segments as string[];
  if (!locales.includes(locale!) || RESERVED.has(collection!)) return { kind: 'other' };
  return slug === undefined ? { kind: 'collection', locale: locale!, collection: collection! } : { kind: 'article', locale: locale!, collection: collection!, slug };
}

/**
 * The help-center articles an article's HTML links to (`href="/en/billing/refunds"`, absolute or relative
 * to the site root), as `{ collection, slug }` in the article's locale, each once, in the order they appear.
 */
export function linkedArticlePaths(html: string, locale: string): Array<{ collection: string; slug: string }> {
  const found = new Map<string, { collection: string; slug: string }>();
  for (const match of html.matchAll(/href="(?:https?:\/\/[^/"]+)?(\/[^"#?]*)/g)) {
    const place = parseHelpCenterPath(match[1]!, [locale]);
    if (place.kind === 'article') found.set(`${place.collection}/${place.slug}`, { collection: place.collection, slug: place.slug });
  }
  return [...found.values()];
}
