import type { QueryInterface } from 'sequelize';

/**
 * `conversations.human_requested_at`: when the visitor asked for a person after the answer bot's offer ("I
 * still need help", or writing again). The chat report's first-reply time starts there for such
 * conversations — the minutes a visitor spent on the bot's articles are not the team's — as the inbox's
 * waiting time and the widget's expected reply already do. Backfilled from the escalation events (0029's
 * kinds); the day summaries holding those conversations are forgotten so they are rebuilt with it.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE conversations ADD COLUMN human_requested_at timestamptz;
    UPDATE conversations c SET human_requested_at = e.at
      FROM (SELECT conversation_id, min(created_at) AS at FROM messages WHERE kind = 'event' AND event->>'type' = 'bot_escalated' GROUP BY 1) e
     WHERE c.id = e.conversation_id AND c.bot_outcome = 'escalated';
    SELECT forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM conversations WHERE human_requested_at IS NOT NULL));
    -- The summaries' scan of a period's conversations stays index-only with the new column in the index.
    DROP INDEX conversations_by_created_with_reply;
    CREATE INDEX conversations_by_created_with_reply ON conversations (created_at) INCLUDE (team_id, first_reply_at, first_closed_at, reopen_count, human_requested_at);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    SELECT forget_report_days(ARRAY(SELECT DISTINCT utc_day(created_at) FROM conversations WHERE human_requested_at IS NOT NULL));
    ALTER TABLE conversations DROP COLUMN human_requested_at;
    CREATE INDEX conversations_by_created_with_reply ON conversations (created_at) INCLUDE (team_id, first_reply_at, first_closed_at, reopen_count);
  `);
}
