import type { QueryInterface } from 'sequelize';

/**
 * How the help-center widget offers the chat: `chat_articles` (home and chat), `articles_first` (the chat
 * is offered once the visitor has searched or opened an article) or `articles_only` (no chat at all).
 * A column of the one settings row, like the rest of the site's branding, read with it on every page.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE settings ADD COLUMN widget_mode varchar(16) NOT NULL DEFAULT 'chat_articles'
      CHECK (widget_mode IN ('chat_articles', 'articles_first', 'articles_only'))
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE settings DROP COLUMN widget_mode');
}
