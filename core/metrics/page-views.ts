import { isbot } from 'isbot';
import type { Sequelize } from 'sequelize';
import { issueVisitorToken, verifyVisitorToken } from '../chat/visitor-tokens.ts';
import type { Logger } from '../logger.ts';
import { recordEvents, type HelpCenterEvent } from './events.ts';

/** Views kept in memory at most while the database can't take them (about 20 MB). */
const MAX_PENDING_VIEWS = 100_000;

/** A help-center page the server sent, as the page (or the page cache) describes it. */
export interface PageView {
  locale: string;
  articleId?: number | undefined;
  collectionId?: number | undefined;
}

/** Who asked for the page: the `deflect_visitor` cookie's token, if any, and the user agent. */
export interface PageRequester {
  visitorToken: string | undefined;
  userAgent: string | undefined;
}

/**
 * Records `page_view` events. Pages are served from memory in well under a millisecond, so a view is kept in
 * memory and written with the others in one statement every few seconds (like the article view counter):
 * reading a page never waits on the database. Crawlers and monitors (by user agent) are not visitors and are
 * not counted. The visitor is the signed cookie's; a browser without one gets a new id, and the caller sets
 * the cookie. The signing key is loaded once (it never changes), so this works synchronously on the page
 * cache's fast path.
 */
export class PageViewRecorder {
  #pending: HelpCenterEvent[] = [];
  readonly #timer: NodeJS.Timeout;
  readonly #sequelize: Sequelize;
  readonly #logger: Logger;
  readonly #visitorTokenKey: string;

  constructor(sequelize: Sequelize, logger: Logger, visitorTokenKey: string, intervalMs = 5_000) {
    this.#sequelize = sequelize;
    this.#logger = logger;
    this.#visitorTokenKey = visitorTokenKey;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  /**
   * Counts one view. Returns the visitor token to set as the cookie when a new visitor was issued one, or
   * undefined (known visitor, or a bot: no cookie for crawlers).
   */
  record(view: PageView, requester: PageRequester): string | undefined {
    if (!requester.userAgent || isbot(requester.userAgent)) return undefined;
    const known = verifyVisitorToken(this.#visitorTokenKey, requester.visitorToken);
    const visitor = known ? { visitorId: known, token: undefined } : issueVisitorToken(this.#visitorTokenKey);
    this.#pending.push({ type: 'page_view', locale: view.locale, visitorId: visitor.visitorId, articleId: view.articleId ?? null, collectionId: view.collectionId ?? null, occurredAt: new Date() });
    return visitor.token;
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      await recordEvents(this.#sequelize, batch);
    } catch (error) {
      this.#logger.warn({ err: error, views: batch.length }, 'could not store page views; they are kept for the next flush');
      // Kept for the next flush, up to a bound: a database down for long must not fill the memory.
      this.#pending = [...batch, ...this.#pending].slice(-MAX_PENDING_VIEWS);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
