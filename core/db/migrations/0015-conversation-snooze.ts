import type { QueryInterface } from 'sequelize';

/**
 * Snooze: an operator puts a conversation aside until a time (`snoozed_until`, with `snoozed_at` for when).
 * It leaves the inbox lists until then — or until the visitor writes again: a trigger clears the snooze in
 * the same statement that stores the visitor's message, so a reply is never left hidden, whichever code path
 * (or instance) stored it. Expired snoozes are cleared by the chat server's waker (see snooze-waker.ts); until
 * it runs, the inbox query already treats them as awake.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE conversations
      ADD COLUMN snoozed_until timestamptz,
      ADD COLUMN snoozed_at timestamptz;
    CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE snoozed_until IS NOT NULL;

    CREATE FUNCTION wake_snoozed_conversation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE conversations SET snoozed_until = NULL, snoozed_at = NULL
        WHERE id = NEW.conversation_id AND snoozed_until IS NOT NULL;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER messages_wake_snoozed AFTER INSERT ON messages
      FOR EACH ROW WHEN (NEW.sender = 'visitor') EXECUTE FUNCTION wake_snoozed_conversation();
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TRIGGER messages_wake_snoozed ON messages;
    DROP FUNCTION wake_snoozed_conversation();
    DROP INDEX conversations_snoozed;
    ALTER TABLE conversations DROP COLUMN snoozed_until, DROP COLUMN snoozed_at;
  `);
}
