import type { QueryInterface } from 'sequelize';

/**
 * What help-center visitors do, for the deflection reports: one row per event (a page view, the widget
 * opened, a search or an article inside it, a deflection). An append-only log: no foreign keys, so a write
 * never waits on or fails over an article deleted meanwhile; the reports join what still exists.
 * `conversations.bot_outcome` is what the answer bot achieved (NULL: it didn't act; 'offered': it answered
 * and the visitor hasn't chosen; 'helped': "That helped"; 'escalated': "I still need help").
 * `search_queries.visitor_id` joins the search log to the same visitors as the events.
 * `conversations.first_closed_at` / `reopen_count` keep the closing history (resolution time, reopen rate),
 * and the indexes serve the reports (see core/metrics/METRICS.md and `npm run bench:reports`).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE help_center_events (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      type varchar(32) NOT NULL,
      visitor_id uuid,
      locale varchar(8) NOT NULL,
      article_id integer,
      collection_id integer,
      query varchar(200),
      result_count integer CHECK (result_count >= 0),
      source varchar(16),
      conversation_id integer
    );
    CREATE INDEX help_center_events_by_type ON help_center_events (type, occurred_at) INCLUDE (visitor_id, locale, article_id);
    -- "Articles that lead to chats": a visitor's article views shortly before a conversation.
    CREATE INDEX help_center_events_article_views ON help_center_events (visitor_id, occurred_at) INCLUDE (article_id) WHERE type = 'page_view' AND article_id IS NOT NULL;

    ALTER TABLE conversations ADD COLUMN bot_outcome varchar(16) CHECK (bot_outcome IN ('offered', 'helped', 'escalated'));
    ALTER TABLE search_queries ADD COLUMN visitor_id uuid;

    -- Resolution time and reopen rate need a conversation's closing history; every path that changes the status
    -- (an operator, a visitor writing into a closed conversation, the answer bot) goes through this trigger.
    ALTER TABLE conversations ADD COLUMN first_closed_at timestamptz, ADD COLUMN reopen_count integer NOT NULL DEFAULT 0;
    CREATE FUNCTION track_conversation_closing() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status = 'closed' THEN
        NEW.first_closed_at := COALESCE(OLD.first_closed_at, now());
      ELSIF OLD.status = 'closed' THEN
        NEW.reopen_count := OLD.reopen_count + 1;
      END IF;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER conversations_closing BEFORE UPDATE OF status ON conversations
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION track_conversation_closing();
    -- History before this migration, from the timeline: the first "Closed by" event, and the reopenings.
    UPDATE conversations c SET
        first_closed_at = COALESCE((SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'event' AND m.body LIKE 'Closed by %'),
                                   CASE WHEN c.status = 'closed' THEN c.updated_at END),
        reopen_count = (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'event' AND m.body LIKE 'Reopened by %');

    -- The reports' scans: conversations by creation time, first replies by conversation, replies by time.
    CREATE INDEX conversations_by_created ON conversations (created_at) INCLUDE (team_id, visitor_id);
    CREATE INDEX messages_agent_replies ON messages (conversation_id, created_at) WHERE sender = 'agent' AND kind = 'text';
    CREATE INDEX messages_agent_replies_by_time ON messages (created_at) INCLUDE (sender_user_id, conversation_id) WHERE sender = 'agent' AND kind = 'text';
    CREATE INDEX search_queries_by_time ON search_queries (created_at) INCLUDE (visitor_id, locale, result_count, clicked_article_id);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP INDEX search_queries_by_time, messages_agent_replies_by_time, messages_agent_replies, conversations_by_created;
    DROP TRIGGER conversations_closing ON conversations;
    DROP FUNCTION track_conversation_closing();
    ALTER TABLE conversations DROP COLUMN first_closed_at, DROP COLUMN reopen_count;
    ALTER TABLE search_queries DROP COLUMN visitor_id;
    ALTER TABLE conversations DROP COLUMN bot_outcome;
    DROP TABLE help_center_events;
  `);
}
