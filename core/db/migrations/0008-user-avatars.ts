import type { QueryInterface } from 'sequelize';

/**
 * A staff member's own avatar (the URL of its processed WebP, like authors' and the logo). A user linked to
 * an author passes it on to the author, so article bylines show it.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE users ADD COLUMN avatar_url varchar(500)');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE users DROP COLUMN avatar_url');
}
