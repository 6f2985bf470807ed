/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The domain layer, handed over by the server (never imported by pages: see core/app.ts). */
    core: import('../core/app.ts').Core;
    search: import('../search/search-service.ts').SearchService;
    /** Full-page cache for anonymous help-center pages; absent in development. */
    pageCache?: import('./server/page-cache.ts').PageCache;
    site: import('../core/settings.ts').SiteSettings;
    /** Locale of the current page (the URL's first segment, or the default). */
    locale: string;
    t: import('./i18n/translate.ts').Translate;
    /** The signed-in staff member on /admin pages (from the session cookie), if any. */
    staff?: import('../core/accounts/index.ts').StaffView;
    /** Set by help-center pages: what the page shows, counted as a `page_view` (see site/page-views.ts). */
    pageView?: import('../core/metrics/page-views.ts').PageView;
  }
}
