const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state-changing admin request, JSON and uploads included (Astro's `checkOrigin`
 * covers form posts only): the browser's `Origin` must be this site, and when a browser sends no Origin,
 * its `Sec-Fetch-Site` must not say the request came from another site. The site's origins are the one the
 * request was addressed to and the configured public URL (behind a TLS proxy they differ).
 */
export function isCrossSiteRequest(request: Request, siteOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (origin) return !siteOrigins.includes(origin);
  const fetchSite = request.headers.get('sec-fetch-site');
  return fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none';
}
