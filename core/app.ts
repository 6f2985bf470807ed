import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { createAccounts, type Accounts } from './accounts/index.ts';
import { listAudit, type AuditActor } from './audit/audit-log.ts';
import { createCollections, type Collections } from './collections/index.ts';
import { articleFilterOptions, listArticlesForAdmin } from './articles/admin-article-list.ts';
import articleStatusChanger from './articles/article-status-changer.ts';
import type { ArticleStatus } from './models/index.ts';
import articleImporter, { type ImportReport } from './articles/import/article-importer.ts';
import { HelpCenterReader } from './articles/help-center-reader.ts';
import { ViewCounter } from './articles/view-counter.ts';
import type { Config } from './config.ts';
import { connectDatabase, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { EventBus } from './events.ts';
import { EventsRelay } from './events-relay.ts';
import type { Logger } from './logger.ts';
import { initModels } from './models/index.ts';
import { SettingsReader } from './settings.ts';
import settingsUpdater, { type SettingsUpdate } from './settings-updater.ts';

/**
 * The domain layer as one object: what pages, API routes and socket handlers are given. Stateful pieces
 * (the pool, caches, counters) live here once per process; transports receive this object instead of
 * importing the modules, so Astro's server bundle never holds a second copy of them.
 */
export interface Core {
  config: Config;
  /** The connection pool, for modules of the domain layer that run their own queries (search log). */
  sequelize: Sequelize;
  logger: Logger;
  events: EventBus;
  helpCenter: HelpCenterReader;
  accounts: Accounts;
  audit: { list: typeof listAudit };
  updateSettings(props: Omit<SettingsUpdate, 'sequelize' | 'events' | 'mediaDir'>): Promise<void>;
  articles: {
    listForAdmin: typeof listArticlesForAdmin;
    filterOptions: typeof articleFilterOptions;
    setStatus(actor: AuditActor, articleId: number, status: ArticleStatus): Promise<void>;
  };
  collections: Collections;
  settings: SettingsReader;
  views: ViewCounter;
  /** Absolute path of processed images (`/media/*`). */
  mediaDir: string;
  importArticles(dir?: string): Promise<ImportReport>;
  /** True when the database answers. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** Connects (starting embedded PostgreSQL if needed), migrates and wires the domain services. */
export async function createCore(config: Config, logger: Logger): Promise<Core> {
  const database: Database = await connectDatabase(config, logger);
  try {
    await migrateToLatest(database.sequelize, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  initModels(database.sequelize);
  const events = new EventBus();
  const views = new ViewCounter(database.sequelize, logger);
  const relay = new EventsRelay(database.url, events, logger);
  await relay.start();
  const mediaDir = path.join(config.dataDir, 'media');

  return {
    config,
    sequelize: database.sequelize,
    logger,
    events,
    helpCenter: new HelpCenterReader(events),
    accounts: createAccounts(database.sequelize, events, mediaDir),
    audit: { list: listAudit },
    articles: {
      listForAdmin: listArticlesForAdmin,
      filterOptions: articleFilterOptions,
      setStatus: (actor, articleId, status) => articleStatusChanger({ sequelize: database.sequelize, events, actor, articleId, status }),
    },
    collections: createCollections(database.sequelize, events),
    updateSettings: (props) => settingsUpdater({ ...props, sequelize: database.sequelize, events, mediaDir }),
    settings: new SettingsReader(events),
    views,
    mediaDir,
    importArticles: (dir = config.articlesDir) => articleImporter({ sequelize: database.sequelize, events, logger, dir, mediaDir }),
    async isReady() {
      try {
        await database.sequelize.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await relay.close();
      await views.close();
      await database.close();
    },
  };
}

/** Logs an import report: a summary line, then one line per problem. */
export function logImportReport(logger: Logger, report: ImportReport): void {
  const { root, files, created, updated, unchanged, unpublished, durationMs, problems } = report;
  logger.info({ root, files, created, updated, unchanged, unpublished, problems: problems.length, durationMs }, 'articles imported');
  for (const problem of problems) logger.warn(`import: ${problem}`);
}
