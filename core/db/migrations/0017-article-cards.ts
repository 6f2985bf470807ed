import type { QueryInterface } from 'sequelize';

/**
 * Article cards: a message may carry one help-center article (id, title, description, url, locale), chosen
 * by an operator and checked to be published before it is stored. The card is a snapshot taken when it was
 * sent, so the timeline reads the same later; opening it fetches the article as it is now. The card goes
 * through \`post_chat_message\` with the rest of the message, so the dedupe by client id and the ack after
 * the commit hold for cards as for text.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE messages ADD COLUMN card jsonb;
    CREATE OR REPLACE FUNCTION post_chat_message(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
    DECLARE
      c conversations;
      m messages;
      spoken boolean := (p->>'kind') = 'text';
      from_visitor boolean := (p->>'sender') = 'visitor';
      from_agent boolean := (p->>'sender') = 'agent';
    BEGIN
      SELECT * INTO m FROM messages WHERE client_id = (p->>'clientId')::uuid;
      IF FOUND THEN
        IF p ? 'visitorId' AND NOT EXISTS (SELECT 1 FROM conversations WHERE id = m.conversation_id AND visitor_id = (p->>'visitorId')::uuid) THEN
          RETURN jsonb_build_object('outcome', 'not_found');
        END IF;
        IF m.conversation_id <> (p->>'conversationId')::int OR m.sender <> (p->>'sender') OR m.sender_user_id IS DISTINCT FROM (p->>'senderUserId')::int THEN
          RETURN jsonb_build_object('outcome', 'duplicate_id');
        END IF;
        RETURN jsonb_build_object('outcome', 'duplicate', 'message', to_jsonb(m));
      END IF;
      SELECT * INTO c FROM conversations WHERE id = (p->>'conversationId')::int FOR UPDATE;
      IF NOT FOUND OR (p ? 'visitorId' AND c.visitor_id <> (p->>'visitorId')::uuid) THEN
        RETURN jsonb_build_object('outcome', 'not_found');
      END IF;
      IF p ? 'setStatus' AND c.status = (p->>'setStatus') THEN
        RETURN jsonb_build_object('outcome', 'unchanged', 'conversation', to_jsonb(c));
      END IF;
      INSERT INTO messages (conversation_id, seq, client_id, sender, sender_user_id, kind, body, attachments, card)
        VALUES (c.id, c.last_seq + 1, (p->>'clientId')::uuid, p->>'sender', (p->>'senderUserId')::int, p->>'kind', p->>'body', COALESCE(p->'attachments', '[]'),
                NULLIF(p->'card', 'null'::jsonb))
        RETURNING * INTO m;
      -- Each uploaded file goes out with one message only; a file claimed meanwhile fails the whole post.
      IF jsonb_array_length(m.attachments) > 0 THEN
        UPDATE chat_attachments SET message_id = m.id
          WHERE id IN (SELECT (a->>'id')::uuid FROM jsonb_array_elements(m.attachments) a) AND message_id IS NULL;
        IF NOT FOUND OR (SELECT count(*) FROM chat_attachments WHERE message_id = m.id) <> jsonb_array_length(m.attachments) THEN
          RAISE EXCEPTION 'attachment already sent';
        END IF;
      END IF;
      UPDATE conversations SET
          last_seq = m.seq,
          last_message_at = CASE WHEN spoken THEN m.created_at ELSE last_message_at END,
          -- The visitor waits from their first unanswered message until the team replies.
          waiting_since = CASE
            WHEN spoken AND from_visitor AND waiting_since IS NULL THEN m.created_at
            WHEN (spoken AND from_agent) OR (p->>'setStatus') = 'closed' THEN NULL
            ELSE waiting_since END,
          agent_seen_seq = CASE WHEN spoken AND from_agent THEN m.seq ELSE agent_seen_seq END,
          visitor_seen_seq = CASE WHEN from_visitor THEN m.seq ELSE visitor_seen_seq END,
          -- A visitor writing into a closed conversation reopens it.
          status = CASE WHEN p ? 'setStatus' THEN p->>'setStatus' WHEN spoken AND from_visitor THEN 'open' ELSE status END,
          -- The first operator to reply to an unassigned conversation becomes its owner.
          assignee_id = CASE
            WHEN p ? 'setAssignee' THEN (p->>'setAssignee')::int
            WHEN spoken AND from_agent AND assignee_id IS NULL THEN m.sender_user_id
            ELSE assignee_id END,
          updated_at = now()
        WHERE id = c.id
        RETURNING * INTO c;
      RETURN jsonb_build_object('outcome', 'created', 'message', to_jsonb(m), 'conversation', to_jsonb(c));
    END;
    $$;
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE OR REPLACE FUNCTION post_chat_message(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
    DECLARE
      c conversations;
      m messages;
      spoken boolean := (p->>'kind') = 'text';
      from_visitor boolean := (p->>'sender') = 'visitor';
      from_agent boolean := (p->>'sender') = 'agent';
    BEGIN
      SELECT * INTO m FROM messages WHERE client_id = (p->>'clientId')::uuid;
      IF FOUND THEN
        IF p ? 'visitorId' AND NOT EXISTS (SELECT 1 FROM conversations WHERE id = m.conversation_id AND visitor_id = (p->>'visitorId')::uuid) THEN
          RETURN jsonb_build_object('outcome', 'not_found');
        END IF;
        IF m.conversation_id <> (p->>'conversationId')::int OR m.sender <> (p->>'sender') OR m.sender_user_id IS DISTINCT FROM (p->>'senderUserId')::int THEN
          RETURN jsonb_build_object('outcome', 'duplicate_id');
        END IF;
        RETURN jsonb_build_object('outcome', 'duplicate', 'message', to_jsonb(m));
      END IF;
      SELECT * INTO c FROM conversations WHERE id = (p->>'conversationId')::int FOR UPDATE;
      IF NOT FOUND OR (p ? 'visitorId' AND c.visitor_id <> (p->>'visitorId')::uuid) THEN
        RETURN jsonb_build_object('outcome', 'not_found');
      END IF;
      IF p ? 'setStatus' AND c.status = (p->>'setStatus') THEN
        RETURN jsonb_build_object('outcome', 'unchanged', 'conversation', to_jsonb(c));
      END IF;
      INSERT INTO messages (conversation_id, seq, client_id, sender, sender_user_id, kind, body, attachments)
        VALUES (c.id, c.last_seq + 1, (p->>'clientId')::uuid, p->>'sender', (p->>'senderUserId')::int, p->>'kind', p->>'body', COALESCE(p->'attachments', '[]'))
        RETURNING * INTO m;
      -- Each uploaded file goes out with one message only; a file claimed meanwhile fails the whole post.
      IF jsonb_array_length(m.attachments) > 0 THEN
        UPDATE chat_attachments SET message_id = m.id
          WHERE id IN (SELECT (a->>'id')::uuid FROM jsonb_array_elements(m.attachments) a) AND message_id IS NULL;
        IF NOT FOUND OR (SELECT count(*) FROM chat_attachments WHERE message_id = m.id) <> jsonb_array_length(m.attachments) THEN
          RAISE EXCEPTION 'attachment already sent';
        END IF;
      END IF;
      UPDATE conversations SET
          last_seq = m.seq,
          last_message_at = CASE WHEN spoken THEN m.created_at ELSE last_message_at END,
          -- The visitor waits from their first unanswered message until the team replies.
          waiting_since = CASE
            WHEN spoken AND from_visitor AND waiting_since IS NULL THEN m.created_at
            WHEN (spoken AND from_agent) OR (p->>'setStatus') = 'closed' THEN NULL
            ELSE waiting_since END,
          agent_seen_seq = CASE WHEN spoken AND from_agent THEN m.seq ELSE agent_seen_seq END,
          visitor_seen_seq = CASE WHEN from_visitor THEN m.seq ELSE visitor_seen_seq END,
          -- A visitor writing into a closed conversation reopens it.
          status = CASE WHEN p ? 'setStatus' THEN p->>'setStatus' WHEN spoken AND from_visitor THEN 'open' ELSE status END,
          -- The first operator to reply to an unassigned conversation becomes its owner.
          assignee_id = CASE
            WHEN p ? 'setAssignee' THEN (p->>'setAssignee')::int
            WHEN spoken AND from_agent AND assignee_id IS NULL THEN m.sender_user_id
            ELSE assignee_id END,
          updated_at = now()
        WHERE id = c.id
        RETURNING * INTO c;
      RETURN jsonb_build_object('outcome', 'created', 'message', to_jsonb(m), 'conversation', to_jsonb(c));
    END;
    $$;
    ALTER TABLE messages DROP COLUMN card;
  `);
}
