import type { Sequelize } from 'sequelize';
import { loadChatSecrets } from '../chat/chat-secrets.ts';
import type { Logger } from '../logger.ts';
import { chatReport, chatTables, type ChatReport } from './chat-report.ts';
import { recordEvents, type HelpCenterEvent } from './events.ts';
import { funnelReport, funnelTables, type FunnelReport } from './funnel-report.ts';
import { helpCenterReport, helpCenterTables, type HelpCenterReport } from './help-center-report.ts';
import { PageViewRecorder } from './page-views.ts';
import { validReportQuery, type ReportQuery } from './report-query.ts';
import type { ReportTable } from './report-table.ts';
import { parseWidgetEvents, type RejectedEvent } from './widget-events.ts';

export type { ChatReport, FunnelReport, HelpCenterReport, ReportQuery, ReportTable };
export { ReportQueryError } from './report-query.ts';

/** Help-center and chat metrics: the event log and the reports read from it. */
export interface Metrics {
  /** Stores events now, in one statement (server-side callers that already batch). */
  recordEvents(events: readonly HelpCenterEvent[]): Promise<number>;
  /**
   * Stores the valid events of a widget batch for one visitor (null: unknown) and says which were refused
   * and why; refused ones never stop the rest.
   */
  recordWidgetEvents(input: { items: readonly unknown[]; visitorId: string | null; knownLocales: readonly string[] }): Promise<{ recorded: number; rejected: RejectedEvent[] }>;
  /** Server-side `page_view`s, batched in memory (see page-views.ts). */
  pageViews: PageViewRecorder;
  /**
   * Reports for the period [from, to) with optional team, locale and time zone (ReportQueryError for a period
   * or filter that can't be answered). Definitions: core/metrics/METRICS.md.
   */
  helpCenter(query: ReportQuery): Promise<HelpCenterReport>;
  funnel(query: ReportQuery): Promise<FunnelReport>;
  chat(query: ReportQuery): Promise<ChatReport>;
  /** Each report as named tables (columns + rows), for CSV export and tables under charts. */
  tables: {
    helpCenter: typeof helpCenterTables;
    funnel: typeof funnelTables;
    chat: typeof chatTables;
  };
  /** Writes what is still in memory. */
  close(): Promise<void>;
}

/** Loads the visitor-token key once (page views are counted synchronously on the page cache's path). */
export async function createMetrics(sequelize: Sequelize, logger: Logger): Promise<Metrics> {
  const { visitorTokenKey } = await loadChatSecrets(sequelize);
  const pageViews = new PageViewRecorder(sequelize, logger, visitorTokenKey);
  return {
    recordEvents: (events) => recordEvents(sequelize, events),
    async recordWidgetEvents({ items, visitorId, knownLocales }) {
      const { accepted, rejected } = parseWidgetEvents(items, knownLocales, visitorId);
      return { recorded: await recordEvents(sequelize, accepted), rejected };
    },
    pageViews,
    helpCenter: async (query) => helpCenterReport(sequelize, validReportQuery(query)),
    funnel: async (query) => funnelReport(sequelize, validReportQuery(query)),
    chat: async (query) => chatReport(sequelize, validReportQuery(query)),
    tables: { helpCenter: helpCenterTables, funnel: funnelTables, chat: chatTables },
    close: () => pageViews.close(),
  };
}
