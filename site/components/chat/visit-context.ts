/** The visitor context sent at the handshake (`auth.context`), so the operator sees where the visitor has been. */
export interface VisitContext {
  page: string;
  pages: string[];
  entryPage: string;
  referrer: string;
  locale: string;
  timeZone: string;
}

const KEY = 'deflect.chat.visit';
/** The protocol accepts 50 pages of 500 characters. */
const MAX_PAGES = 50;
const MAX_LENGTH = 500;

interface Visit {
  pages: string[];
  /** Kept apart from `pages`, which keeps only the last 50. */
  entryPage: string;
  referrer: string;
}

function currentPage(): string {
  return (location.pathname + location.search).slice(0, MAX_LENGTH);
}

/**
 * The visit as this page knows it, for when session storage is refused — as it is to a chat frame on
 * another site in browsers that partition or block third-party storage: the trail is then this page's only.
 */
let visitInMemory: Visit | undefined;

function readVisit(): Visit | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Visit) : visitInMemory;
  } catch {
    return visitInMemory;
  }
}

/**
 * Records a page in the visit (sessionStorage: one tab's browsing session): this one, or in the embed frame
 * the host page the loader reports. Called on every page the launcher loads on, not only when the chat
 * opens, so the trail is complete when the visitor writes. The referrer is kept from the entry page: later
 * pages are referred by the site itself.
 */
export function recordPageView(hostPage?: string, hostReferrer?: string): void {
  const page = hostPage?.slice(0, MAX_LENGTH) ?? currentPage();
  const visit = readVisit() ?? { pages: [], entryPage: page, referrer: (hostReferrer ?? document.referrer).slice(0, MAX_LENGTH) };
  if (visit.pages.at(-1) !== page) visit.pages = [...visit.pages, page].slice(-MAX_PAGES);
  visitInMemory = visit;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(visit));
  } catch {
    // No session storage: the trail lives as long as this page (visitInMemory).
  }
}

/** The context for the next handshake. `locale` is the page's locale, not the browser's. */
export function visitContext(locale: string): VisitContext {
  const visit = readVisit();
  // The last page recorded: this one on the help center, the host's page in the embed frame.
  const page = visit?.pages.at(-1) ?? currentPage();
  const pages = visit?.pages.length ? visit.pages : [page];
  return {
    page,
    pages,
    entryPage: visit?.entryPage ?? pages[0]!,
    referrer: visit?.referrer ?? document.referrer.slice(0, MAX_LENGTH),
    locale,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone.slice(0, 64),
  };
}
