/**
 * The origins allowed to show the chat frame: the help center itself and every host site in
 * `CHAT_ALLOWED_ORIGINS`. Each entry is reduced to its origin (`https://app.example.com/x` → `https://app.example.com`);
 * URLs without one (`file:`) are dropped, never turned into a wildcard.
 */
export function embeddingOrigins(urls: readonly string[]): string[] {
  const origins = urls.flatMap((url) => (URL.canParse(url) ? [new URL(url).origin] : [])).filter((origin) => origin !== 'null');
  return [...new Set(origins)];
}

/**
 * The frame page's Content-Security-Policy: only those origins may put it in a frame (clickjacking
 * defence). Origins come out of `URL`, so they cannot smuggle another directive (no spaces or `;`).
 */
export function frameAncestorsPolicy(origins: readonly string[]): string {
  return ["frame-ancestors 'self'", ...origins].join(' ');
}
