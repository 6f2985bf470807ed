import type { QueryInterface } from 'sequelize';

/**
 * Chat: visitors, conversations and their messages. Each message has the sender's UUID (a resend is the same
 * message) and a per-conversation sequence number (clients catch up with "everything after N"). Conversations
 * and messages can't be deleted: a trigger refuses it. `chat_secrets` holds the keys that sign visitor tokens
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
    DROP FUNCTION refuse_chat_delete();
  `);
}
