import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { processImage, mediaUrl, parseMediaUrl, AVATAR_WIDTHS, type ProcessedImage } from '../images.ts';
import { articleUrl } from '../presenters.ts';
import { renderMarkdown, RENDERER_VERSION } from '../render/markdown.ts';
import type { TocEntry } from '../../models/article.ts';
import { loadForeignDocsSupport } from './foreign-docs.ts';
import { rewriteMarkdownRefs } from './markdown-refs.ts';
import { parseArticle, type ParsedArticle, type ParseContext } from './parse-article.ts';
import type { SourceTree } from './read-tree.ts';
import { authorsFileSchema, collectionFileSchema, describeZodError, type CollectionFile } from './schemas.ts';

export interface PreparedCollection extends CollectionFile {
  locale: string;
  slug: string;
  /** False when the collection was created from a folder or frontmatter name without `_collection.yml`. */
  described: boolean;
}

export interface PreparedAuthor {
  email: string;
  name: string;
  avatarUrl?: string;
}

export interface PreparedArticle extends ParsedArticle {
  html: string;
  toc: TocEntry[];
  /** Changes whenever anything that shapes the stored article changes (content, placement, renderer). */
  hash: string;
}

export interface PreparedImport {
  collections: PreparedCollection[];
  authors: PreparedAuthor[];
  articles: PreparedArticle[];
  images: ProcessedImage[];
  /** One line per problem: "<path>: <what is wrong>". */
  problems: string[];
}

export interface PrepareOptions extends Omit<ParseContext, 'transformBody'> {
  mediaDir: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Turns a folder of files into what the database should hold, without touching the database: parses and
 * validates every file, resolves foreign directives, processes images, maps links between files to site
 * URLs and renders the HTML. Bad files become problem lines; the rest goes on.
 */
export async function prepareImport(tree: SourceTree, options: PrepareOptions): Promise<PreparedImport> {
  const problems: string[] = [];
  const collections = prepareCollections(tree, options, problems);
  const authors = await prepareAuthors(tree, options.mediaDir, problems);
  const foreignDocs = loadForeignDocsSupport(tree.auxDirs);

  // First pass: where every file lives, so links between articles can be resolved in the second.
  const placements = tree.articleFiles.flatMap((file) => {
    const result = parseArticle(file, options);
    return result.ok ? [result.article] : [];
  });
  const urlByAbsPath = new Map(placements.map((a) => [a.absPath, articleUrl(a.locale, a.collectionSlug, a.slug)]));
  const urlBySourcePath = new Map<string, string>();
  for (const article of placements) for (const key of sourcePathKeys(article.sourcePath)) urlBySourcePath.set(key, articleUrl(article.locale, article.collectionSlug, article.slug));

  const context: ParseContext = {
    ...options,
    transformBody: (body, file) => foreignDocs.transform(body, file, (target) => urlBySourcePath.get(target)),
  };
  const described = new Set(collections.filter((c) => c.described).map((c) => `${c.locale}/${c.slug}`));
  const seenSlugs = new Map<string, string>();
  const images = new Map<string, ProcessedImage>();
  const articles: PreparedArticle[] = [];

  for (const [index, file] of tree.articleFiles.entries()) {
    options.onProgress?.(index + 1, tree.articleFiles.length);
    const result = parseArticle(file, context);
    if (!result.ok) {
      problems.push(`${file.relPath}: ${result.problem}`);
      continue;
    }
    const article = result.article;
    const key = `${article.locale}/${article.slug}`;
    if (described.size > 0 && !described.has(`${article.locale}/${article.collectionSlug}`)) {
      problems.push(`${file.relPath}: unknown collection "${article.collectionSlug}" (no ${article.locale}/${article.collectionSlug}/_collection.yml)`);
      continue;
    }
    if (seenSlugs.has(key)) {
      problems.push(`${file.relPath}: duplicate slug "${article.slug}" in ${article.locale} (already used by ${seenSlugs.get(key)})`);
      continue;
    }
    seenSlugs.set(key, file.relPath);
    ensureCollection(collections, article);
    const warnings = [...result.warnings];
    const body = await resolveRefs(article, { urlByAbsPath, images, mediaDir: options.mediaDir, warnings, root: tree.root });
    const rendered = renderMarkdown(body, { image: (src) => lookupImage(images, src) });
    for (const warning of new Set(warnings)) problems.push(`${file.relPath}: ${warning}`);
    const prepared = { ...article, body, ...rendered };
    articles.push({ ...prepared, hash: hashArticle(prepared) });
  }
  return { collections, authors, articles, images: [...images.values()], problems };
}

/** `_collection.yml` files: the folder is the slug, an `en`/`ru` path segment the locale. */
function prepareCollections(tree: SourceTree, options: PrepareOptions, problems: string[]): PreparedCollection[] {
  const collections: PreparedCollection[] = [];
  for (const file of tree.collectionFiles) {
    const folders = file.relPath.split('/').slice(0, -1);
    const slug = folders.at(-1)!;
    const locale = folders.find((folder) => options.locales.includes(folder)) ?? options.defaultLocale;
    let data: unknown;
    try {
      data = parseYaml(file.text);
    } catch (error) {
      problems.push(`${file.relPath}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    const parsed = collectionFileSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(`${file.relPath}: ${describeZodError(parsed.error)}`);
      continue;
    }
    collections.push({ ...parsed.data, locale, slug, described: true });
  }
  return collections;
}

/** Foreign docs name collections without describing them: create one titled after its slug. */
function ensureCollection(collections: PreparedCollection[], article: ParsedArticle): void {
  if (collections.some((c) => c.locale === article.locale && c.slug === article.collectionSlug)) return;
  const words = article.collectionSlug.replace(/[-_]+/g, ' ');
  collections.push({
    locale: article.locale,
    slug: article.collectionSlug,
    title: words.charAt(0).toUpperCase() + words.slice(1),
    description: '',
    icon: '📄',
    order: collections.length,
    described: false,
  });
}

async function prepareAuthors(tree: SourceTree, mediaDir: string, problems: string[]): Promise<PreparedAuthor[]> {
  if (!tree.authorsFile) return [];
  const parsed = authorsFileSchema.safeParse(parseYaml(tree.authorsFile.text));
  if (!parsed.success) {
    problems.push(`authors.yml: ${describeZodError(parsed.error)}`);
    return [];
  }
  return Promise.all(
    parsed.data.map(async (author) => {
      if (!author.avatar) return { email: author.email, name: author.name };
      try {
        const image = await processImage(await readFile(path.join(tree.root, author.avatar)), mediaDir, AVATAR_WIDTHS);
        return { email: author.email, name: author.name, avatarUrl: mediaUrl(image.hash, image.variantWidths.at(-1)!) };
      } catch (error) {
        problems.push(`authors.yml: avatar of ${author.email}: ${(error as Error).message}`);
        return { email: author.email, name: author.name };
      }
    }),
  );
}

interface RefContext {
  urlByAbsPath: Map<string, string>;
  images: Map<string, ProcessedImage>;
  mediaDir: string;
  warnings: string[];
  root: string;
}

/**
 * Relative links to other markdown files become site URLs; local images are processed and point at their
 * WebP variants. What cannot be resolved keeps its readable text and becomes a warning.
 */
async function resolveRefs(article: ParsedArticle, context: RefContext): Promise<string> {
  const dir = path.dirname(article.absPath);
  const pending = new Map<string, Promise<string | undefined>>();
  const isLocal = (target: string) => !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(target);
  rewriteMarkdownRefs(article.body, (ref) => {
    if (ref.kind === 'image' && isLocal(ref.target) && !pending.has(ref.target)) pending.set(ref.target, localImage(path.resolve(dir, decodeURI(ref.target)), context));
    return undefined;
  });
  const imageUrls = new Map<string, string | undefined>();
  for (const [target, url] of pending) imageUrls.set(target, await url);

  return rewriteMarkdownRefs(article.body, (ref) => {
    if (!isLocal(ref.target)) return undefined;
    if (ref.kind === 'image') {
      const url = imageUrls.get(ref.target);
      if (url) return `![${ref.text}](${url}${ref.title ? ` "${ref.title}"` : ''})`;
      context.warnings.push(`image not found: ${ref.target}`);
      return ref.text;
    }
    const [filePart = '', anchor] = ref.target.split('#');
    if (!filePart.endsWith('.md')) return undefined;
    const url = context.urlByAbsPath.get(path.resolve(dir, decodeURI(filePart)));
    if (url) return `[${ref.text}](${url}${anchor ? `#${anchor}` : ''})`;
    context.warnings.push(`link to a missing article: ${filePart}`);
    return ref.text;
  });
}

async function localImage(absPath: string, context: RefContext): Promise<string | undefined> {
  if (!absPath.startsWith(context.root + path.sep)) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch {
    return undefined;
  }
  try {
    const image = await processImage(bytes, context.mediaDir);
    context.images.set(image.hash, image);
    return mediaUrl(image.hash, image.variantWidths.at(-1)!);
  } catch (error) {
    context.warnings.push(`image ${path.basename(absPath)} refused: ${(error as Error).message}`);
    return undefined;
  }
}

function lookupImage(images: Map<string, ProcessedImage>, src: string) {
  const parsed = parseMediaUrl(src);
  const image = parsed && images.get(parsed.hash);
  return image && { ...image, urlFor: (width: number) => mediaUrl(image.hash, width) };
}


/** Foreign links name an article by its path without `.md`, or by its folder when the file repeats the folder name. */
function sourcePathKeys(sourcePath: string): string[] {
  const withoutExt = sourcePath.replace(/\.md$/, '');
  const parts = withoutExt.split('/');
  const keys = [withoutExt];
  if (parts.length > 1 && parts.at(-1) === parts.at(-2)) keys.push(parts.slice(0, -1).join('/'));
  if (parts.at(-1) === 'index') keys.push(parts.slice(0, -1).join('/'));
  return keys;
}

function hashArticle(article: Omit<PreparedArticle, 'hash'>): string {
  const { absPath: _absPath, toc: _toc, html: _html, ...content } = article;
  return createHash('sha256').update(JSON.stringify({ RENDERER_VERSION, content })).digest('hex');
}
