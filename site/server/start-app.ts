import { createCore, logImportReport, type Core } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { InboundSmtpServer } from '../../core/mail/inbound-smtp.ts';
import { startSearch, type SearchService } from '../../search/search-service.ts';

/** What every request is given (`Astro.locals`), created once per process. */
export interface App {
  core: Core;
  search: SearchService;
  close(): Promise<void>;
}

/**
 * Loads the configuration, starts the domain layer, imports the articles folder and starts search, as
 * both servers (production and `npm run dev`) do.
 */
export async function startApp(overrides: NodeJS.ProcessEnv = {}): Promise<App> {
  const config = loadConfig({ ...process.env, ...overrides });
  const logger = createLogger(config.LOG_LEVEL);
  const core = await createCore(config, logger);
  if (config.IMPORT_ON_START) logImportReport(logger, await core.importArticles());
  const search = await startSearch(core);
  const setupToken = await core.accounts.issueSetupToken();
  if (setupToken) logger.info(`First run: create the admin account at ${config.PUBLIC_URL}/admin/setup?token=${setupToken}`);
  const inboundSmtp = config.INBOUND_SMTP_PORT === undefined ? undefined : await startInboundSmtp(core, config.INBOUND_SMTP_PORT, config.INBOUND_SMTP_HOST ?? config.HOST);
  return {
    core,
    search,
    async close() {
      await inboundSmtp?.close();
      await search.close();
      await core.close();
    },
  };
}

/** The SMTP receiver for replies to chat emails (only when INBOUND_SMTP_PORT is set). */
async function startInboundSmtp(core: Core, port: number, host: string): Promise<InboundSmtpServer> {
  const server = new InboundSmtpServer({ acceptsRecipient: core.chatEmail.acceptsRecipient, receive: core.chatEmail.receiveInbound }, core.logger);
  const listening = await server.listen(port, host);
  core.logger.info(`Receiving replies to chat emails by SMTP on ${host}:${listening} for @${core.config.MAIL_REPLY_DOMAIN}`);
  return server;
}
