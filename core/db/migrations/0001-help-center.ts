import type { QueryInterface } from 'sequelize';

/**
 * Locales, settings, authors, collections, articles and processed images: the help center's content.
 * Written as one SQL string: PostgreSQL runs a multi-statement query as one transaction, so a failed
 * migration leaves nothing half-applied.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    CREATE TABLE locales (
      code varchar(8) PRIMARY KEY,
      name varchar(64) NOT NULL,
      position integer NOT NULL DEFAULT 0
    );
    INSERT INTO locales (code, name, position) VALUES ('en', 'English', 0), ('ru', 'Русский', 1);

    CREATE TABLE settings (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      site_name varchar(120) NOT NULL,
      logo_url varchar(500),
      accent_color varchar(7) NOT NULL,
      default_locale varchar(8) NOT NULL REFERENCES locales (code),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO settings (id, site_name, accent_color, default_locale) VALUES (1, 'Acme Help', '#4f46e5', 'en');

    CREATE TABLE authors (
      id serial PRIMARY KEY,
      email varchar(320) UNIQUE,
      name varchar(200) NOT NULL,
      avatar_url varchar(500),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE collections (
      id serial PRIMARY KEY,
      locale varchar(8) NOT NULL REFERENCES locales (code),
      slug varchar(200) NOT NULL,
      translation_key varchar(200) NOT NULL,
      title varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      icon varchar(16) NOT NULL DEFAULT '📄',
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (locale, slug)
    );
    CREATE INDEX collections_translation_key ON collections (translation_key);

    CREATE TYPE article_status AS ENUM ('draft', 'published');
    CREATE TYPE article_source_kind AS ENUM ('file', 'app');
    CREATE TABLE articles (
      id serial PRIMARY KEY,
      locale varchar(8) NOT NULL REFERENCES locales (code),
      slug varchar(200) NOT NULL,
      collection_id integer NOT NULL REFERENCES collections (id),
      author_id integer REFERENCES authors (id) ON DELETE SET NULL,
      translation_key varchar(300) NOT NULL,
      title varchar(300) NOT NULL,
      description text NOT NULL DEFAULT '',
      body text NOT NULL,
      html text NOT NULL,
      toc jsonb NOT NULL DEFAULT '[]',
      tags varchar(100)[] NOT NULL DEFAULT '{}',
      status article_status NOT NULL DEFAULT 'draft',
      position integer NOT NULL DEFAULT 0,
      view_count integer NOT NULL DEFAULT 0,
      source_kind article_source_kind NOT NULL DEFAULT 'app',
      source_root varchar(500),
      source_path varchar(500),
      source_hash varchar(64),
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (locale, slug),
      UNIQUE (source_root, source_path)
    );
    CREATE INDEX articles_collection_listing ON articles (collection_id, status, position);
    CREATE INDEX articles_translation_key ON articles (translation_key);
    CREATE INDEX articles_popular ON articles (locale, status, view_count DESC);

    CREATE TABLE images (
      id serial PRIMARY KEY,
      hash varchar(64) NOT NULL UNIQUE,
      width integer NOT NULL,
      height integer NOT NULL,
      variant_widths integer[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query(`
    DROP TABLE images, articles, collections, authors, settings, locales;
    DROP TYPE article_status, article_source_kind;
  `);
}
