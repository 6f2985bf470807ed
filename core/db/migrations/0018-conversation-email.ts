import type { QueryInterface } from 'sequelize';

/**
 * Email fallback for chat.
 * - `chat_secrets.mail_key` signs conversations' reply addresses and the links that resume a chat, generated
 *   once like the other chat keys so every instance shares it.
 * - `outbox.reply_to`: replies to a chat email go to the conversation's reply address.
 * - `visitor_reply_emails`: one row per conversation, the schedule of "email the visitor the replies they
 *   have not seen". A trigger on `messages` sets `pending_since` when an operator's reply is inserted, so the
 *   schedule is written in the same transaction as the reply itself, whatever code path stores it, without
 *   touching `post_chat_message`. The mail worker claims due rows with SKIP LOCKED (see
 *   core/chat/email/visitor-reply-mailer.ts); `emailed_through_seq` is how far emails already went.
 * - `operator_alerts`: when each operator was last emailed about a conversation, so a chatty visitor or a
 *   ping-pong of assignments sends one email per interval, not one per message.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE chat_secrets ADD COLUMN mail_key char(64) NOT NULL
      DEFAULT encode(sha256((gen_random_uuid()::text || clock_timestamp()::text)::bytea), 'hex');
    ALTER TABLE chat_secrets ALTER COLUMN mail_key DROP DEFAULT;

    ALTER TABLE outbox ADD COLUMN reply_to varchar(320);

    CREATE TABLE visitor_reply_emails (
      conversation_id integer PRIMARY KEY REFERENCES conversations (id),
      emailed_through_seq integer NOT NULL DEFAULT 0,
      pending_since timestamptz
    );
    CREATE INDEX visitor_reply_emails_due ON visitor_reply_emails (pending_since) WHERE pending_since IS NOT NULL;

    -- The first unsent reply starts the batching clock; later ones join the same batch.
    CREATE FUNCTION schedule_visitor_reply_email() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO visitor_reply_emails (conversation_id, pending_since) VALUES (NEW.conversation_id, NEW.created_at)
        ON CONFLICT (conversation_id) DO UPDATE SET pending_since = COALESCE(visitor_reply_emails.pending_since, EXCLUDED.pending_since);
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER messages_schedule_visitor_reply_email AFTER INSERT ON messages
      FOR EACH ROW WHEN (NEW.sender = 'agent' AND NEW.kind = 'text') EXECUTE FUNCTION schedule_visitor_reply_email();

    CREATE TABLE operator_alerts (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      conversation_id integer NOT NULL REFERENCES conversations (id),
      kind varchar(16) NOT NULL CHECK (kind IN ('waiting', 'assigned')),
      last_sent_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, conversation_id, kind)
    );

    CREATE INDEX visitors_email ON visitors (lower(email)) WHERE email IS NOT NULL;
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP INDEX visitors_email;
    DROP TABLE operator_alerts;
    DROP TRIGGER messages_schedule_visitor_reply_email ON messages;
    DROP FUNCTION schedule_visitor_reply_email();
    DROP TABLE visitor_reply_emails;
    ALTER TABLE outbox DROP COLUMN reply_to;
    ALTER TABLE chat_secrets DROP COLUMN mail_key;
  `);
}
