import path from 'node:path';
import { createCore, logImportReport } from '../../../core/app.ts';
import { loadConfig } from '../../../core/config.ts';
import { createLogger } from '../../../core/logger.ts';
import { runCli } from './run-cli.ts';

/**
 * `npm run articles:import [DIR]`: syncs a folder (default ARTICLES_DIR) into the database and prints the
 * report. Exits 0 even when some files had problems — they are listed — and 1 only when nothing could run.
 */
await runCli(async () => {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const core = await createCore(config, logger, { mailWorker: false });
  try {
    const dir = process.argv[2] ? path.resolve(process.argv[2]) : config.articlesDir;
    logImportReport(logger, await core.importArticles(dir));
  } finally {
    await core.close();
  }
});
