import type { QueryInterface } from 'sequelize';

/**
 * Signed webhooks, delivered through an outbox.
 * - `webhook_endpoints`: where to POST, the server-generated signing secret, the subscribed event types.
 * - `webhook_deliveries`: one row per event and subscribed endpoint, claimed by the delivery worker with
 *   SKIP LOCKED (see core/webhooks/webhook-worker.ts). `event_id` is the same for every endpoint of one event
 *   and over retries, so receivers can drop duplicates.
 * - `enqueue_webhook_event(type, data)` writes the rows for every enabled endpoint subscribed to `type`.
 *   Triggers call it, so the deliveries commit (or roll back) with the change itself, whatever code path made
 *   it: the chat's `post_chat_message` (untouched), the article importer, the status changer, reactions.
 *   Without endpoints it is one indexed lookup on a tiny table.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE webhook_endpoints (
      id serial PRIMARY KEY,
      url varchar(2000) NOT NULL,
      description varchar(200) NOT NULL DEFAULT '',
      secret varchar(100) NOT NULL,
      events varchar(40)[] NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      endpoint_id integer NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      event_id uuid NOT NULL,
      event_type varchar(40) NOT NULL,
      data jsonb NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'queued';
    CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);

    -- Timestamps in payloads read like JavaScript's toISOString(), whatever the session's time zone.
    CREATE FUNCTION webhook_time(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    $$;

    CREATE FUNCTION enqueue_webhook_event(event_type text, data jsonb) RETURNS void LANGUAGE sql AS $$
      INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, data)
        SELECT e.id, event.id, event_type, data
          FROM webhook_endpoints e, (SELECT gen_random_uuid() AS id) event
         WHERE e.enabled AND event_type = ANY (e.events)
    $$;

    CREATE FUNCTION webhook_conversation(c conversations) RETURNS jsonb LANGUAGE sql STABLE AS $$
      SELECT jsonb_build_object('id', c.id, 'visitorId', c.visitor_id, 'status', c.status, 'assigneeId', c.assignee_id,
                                'origin', c.origin, 'createdAt', webhook_time(c.created_at))
    $$;

    CREATE FUNCTION webhook_conversation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM enqueue_webhook_event('conversation.created', jsonb_build_object('conversation', webhook_conversation(NEW)));
        RETURN NULL;
      END IF;
      IF NEW.assignee_id IS NOT NULL AND NEW.assignee_id IS DISTINCT FROM OLD.assignee_id THEN
        PERFORM enqueue_webhook_event('conversation.assigned', jsonb_build_object('conversation', webhook_conversation(NEW), 'previousAssigneeId', OLD.assignee_id));
      END IF;
      IF NEW.status = 'closed' AND OLD.status <> 'closed' THEN
        PERFORM enqueue_webhook_event('conversation.closed', jsonb_build_object('conversation', webhook_conversation(NEW)));
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER conversations_webhook_created AFTER INSERT ON conversations
      FOR EACH ROW EXECUTE FUNCTION webhook_conversation_changed();
    CREATE TRIGGER conversations_webhook_changed AFTER UPDATE OF assignee_id, status ON conversations
      FOR EACH ROW WHEN (NEW.assignee_id IS DISTINCT FROM OLD.assignee_id OR NEW.status IS DISTINCT FROM OLD.status)
      EXECUTE FUNCTION webhook_conversation_changed();

    -- Text spoken by the visitor or an operator; internal notes and timeline events never leave the inbox.
    CREATE FUNCTION webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM enqueue_webhook_event('message.created', jsonb_build_object('message', jsonb_build_object(
        'id', NEW.id::text, 'conversationId', NEW.conversation_id, 'seq', NEW.seq, 'sender', NEW.sender,
        'senderUserId', NEW.sender_user_id, 'body', NEW.body, 'attachments', NEW.attachments, 'createdAt', webhook_time(NEW.created_at))));
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER messages_webhook_created AFTER INSERT ON messages
      FOR EACH ROW WHEN (NEW.kind = 'text' AND NEW.sender IN ('visitor', 'agent')) EXECUTE FUNCTION webhook_message_created();

    -- A visitor's answer to "Did this answer your question?", and a changed answer (with the one it replaced).
    CREATE FUNCTION webhook_reaction_created() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      a articles;
      scores CONSTANT jsonb := '{"-1": "sad", "0": "neutral", "1": "happy"}';
    BEGIN
      SELECT * INTO a FROM articles WHERE id = NEW.article_id;
      PERFORM enqueue_webhook_event('reaction.created', jsonb_build_object(
        'article', jsonb_build_object('id', a.id, 'locale', a.locale, 'slug', a.slug, 'title', a.title),
        'visitorId', NEW.visitor_id, 'score', scores->>NEW.value::text,
        'previousScore', CASE WHEN TG_OP = 'UPDATE' THEN scores->>OLD.value::text END,
        'createdAt', webhook_time(NEW.updated_at)));
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER article_reactions_webhook_created AFTER INSERT ON article_reactions
      FOR EACH ROW EXECUTE FUNCTION webhook_reaction_created();
    CREATE TRIGGER article_reactions_webhook_changed AFTER UPDATE OF value ON article_reactions
      FOR EACH ROW WHEN (NEW.value IS DISTINCT FROM OLD.value) EXECUTE FUNCTION webhook_reaction_created();

    -- Published from the admin, by an import of a published file, or by restoring a published version.
    CREATE FUNCTION webhook_article_published() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM enqueue_webhook_event('article.published', jsonb_build_object('article', jsonb_build_object(
        'id', NEW.id, 'locale', NEW.locale, 'slug', NEW.slug, 'title', NEW.title, 'collectionId', NEW.collection_id,
        'publishedAt', webhook_time(COALESCE(NEW.published_at, now())))));
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER articles_webhook_published_insert AFTER INSERT ON articles
      FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION webhook_article_published();
    CREATE TRIGGER articles_webhook_published_update AFTER UPDATE OF status ON articles
      FOR EACH ROW WHEN (NEW.status = 'published' AND OLD.status <> 'published') EXECUTE FUNCTION webhook_article_published();
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TRIGGER articles_webhook_published_update ON articles;
    DROP TRIGGER articles_webhook_published_insert ON articles;
    DROP FUNCTION webhook_article_published();
    DROP TRIGGER article_reactions_webhook_changed ON article_reactions;
    DROP TRIGGER article_reactions_webhook_created ON article_reactions;
    DROP FUNCTION webhook_reaction_created();
    DROP TRIGGER messages_webhook_created ON messages;
    DROP FUNCTION webhook_message_created();
    DROP TRIGGER conversations_webhook_changed ON conversations;
    DROP TRIGGER conversations_webhook_created ON conversations;
    DROP FUNCTION webhook_conversation_changed(), webhook_conversation(conversations), enqueue_webhook_event(text, jsonb), webhook_time(timestamptz);
    DROP TABLE webhook_deliveries, webhook_endpoints;
  `);
}
