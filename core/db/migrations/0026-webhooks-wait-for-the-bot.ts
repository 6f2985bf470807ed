import type { QueryInterface } from 'sequelize';

/**
 * Webhooks stay quiet while the answer bot holds a conversation (`bot_outcome = 'offered'`): a team that pipes
 * webhooks into its chat tool would otherwise hear of every question the bot may still answer — the
 * "no operator is notified" promise of the bot. When the visitor asks for a person (`escalated`) the
 * conversation is announced then: `conversation.created`, followed by the visitor's messages so far as
 * `message.created`. A conversation the bot resolved (`helped`) never produces events: it never existed for
 * the team.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE FUNCTION webhook_message(m messages) RETURNS jsonb LANGUAGE sql STABLE AS $$
      SELECT jsonb_build_object('message', jsonb_build_object(
        'id', m.id::text, 'conversationId', m.conversation_id, 'seq', m.seq, 'sender', m.sender,
        'senderUserId', m.sender_user_id, 'body', m.body, 'attachments', m.attachments, 'createdAt', webhook_time(m.created_at)))
    $$;

    CREATE OR REPLACE FUNCTION webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (SELECT bot_outcome FROM conversations WHERE id = NEW.conversation_id) IN ('offered', 'helped') THEN
        RETURN NULL;
      END IF;
      PERFORM enqueue_webhook_event('message.created', webhook_message(NEW));
      RETURN NULL;
    END;
    $$;

    CREATE OR REPLACE FUNCTION webhook_conversation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      m messages;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.bot_outcome IS DISTINCT FROM 'offered' THEN
          PERFORM enqueue_webhook_event('conversation.created', jsonb_build_object('conversation', webhook_conversation(NEW)));
        END IF;
        RETURN NULL;
      END IF;
      IF OLD.bot_outcome = 'offered' AND NEW.bot_outcome = 'escalated' THEN
        PERFORM enqueue_webhook_event('conversation.created', jsonb_build_object('conversation', webhook_conversation(NEW)));
        FOR m IN SELECT * FROM messages WHERE conversation_id = NEW.id AND kind = 'text' AND sender = 'visitor' ORDER BY seq LOOP
          PERFORM enqueue_webhook_event('message.created', webhook_message(m));
        END LOOP;
      END IF;
      IF NEW.bot_outcome IN ('offered', 'helped') THEN
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
    -- The bot's outcome changes alone (escalated) must reach the function too.
    DROP TRIGGER conversations_webhook_changed ON conversations;
    CREATE TRIGGER conversations_webhook_changed AFTER UPDATE OF assignee_id, status, bot_outcome ON conversations
      FOR EACH ROW WHEN (NEW.assignee_id IS DISTINCT FROM OLD.assignee_id OR NEW.status IS DISTINCT FROM OLD.status OR NEW.bot_outcome IS DISTINCT FROM OLD.bot_outcome)
      EXECUTE FUNCTION webhook_conversation_changed();
  `);
}

/** Back to 0020's functions (their bodies repeated: CREATE OR REPLACE keeps no history). */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE OR REPLACE FUNCTION webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM enqueue_webhook_event('message.created', jsonb_build_object('message', jsonb_build_object(
        'id', NEW.id::text, 'conversationId', NEW.conversation_id, 'seq', NEW.seq, 'sender', NEW.sender,
        'senderUserId', NEW.sender_user_id, 'body', NEW.body, 'attachments', NEW.attachments, 'createdAt', webhook_time(NEW.created_at))));
      RETURN NULL;
    END;
    $$;
    CREATE OR REPLACE FUNCTION webhook_conversation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
    DROP FUNCTION webhook_message(messages);
    DROP TRIGGER conversations_webhook_changed ON conversations;
    CREATE TRIGGER conversations_webhook_changed AFTER UPDATE OF assignee_id, status ON conversations
      FOR EACH ROW WHEN (NEW.assignee_id IS DISTINCT FROM OLD.assignee_id OR NEW.status IS DISTINCT FROM OLD.status)
      EXECUTE FUNCTION webhook_conversation_changed();
  `);
}
