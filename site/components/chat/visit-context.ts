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

function readVisit(): Visit | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Visit) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records this page in the visit (sessionStorage: one tab's browsing session). Called on every page the
 * launcher loads on, not only when the chat opens, so the trail is complete when the visitor writes. The
 * referrer is kept from the entry page: later pages are referred by the help center itself.
 */
export function recordPageView(): void {
  const page = currentPage();
  const visit = readVisit() ?? { pages: [], entryPage: page, referrer: document.referrer.slice(0, MAX_LENGTH) };
  if (visit.pages.at(-1) !== page) visit.pages = [...visit.pages, page].slice(-MAX_PAGES);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(visit));
  } catch {
    // No session storage: the context just has this page.
  }
}

/** The context for the next handshake. `locale` is the page's locale, not the browser's. */
export function visitContext(locale: string): VisitContext {
  const visit = readVisit();
  const page = currentPage();
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
