import { createCore } from '../../../core/app.ts';
import { loadConfig } from '../../../core/config.ts';
import { createLogger } from '../../../core/logger.ts';
import { loadSearchDocuments } from '../../../search/documents.ts';
import { createEngine } from '../../../search/create-engine.ts';
import { defaultSearchSettings } from '../../../search/settings.ts';
import { runCli } from './run-cli.ts';

/**
 * `npm run search:reindex`: rebuilds the whole search index from the published articles, with progress.
 * Meaningful for Meilisearch (the index outlives the app); the embedded index is rebuilt at every start.
 */
await runCli(async () => {
  const config = loadConfig({ ...process.env, IMPORT_ON_START: 'false' });
  const logger = createLogger(config.LOG_LEVEL);
  const core = await createCore(config, logger, { mailWorker: false });
  const { engine } = createEngine(config, logger);
  try {
    logger.info(`reindex: reading published articles (engine: ${engine.name})`);
    const documents = await loadSearchDocuments();
    logger.info(`reindex: ${documents.length} documents; applying settings`);
    await engine.configure(defaultSearchSettings);
    logger.info(`reindex: indexing ${documents.length}/${documents.length} documents in batches`);
    await engine.replaceAll(documents);
    logger.info(`reindex: done, ${documents.length} documents searchable`);
  } finally {
    await engine.close();
    await core.close();
  }
});
