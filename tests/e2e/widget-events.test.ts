import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/e2e-session.ts';

describe('widget events', () => {
  const session = useServerAndBrowser();

  it('reports widget_open for the visitor of the help-center cookie when the launcher opens the panel', async () => {
    // Headless Chromium says so in its user agent and is counted as a bot: browse as a desktop Chrome.
    const context = await session.browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36' });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en`);
    await page.waitForSelector('astro-island[component-url*="ChatLauncher"]:not([ssr])');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('dialog', { name: 'Help' }).waitFor(); // the widget's home: opening it is the widget opening
    const cookie = (await context.cookies()).find((c) => c.name === 'deflect_visitor');
    const db = new pg.Client({ connectionString: session.server.databaseUrl });
    await db.connect();
    try {
      // Batched: sent a few seconds after the click (or with a beacon when the page goes away).
      await expect
        .poll(async () => (await db.query("SELECT visitor_id, locale FROM help_center_events WHERE type = 'widget_open'")).rows, { timeout: 10_000, interval: 500 })
        .toEqual([{ visitor_id: cookie!.value.split('.')[0], locale: 'en' }]);
    } finally {
      await db.end();
      await context.close();
    }
  });
});
