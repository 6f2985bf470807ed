import type { QueryInterface } from 'sequelize';

/**
 * Files sent in chat: uploaded over HTTP into one conversation by a participant, stored under a generated
 * key, then referenced by one message (`messages.attachments`). The id is random and unguessable: its URL is
 * the capability to download it, handed only to the conversation's participants.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE chat_attachments (
      id uuid PRIMARY KEY,
      conversation_id integer NOT NULL REFERENCES conversations (id),
      uploader varchar(8) NOT NULL CHECK (uploader IN ('visitor', 'agent')),
      uploader_user_id integer REFERENCES users (id) ON DELETE SET NULL,
      file_name varchar(200) NOT NULL,
      content_type varchar(100) NOT NULL,
      size integer NOT NULL,
      width integer,
      height integer,
      message_id bigint REFERENCES messages (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX chat_attachments_conversation ON chat_attachments (conversation_id);
    ALTER TABLE messages ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE messages DROP COLUMN attachments; DROP TABLE chat_attachments;');
}
