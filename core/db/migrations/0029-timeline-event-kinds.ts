import type { QueryInterface } from 'sequelize';

/**
 * Timeline events say what happened as data too (`messages.event`: `{ "type": "assigned", "name": "Olga" }`,
 * `{ "type": "closed" }`, …; see core/chat/timeline-events.ts), so the widget can word them in the visitor's
 * language and leave out what is internal (who clicked, the routing strategy); `body` stays the operators'
 * English line. The column goes through `post_chat_message` with the rest of the message: the function is
 * changed in place — its INSERT gains the column — rather than copied whole once more; each step checks it
 * found the text it changes, so a function that differs from 0017's fails here loudly.
 * Events stored before this migration get their kind from their (always English) text where it is certain.
 */
const PATCH = (from: string, to: string) => `
  DO $patch$
  DECLARE
    definition text := pg_get_functiondef('post_chat_message(jsonb)'::regprocedure);
  BEGIN
    IF position(${quote(from)} IN definition) = 0 THEN
      RAISE EXCEPTION 'post_chat_message is not the version this migration changes';
    END IF;
    EXECUTE replace(definition, ${quote(from)}, ${quote(to)});
  END
  $patch$;`;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

const INSERT_BEFORE = `body, attachments, card)
        VALUES (c.id, c.last_seq + 1, (p->>'clientId')::uuid, p->>'sender', (p->>'senderUserId')::int, p->>'kind', p->>'body', COALESCE(p->'attachments', '[]'),
                NULLIF(p->'card', 'null'::jsonb))`;
const INSERT_AFTER = `body, attachments, card, event)
        VALUES (c.id, c.last_seq + 1, (p->>'clientId')::uuid, p->>'sender', (p->>'senderUserId')::int, p->>'kind', p->>'body', COALESCE(p->'attachments', '[]'),
                NULLIF(p->'card', 'null'::jsonb), NULLIF(p->'event', 'null'::jsonb))`;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE messages ADD COLUMN event jsonb;
    ${PATCH(INSERT_BEFORE, INSERT_AFTER)}
    UPDATE messages SET event = CASE
        WHEN body LIKE 'Closed by %' THEN '{"type": "closed"}'::jsonb
        WHEN body LIKE 'Reopened by %' THEN '{"type": "reopened"}'::jsonb
        WHEN body LIKE 'Moved to the % queue by %' OR body LIKE 'Unassigned by %' THEN '{"type": "team"}'::jsonb
        WHEN body = 'Resolved by an article the answer bot offered' THEN '{"type": "bot_helped"}'::jsonb
        WHEN body = 'The visitor still needs help: passed to the team' THEN '{"type": "bot_escalated"}'::jsonb
        WHEN body LIKE 'Claimed by %' THEN jsonb_build_object('type', 'assigned', 'name', substr(body, length('Claimed by ') + 1))
        WHEN body LIKE 'Visitor rated 😞%' THEN '{"type": "rated", "score": "sad"}'::jsonb
        WHEN body LIKE 'Visitor rated 😐%' THEN '{"type": "rated", "score": "neutral"}'::jsonb
        WHEN body LIKE 'Visitor rated 😃%' THEN '{"type": "rated", "score": "happy"}'::jsonb
      END
     WHERE kind = 'event';
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ${PATCH(INSERT_AFTER, INSERT_BEFORE)}
    ALTER TABLE messages DROP COLUMN event;
  `);
}
