import type { QueryInterface } from 'sequelize';

/**
 * Chat: visitors, conversations and their messages. Each message has the sender's UUID (a resend is the same
 * message) and a per-conversation sequence number (clients catch up with "everything after N"). Conversations
 * and messages can't be deleted: a trigger refuses it. (Attachments arrive in a later migration; the
 * function below reads their column and table at run time.) `chat_secrets` holds the keys that sign visitor tokens
 * and verify host-site identities, generated once so every instance shares them.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE chat_secrets (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      visitor_token_key char(64) NOT NULL,
      identity_key char(64) NOT NULL
    );
    INSERT INTO chat_secrets (visitor_token_key, identity_key)
      VALUES (encode(sha256((gen_random_uuid()::text || clock_timestamp()::text)::bytea), 'hex'),
              encode(sha256((gen_random_uuid()::text || clock_timestamp()::text)::bytea), 'hex'));

    CREATE TABLE visitors (
      id uuid PRIMARY KEY,
      external_id varchar(200) UNIQUE,
      name varchar(200),
      email varchar(320),
      locale varchar(8),
      time_zone varchar(64),
      context jsonb NOT NULL DEFAULT '{}',
      last_seen_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE conversations (
      id serial PRIMARY KEY,
      visitor_id uuid NOT NULL REFERENCES visitors (id),
      status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      assignee_id integer REFERENCES users (id) ON DELETE SET NULL,
      origin jsonb NOT NULL DEFAULT '{"kind": "launcher"}',
      last_seq integer NOT NULL DEFAULT 0,
      visitor_seen_seq integer NOT NULL DEFAULT 0,
      agent_seen_seq integer NOT NULL DEFAULT 0,
      last_message_at timestamptz,
      waiting_since timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX conversations_visitor ON conversations (visitor_id, created_at DESC);
    CREATE INDEX conversations_inbox ON conversations (status, assignee_id, waiting_since);

    CREATE TABLE messages (
      id bigserial PRIMARY KEY,
      conversation_id integer NOT NULL REFERENCES conversations (id),
      seq integer NOT NULL,
      client_id uuid NOT NULL UNIQUE,
      sender varchar(16) NOT NULL CHECK (sender IN ('visitor', 'agent', 'system')),
      sender_user_id integer REFERENCES users (id) ON DELETE SET NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('text', 'note', 'event')),
      body text NOT NULL CHECK (length(body) <= 5000),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, seq)
    );

    CREATE FUNCTION refuse_chat_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'conversations and messages cannot be deleted';
    END;
    $$;
    CREATE TRIGGER conversations_no_delete BEFORE DELETE OR TRUNCATE ON conversations FOR EACH STATEMENT EXECUTE FUNCTION refuse_chat_delete();
    CREATE TRIGGER messages_no_delete BEFORE DELETE OR TRUNCATE ON messages FOR EACH STATEMENT EXECUTE FUNCTION refuse_chat_delete();

    -- Posts one message in one round trip (the chat's hot path): a resent client id returns the original;
    -- otherwise the conversation row is locked, the message gets the next sequence number, and the
    -- conversation's counters (and, for timeline events, its status or assignee) change with it.
    CREATE FUNCTION post_chat_message(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
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

    -- Packets too large for a NOTIFY payload, for the socket.io Postgres adapter (several instances).
    CREATE TABLE socket_io_attachments (
      id bigserial UNIQUE,
      created_at timestamptz DEFAULT now(),
      payload bytea
    );
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TABLE socket_io_attachments, messages, conversations, visitors, chat_secrets;
    DROP FUNCTION refuse_chat_delete(), post_chat_message(jsonb);
  `);
}
