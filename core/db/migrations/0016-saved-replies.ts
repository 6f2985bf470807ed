import type { QueryInterface } from 'sequelize';

/**
 * Saved replies: answers operators use again and again, typed as `/shortcut` in the composer. One library
 * shared by the whole team (the same answer reads the same whoever sends it); who created and last changed
 * each one is kept. A shortcut is unique regardless of case, so `/Refund` and `/refund` never compete.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE saved_replies (
      id serial PRIMARY KEY,
      title varchar(200) NOT NULL,
      shortcut varchar(50) NOT NULL,
      body text NOT NULL CHECK (length(body) <= 5000),
      created_by_id integer REFERENCES users (id) ON DELETE SET NULL,
      updated_by_id integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX saved_replies_shortcut ON saved_replies (lower(shortcut));
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP TABLE saved_replies');
}
