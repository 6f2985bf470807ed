import type { QueryInterface } from 'sequelize';

/**
 * Article history and unsaved work. `articles.version` is the number of the latest version: a save names the
 * version it started from, so a save based on an older one is a conflict instead of a silent overwrite.
 * Every existing article gets its current content as version 1. Autosaves hold what an editor typed but has
 * not saved yet, one per person and article, so a reload or a crash loses nothing and two editors never
 * overwrite each other's unsaved text.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE articles ADD COLUMN version integer NOT NULL DEFAULT 1;

    CREATE TABLE article_versions (
      id serial PRIMARY KEY,
      article_id integer NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      number integer NOT NULL,
      title varchar(300) NOT NULL,
      description text NOT NULL,
      body text NOT NULL,
      tags varchar(100)[] NOT NULL,
      editor_id integer REFERENCES users (id) ON DELETE SET NULL,
      editor_label varchar(320) NOT NULL,
      source varchar(16) NOT NULL CHECK (source IN ('import', 'editor', 'restore')),
      restored_from integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (article_id, number)
    );
    INSERT INTO article_versions (article_id, number, title, description, body, tags, editor_label, source, created_at)
      SELECT id, 1, title, description, body, tags, 'import', 'import', updated_at FROM articles;

    CREATE TABLE article_autosaves (
      article_id integer NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      base_version integer NOT NULL,
      title varchar(300) NOT NULL,
      description text NOT NULL,
      body text NOT NULL,
      tags varchar(100)[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, user_id)
    );
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TABLE article_autosaves, article_versions;
    ALTER TABLE articles DROP COLUMN version;
  `);
}
