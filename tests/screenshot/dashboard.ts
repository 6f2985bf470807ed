import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { createLogger } from '../../core/logger.ts';
import { setUpFirstAdmin } from '../support/admin-pages.ts';
import { launchBrowser } from '../support/browser.ts';
import { freePort, spawnServer } from '../support/server-process.ts';
import { seedReportData } from './report-data.ts';

/**
 * `npm run screenshot:dashboard`: the README's picture of /admin/reports, taken from the real built server
 * on a fresh embedded database filled with a month of generated activity. Writes admin/screenshots/dashboard.png.
 */
const output = path.resolve('admin/screenshots/dashboard.png');
const logger = createLogger('warn', false);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'deflect-screenshot-'));
// As root, PostgreSQL runs as its own user, which must be able to enter the (otherwise private) temp folder.
await chmod(dataDir, 0o755);
const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), logger });
const env = { NODE_ENV: 'production', DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
const server = await spawnServer(env);
const core = await createCore(loadConfig({ ...env, LOG_LEVEL: 'warn' }), logger, { mailWorker: false });
try {
  const { conversations } = await seedReportData(core);
  const browser = await launchBrowser();
  try {
    const page = await setUpFirstAdmin(browser, server);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/admin/reports?period=30`);
    await page.screenshot({ path: output, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(`${conversations} conversations seeded; saved ${path.relative(process.cwd(), output)}`);
} finally {
  await core.close();
  await server.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
