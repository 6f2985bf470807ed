import { createCore, logImportReport, type Core } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';

/** Loads the configuration, starts the domain layer and imports the articles folder, as both servers do. */
export async function startCore(overrides: NodeJS.ProcessEnv = {}): Promise<Core> {
  const config = loadConfig({ ...process.env, ...overrides });
  const logger = createLogger(config.LOG_LEVEL);
  const core = await createCore(config, logger);
  if (config.IMPORT_ON_START) logImportReport(logger, await core.importArticles());
  return core;
}
