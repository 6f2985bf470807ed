import { randomUUID } from 'node:crypto';
import type { Core } from '../../core/app.ts';
import type { HelpCenterEvent } from '../../core/metrics/events.ts';

type BotOutcome = 'offered' | 'helped' | 'escalated' | null;

/**
 * Rows for the report tests, written straight into the real tables with the times a test chooses (reports
 * read history, so the test must be able to write history).
 */
export function metricsFixtures(core: Core) {
  const sql = (query: string, replacements: Record<string, unknown>) => core.sequelize.query(query, { replacements });
  let seq = 0;
  return {
    async visitor(): Promise<string> {
      const id = randomUUID();
      await sql('INSERT INTO visitors (id) VALUES (:id)', { id });
      return id;
    },
    events: (events: HelpCenterEvent[]) => core.metrics.recordEvents(events),
    async conversation(input: { visitorId: string; at: string; teamId?: number; botOutcome?: BotOutcome; origin?: object; status?: 'open' | 'closed'; assigneeId?: number | null; firstClosedAt?: string | null; reopenCount?: number; humanRequestedAt?: string }): Promise<number> {
      const [rows] = await sql(
        `INSERT INTO conversations (visitor_id, created_at, updated_at, team_id, bot_outcome, origin, status, assignee_id, first_closed_at, reopen_count, human_requested_at)
         VALUES (:visitorId, :at, :at, COALESCE(:teamId, default_team_id()), :botOutcome, :origin, :status, :assigneeId, :firstClosedAt, :reopenCount, :humanRequestedAt) RETURNING id`,
        { visitorId: input.visitorId, at: input.at, humanRequestedAt: input.humanRequestedAt ?? null, teamId: input.teamId ?? null, botOutcome: input.botOutcome ?? null, origin: JSON.stringify(input.origin ?? { kind: 'launcher' }), status: input.status ?? 'open', assigneeId: input.assigneeId ?? null, firstClosedAt: input.firstClosedAt ?? null, reopenCount: input.reopenCount ?? 0 },
      );
      return (rows as Array<{ id: number }>)[0]!.id;
    },
    /** A message as the chat stores it; `sender: 'agent'` with `kind: 'text'` is a reply. */
    async message(conversationId: number, input: { at: string; sender: 'visitor' | 'agent' | 'system'; userId?: number; kind?: 'text' | 'note' | 'event' }): Promise<void> {
      await sql(
        `INSERT INTO messages (conversation_id, seq, client_id, sender, sender_user_id, kind, body, created_at)
         VALUES (:conversationId, :seq, :clientId, :sender, :userId, :kind, 'hello', :at)`,
        { conversationId, seq: (seq += 1), clientId: randomUUID(), sender: input.sender, userId: input.userId ?? null, kind: input.kind ?? 'text', at: input.at },
      );
    },
    async reaction(articleId: number, value: -1 | 0 | 1, at: string): Promise<void> {
      await sql('INSERT INTO article_reactions (article_id, visitor_id, value, created_at, updated_at) VALUES (:articleId, :visitorId, :value, :at, :at)', { articleId, visitorId: randomUUID(), value, at });
    },
    async search(input: { at: string; query: string; resultCount: number; visitorId?: string; clickedArticleId?: number; locale?: string }): Promise<void> {
      await sql(
        `INSERT INTO search_queries (session_id, visitor_id, locale, query, result_count, clicked_article_id, created_at, updated_at)
         VALUES (:sessionId, :visitorId, :locale, :query, :resultCount, :clicked, :at, :at)`,
        { sessionId: randomUUID(), visitorId: input.visitorId ?? null, locale: input.locale ?? 'en', query: input.query, resultCount: input.resultCount, clicked: input.clickedArticleId ?? null, at: input.at },
      );
    },
    async rating(conversationId: number, visitorId: string, operatorId: number | null, score: 1 | 2 | 3, at: string): Promise<void> {
      await sql('INSERT INTO conversation_ratings (conversation_id, visitor_id, operator_id, score, created_at, updated_at) VALUES (:conversationId, :visitorId, :operatorId, :score, :at, :at)', { conversationId, visitorId, operatorId, score, at });
    },
  };
}
