import path from 'node:path';
import { splitFrontmatter } from './frontmatter.ts';
import { articleFrontmatterSchema, describeZodError } from './schemas.ts';
import type { SourceFile } from './read-tree.ts';

/** An article file understood: where it belongs and what it says, before anything touches the database. */
export interface ParsedArticle {
  relPath: string;
  absPath: string;
  locale: string;
  collectionSlug: string;
  slug: string;
  title: string;
  description: string;
  authorRef?: string;
  tags: string[];
  order: number;
  translationKey: string;
  draft: boolean;
  /** Markdown body without frontmatter and without the leading `#` title. */
  body: string;
  /** The path other docs tools know the file by (frontmatter `source_path`), for includes and links. */
  sourcePath: string;
}

export interface ParseContext {
  locales: readonly string[];
  defaultLocale: string;
  /** Turns a foreign docs dialect into plain markdown before the title is read; returns what it could not resolve. */
  transformBody?: (body: string, file: { sourcePath: string; locale: string }) => { markdown: string; problems: string[] };
}

/** A parsed article may come with warnings: things left out, while the rest imports. */
export type ParseResult = { ok: true; article: ParsedArticle; warnings: string[] } | { ok: false; problem: string };

/**
 * Reads one article file: our frontmatter when present, otherwise conventions that fit an existing docs
 * folder (title from the first `#` heading or the file name, collection from the parent folder, locale
 * from an `en/`/`ru/` path segment or the default).
 */
export function parseArticle(file: SourceFile, context: ParseContext): ParseResult {
  let split;
  try {
    split = splitFrontmatter(file.text);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const parsed = articleFrontmatterSchema.safeParse(split.data);
  if (!parsed.success) return { ok: false, problem: `invalid frontmatter: ${describeZodError(parsed.error)}` };
  const front = parsed.data;

  const folders = file.relPath.split('/').slice(0, -1);
  const locale = front.locale ?? front.lang ?? folders.find((folder) => context.locales.includes(folder)) ?? context.defaultLocale;
  if (!context.locales.includes(locale)) return { ok: false, problem: `unknown locale "${locale}" (known: ${context.locales.join(', ')})` };

  const parentFolder = folders.at(-1);
  const collectionSlug = front.collection ?? (parentFolder && !context.locales.includes(parentFolder) ? parentFolder : undefined);
  if (!collectionSlug) return { ok: false, problem: 'no collection: set `collection` in the frontmatter or put the file in a collection folder' };

  const sourcePath = front.source_path ?? file.relPath;
  const transformed = context.transformBody?.(split.body, { sourcePath, locale }) ?? { markdown: split.body, problems: [] };
  const { title: headingTitle, body } = takeLeadingHeading(transformed.markdown);
  const fileSlug = path.basename(file.relPath, '.md');
  const slug = front.slug ?? slugFromFileName(fileSlug);
  if (!slug) return { ok: false, problem: 'cannot derive a slug from the file name: set `slug` in the frontmatter' };

  return {
    ok: true,
    article: {
      relPath: file.relPath,
      absPath: file.absPath,
      locale,
      collectionSlug,
      slug,
      title: front.title ?? headingTitle ?? titleFromFileName(fileSlug),
      description: front.description ?? '',
      ...(front.author ? { authorRef: front.author } : {}),
      tags: [...new Set((front.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
      order: front.order ?? 0,
      translationKey: front.translation ?? `${collectionSlug}/${slug}`,
      draft: front.draft ?? false,
      body,
      sourcePath,
    },
    warnings: transformed.problems,
  };
}

/** The page renders the title itself, so a leading `# Title` is taken as the title and removed from the body. */
function takeLeadingHeading(body: string): { title?: string; body: string } {
  const match = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(body);
  if (!match) return { body };
  return { title: match[1]!.trim(), body: body.slice(match[0].length) };
}

function slugFromFileName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function titleFromFileName(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
