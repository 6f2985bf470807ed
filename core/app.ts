import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { createAccounts, type Accounts } from './accounts/index.ts';
import { listAudit, type AuditActor } from './audit/audit-log.ts';
import { createCollections, type Collections } from './collections/index.ts';
import { articleFilterOptions, listArticlesForAdmin } from './articles/admin-article-list.ts';
import articleStatusChanger from './articles/article-status-changer.ts';
import articleCreator from './articles/editor/article-creator.ts';
import type { ArticleCreate, ArticleSave } from './articles/editor/article-fields.ts';
import articleSaver, { type SaveOutcome } from './articles/editor/article-saver.ts';
import { compareVersions, listVersions, restoreVersion } from './articles/editor/article-history.ts';
import { discardAutosave, putAutosave } from './articles/editor/autosaves.ts';
import { loadEditorView } from './articles/editor/editor-view.ts';
import { loadNewArticleView } from './articles/editor/new-article-view.ts';
import { uploadArticleImage, type UploadedImage } from './articles/editor/image-upload.ts';
import { renderArticleBody } from './articles/editor/render-article-body.ts';
import { react, type Reaction, type ReactionCounts } from './articles/reactions.ts';
import type { RenderedArticle } from './articles/render/markdown.ts';
import type { ArticleStatus } from './models/index.ts';
import articleImporter, { type ImportReport } from './articles/import/article-importer.ts';
import { HelpCenterReader } from './articles/help-center-reader.ts';
import { ViewCounter } from './articles/view-counter.ts';
import { DiskAttachmentStore } from './chat/attachment-store.ts';
import { startUnsentAttachmentSweeper } from './chat/unsent-attachments.ts';
import { createChat, type Chat } from './chat/index.ts';
import { createChatEmail, type ChatEmail } from './chat/email/index.ts';
import type { VisitorReplyMailerOptions } from './chat/email/visitor-reply-mailer.ts';
import type { Config } from './config.ts';
import { connectDatabase, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createSavedReplies, type SavedReplies } from './saved-replies/index.ts';
import { createMetrics, type Metrics } from './metrics/index.ts';
import { SummaryWarmer } from './metrics/summaries/summary-warmer.ts';
import { EventBus } from './events.ts';
import { EventsRelay } from './events-relay.ts';
import type { Logger } from './logger.ts';
import { MailWorker, type MailWorkerOptions } from './mail/mail-worker.ts';
import { createRestReads, type RestReads } from './rest/index.ts';
import { createMailTransport } from './mail/transport.ts';
import { initModels } from './models/index.ts';
import { SettingsReader } from './settings.ts';
import { createWebhooks, type Webhooks } from './webhooks/index.ts';
import { WebhookWorker, type WebhookWorkerOptions } from './webhooks/webhook-worker.ts';
import { createTeams, type Teams } from './teams/index.ts';
import { createNotifications, type Notifications } from './notifications/index.ts';
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
  /** The database's URL, for clients that need a connection of their own (the chat's socket adapter). */
  databaseUrl: string;
  chat: Chat;
  /** Chat by email: visitors' addresses, transcripts, email replies, alerts to absent operators. */
  chatEmail: ChatEmail;
  logger: Logger;
  events: EventBus;
  helpCenter: HelpCenterReader;
  accounts: Accounts;
  audit: { list: typeof listAudit };
  /** Signed webhooks: endpoints and their delivery log (admin). */
  webhooks: Webhooks;
  updateSettings(props: Omit<SettingsUpdate, 'sequelize' | 'events' | 'mediaDir'>): Promise<void>;
  articles: {
    listForAdmin: typeof listArticlesForAdmin;
    filterOptions: typeof articleFilterOptions;
    setStatus(actor: AuditActor, articleId: number, status: ArticleStatus): Promise<void>;
    create(actor: AuditActor, input: ArticleCreate): Promise<number>;
    save(actor: AuditActor, articleId: number, input: ArticleSave): Promise<SaveOutcome>;
    editorView: typeof loadEditorView;
    newArticleView: typeof loadNewArticleView;
    autosave: typeof putAutosave;
    discardAutosave: typeof discardAutosave;
    /** Renders markdown exactly as a saved article is rendered (the editor's live preview). */
    preview(body: string): Promise<RenderedArticle>;
    uploadImage(bytes: Buffer): Promise<UploadedImage>;
    versions: typeof listVersions;
    compareVersions: typeof compareVersions;
    restoreVersion(actor: AuditActor, articleId: number, number: number): Promise<number>;
    /** A visitor's "Did this answer your question?" (one per visitor and article; a new one replaces it). */
    react(articleId: number, visitorId: string, reaction: Reaction): Promise<ReactionCounts>;
  };
  collections: Collections;
  /** The team's saved replies (the composer's `/shortcut`s). */
  savedReplies: SavedReplies;
  /** Paged reads for the REST API (/api/v1). */
  rest: RestReads;
  teams: Teams;
  /** Help-center events (page views, widget use) and the reports over them and the chat. */
  metrics: Metrics;
  /** Staff alerts (the admin's bell): 😞 ratings and reactions for team leads and authors. */
  notifications: Notifications;
  settings: SettingsReader;
  views: ViewCounter;
  /** Absolute path of processed images (`/media/*`). */
  mediaDir: string;
  importArticles(dir?: string): Promise<ImportReport>;
  /** True when the database answers. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export interface CoreOptions {
  /**
   * The outbox worker's timing, or false for processes that must not send mail (command-line tasks: their
   * mail, if any, is sent by the server).
   */
  mailWorker?: Partial<MailWorkerOptions> | false;
  /** Timing of the worker that emails visitors unseen replies; it runs wherever the mail worker runs. */
  replyMailer?: Partial<VisitorReplyMailerOptions>;
  /** Timing of the webhook delivery worker; it runs wherever the mail worker runs. */
  webhookWorker?: Partial<WebhookWorkerOptions>;
}

/** Connects (starting embedded PostgreSQL if needed), migrates and wires the domain services. */
export async function createCore(config: Config, logger: Logger, options: CoreOptions = {}): Promise<Core> {
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
  const metrics = await createMetrics(database.sequelize, logger);
  const relay = new EventsRelay(database.url, events, logger);
  await relay.start();
  const mailWorker = options.mailWorker === false ? undefined : startMailWorker(database.sequelize, config, logger, options.mailWorker);
  const mediaDir = path.join(config.dataDir, 'media');
  const chatEmail = createChatEmail({ sequelize: database.sequelize, config, events, logger, replyMailer: options.replyMailer ?? {} });
  if (mailWorker) chatEmail.replyMailer.start();
  const attachments = new DiskAttachmentStore(path.join(config.dataDir, 'attachments'));
  const attachmentSweeper = mailWorker ? startUnsentAttachmentSweeper(database.sequelize, attachments, logger) : undefined;
  // Background work runs where the mail worker runs; the day summaries too (see core/metrics/summaries/).
  const summaryWarmer = mailWorker ? new SummaryWarmer(database.sequelize, logger) : undefined;
  summaryWarmer?.start();
  const webhookWorker = mailWorker ? new WebhookWorker(database.sequelize, logger, { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE, ...options.webhookWorker }) : undefined;
  webhookWorker?.start();

  return {
    config,
    sequelize: database.sequelize,
    databaseUrl: database.url,
    chat: chatEmail.alertingOperators(createChat(database.sequelize, attachments, events)),
    chatEmail,
    logger,
    events,
    helpCenter: new HelpCenterReader(events),
    accounts: createAccounts(database.sequelize, events, mediaDir, config.PUBLIC_URL),
    audit: { list: listAudit },
    webhooks: createWebhooks(database.sequelize),
    articles: {
      listForAdmin: listArticlesForAdmin,
      filterOptions: articleFilterOptions,
      setStatus: (actor, articleId, status) => articleStatusChanger({ sequelize: database.sequelize, events, actor, articleId, status }),
      create: (actor, input) => articleCreator({ sequelize: database.sequelize, actor, input }),
      save: (actor, articleId, input) => articleSaver({ sequelize: database.sequelize, events, actor, articleId, input }),
      editorView: loadEditorView,
      newArticleView: loadNewArticleView,
      autosave: putAutosave,
      discardAutosave,
      preview: (body) => renderArticleBody(body),
      uploadImage: (bytes) => uploadArticleImage(bytes, mediaDir),
      versions: listVersions,
      compareVersions,
      restoreVersion: (actor, articleId, number) => restoreVersion({ sequelize: database.sequelize, events, actor, articleId, number }),
      react: (articleId, visitorId, reaction) => react(database.sequelize, articleId, visitorId, reaction),
    },
    collections: createCollections(database.sequelize, events),
    savedReplies: createSavedReplies(database.sequelize),
    rest: createRestReads(),
    teams: createTeams(database.sequelize),
    metrics,
    notifications: createNotifications(database.sequelize),
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
      attachmentSweeper?.stop();
      await chatEmail.replyMailer.stop();
      await webhookWorker?.stop();
      await mailWorker?.stop();
      await summaryWarmer?.stop();
      await relay.close();
      await views.close();
      await metrics.close();
      await database.close();
    },
  };
}

/** The outbox worker with the transport the configuration asks for (the log when SMTP_URL is unset). */
function startMailWorker(sequelize: Sequelize, config: Config, logger: Logger, options: Partial<MailWorkerOptions> = {}): MailWorker {
  const transport = createMailTransport(config, logger);
  // In production, logged email puts one-time links into log storage: say so as a warning.
  if (!config.SMTP_URL && config.NODE_ENV === 'production') logger.warn(`Email goes to ${transport.description}: set SMTP_URL to send it`);
  else logger.info(`Email goes to ${transport.description}`);
  const worker = new MailWorker(sequelize, transport, logger, options);
  worker.start();
  return worker;
}

/** Logs an import report: a summary line, then one line per problem. */
export function logImportReport(logger: Logger, report: ImportReport): void {
  const { root, files, created, updated, unchanged, unpublished, durationMs, problems } = report;
  logger.info({ root, files, created, updated, unchanged, unpublished, problems: problems.length, durationMs }, 'articles imported');
  for (const problem of problems) logger.warn(`import: ${problem}`);
}
