import type { IncomingMessage } from 'node:http';

/**
 * WebSockets are not covered by CORS, so the handshake checks `Origin` itself: the help center's own
 * origin(s) and any host site allowed to embed the widget. A request without Origin is not from a browser
 * page (no ambient cookies to abuse) and may connect.
 */
export function originChecker(allowed: readonly string[]) {
  const origins = new Set(allowed.map((url) => new URL(url).origin));
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (!origin) return callback(null, true);
    const sameHost = req.headers.host ? [`http://${req.headers.host}`, `https://${req.headers.host}`].includes(origin) : false;
    callback(null, sameHost || origins.has(origin));
  };
}
