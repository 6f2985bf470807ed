import type { QueryInterface } from 'sequelize';

/**
 * The mail outbox and password-reset links. A mail is a row written in the same transaction as the change
 * that caused it, so it is sent exactly when that change commits; the worker claims due rows (see
 * core/mail/mail-worker.ts). `send_after` is both the retry schedule and the claim: a worker pushes it
 * forward while it sends, so no other instance takes the row meanwhile. Reset tokens are stored only as
 * SHA-256 hashes, like every other token.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      recipient varchar(320) NOT NULL,
      subject varchar(500) NOT NULL,
      text text NOT NULL,
      html text,
      status varchar(8) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      send_after timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX outbox_due ON outbox (send_after, id) WHERE status = 'queued';

    CREATE TABLE password_resets (
      token_hash char(64) PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_resets_user ON password_resets (user_id);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE password_resets, outbox;');
}
