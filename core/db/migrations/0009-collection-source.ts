import type { QueryInterface } from 'sequelize';

/**
 * Ties collections to the folders they are imported from, so admin changes survive the next import:
 * - `source_kind`: who owns the fields — the `_collection.yml` ('file', kept in step by the importer) or
 *   the admin ('app', left alone by imports), as `articles.source_kind` does for articles;
 * - `source_slug`: the folder name the files use for it (null: created in the admin), so a collection
 *   whose slug was changed in the admin still receives its folder's articles.
 * Every existing collection came from an import.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    ALTER TABLE collections
      ADD COLUMN source_kind varchar(8) NOT NULL DEFAULT 'file' CHECK (source_kind IN ('file', 'app')),
      ADD COLUMN source_slug varchar(200);
    UPDATE collections SET source_slug = slug;
    CREATE UNIQUE INDEX collections_source ON collections (locale, source_slug);
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE collections DROP COLUMN source_slug, DROP COLUMN source_kind');
}
