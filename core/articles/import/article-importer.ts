import path from 'node:path';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { EventBus } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import { Article, ArticleVersion, Author, Collection, Image, Locale, Settings, User } from '../../models/index.ts';
import { prepareImport, type PreparedArticle, type PreparedImport } from './prepare-import.ts';
import { readSourceTree } from './read-tree.ts';

export interface ImportReport {
  root: string;
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Articles whose file disappeared since the last import of this folder: unpublished, never deleted. */
  unpublished: number;
  problems: string[];
  durationMs: number;
}

export interface ImportProps {
  sequelize: Sequelize;
  events: EventBus;
  logger: Logger;
  /** Absolute path of the folder to import. */
  dir: string;
  mediaDir: string;
}

/**
 * Syncs a folder of markdown into the database, idempotently: an article is keyed by its folder and path,
 * changed files update it, unchanged files are skipped, files that are gone unpublish it. Bad files are
 * reported (one line each) and skipped; they never stop the import.
 */
export default async function articleImporter({ sequelize, events, logger, dir, mediaDir }: ImportProps): Promise<ImportReport> {
  const started = performance.now();
  const root = sourceRootLabel(dir);
  const tree = await readSourceTree(dir);
  const locales = (await Locale.findAll({ order: [['position', 'ASC']] })).map((locale) => locale.code);
  const settings = await Settings.findByPk(1, { rejectOnEmpty: true });
  let lastLogged = 0;
  const prepared = await prepareImport(tree, {
    locales,
    defaultLocale: settings.defaultLocale,
    mediaDir,
    onProgress: (done, total) => {
      if (total >= 200 && (done - lastLogged >= 250 || done === total)) {
        lastLogged = done;
        logger.info(`import: ${done}/${total} files`);
      }
    },
  });
  const counts = await sequelize.transaction((transaction) => persist(prepared, root, transaction));
  const report: ImportReport = {
    root,
    files: tree.articleFiles.length,
    ...counts,
    problems: [...prepared.problems, ...counts.problems],
    durationMs: Math.round(performance.now() - started),
  };
  if (counts.changedIds.length > 0) events.emit('content.changed', { articleIds: counts.changedIds, reason: 'import' });
  return report;
}

/** Articles are keyed by the folder they came from, written relative to the working directory when inside it. */
function sourceRootLabel(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : dir;
}

async function persist(prepared: PreparedImport, root: string, transaction: Transaction) {
  await Image.bulkCreate(
    prepared.images.map(({ hash, width, height, variantWidths }) => ({ hash, width, height, variantWidths })),
    { ignoreDuplicates: true, transaction },
  );
  const authorIds = await upsertAuthors(prepared, transaction);
  const counts = { created: 0, updated: 0, unchanged: 0, unpublished: 0, problems: [] as string[], changedIds: [] as number[] };
  const versions: Array<ReturnType<typeof importedVersion>> = [];
  const collectionIds = await upsertCollections(prepared, transaction, counts.problems);
  const existing = await Article.findAll({
    attributes: ['id', 'locale', 'slug', 'sourceKind', 'sourceRoot', 'sourcePath', 'sourceHash', 'status', 'version'],
    transaction,
  });
  const bySource = new Map(existing.filter((a) => a.sourceRoot === root).map((a) => [a.sourcePath, a]));
  const bySlug = new Map(existing.map((a) => [`${a.locale}/${a.slug}`, a]));

  for (const article of prepared.articles) {
    const current = bySource.get(article.relPath);
    const slugOwner = bySlug.get(`${article.locale}/${article.slug}`);
    if (slugOwner && slugOwner !== current) {
      counts.problems.push(`${article.relPath}: duplicate slug "${article.slug}" in ${article.locale} (already used by ${slugOwner.sourcePath ?? 'an article written in the app'})`);
      continue;
    }
    if (!collectionIds.has(`${article.locale}/${article.collectionSlug}`)) {
      counts.problems.push(`${article.relPath}: skipped, its collection "${article.collectionSlug}" could not be imported`);
      continue;
    }
    const status = article.draft ? 'draft' : 'published';
    // Once changed in the admin, the database version is authoritative: report the file, never overwrite.
    if (current?.sourceKind === 'app') {
      if (current.sourceHash !== article.hash) counts.problems.push(`${article.relPath}: changed on disk, but this article was changed in the admin; the admin version is kept`);
      counts.unchanged += 1;
      continue;
    }
    if (current && current.sourceHash === article.hash && current.status === status) {
      counts.unchanged += 1;
      continue;
    }
    const values = articleValues(article, root, status, collectionIds, authorIds);
    if (current) {
      const contentChanged = current.sourceHash !== article.hash;
      const version = contentChanged ? current.version + 1 : current.version;
      await current.update({ ...values, version, ...(current.status !== 'published' && status === 'published' ? { publishedAt: new Date() } : {}) }, { transaction });
      if (contentChanged) versions.push(importedVersion(current.id, version, values));
      counts.updated += 1;
      counts.changedIds.push(current.id);
    } else {
      const created = await Article.create({ ...values, version: 1, publishedAt: status === 'published' ? new Date() : null }, { transaction });
      versions.push(importedVersion(created.id, 1, values));
      counts.created += 1;
      counts.changedIds.push(created.id);
    }
  }

  await ArticleVersion.bulkCreate(versions, { transaction });

  const present = new Set(prepared.articles.map((a) => a.relPath));
  const gone = [...bySource.values()].filter((a) => a.sourcePath && !present.has(a.sourcePath) && a.status === 'published' && a.sourceKind === 'file');
  const failedPaths = new Set(prepared.problems.map((line) => line.split(': ')[0]));
  // A file that still exists but failed to parse keeps its last good version online.
  const removed = gone.filter((a) => !failedPaths.has(a.sourcePath!));
  if (removed.length > 0) {
    await Article.update({ status: 'draft' }, { where: { id: { [Op.in]: removed.map((a) => a.id) } }, transaction });
    counts.unpublished = removed.length;
    counts.changedIds.push(...removed.map((a) => a.id));
  }
  return counts;
}

/** A file's content as it was imported becomes a version, so the history shows where an article came from. */
function importedVersion(articleId: number, number: number, values: ReturnType<typeof articleValues>) {
  const { title, description, body, tags } = values;
  return { articleId, number, title, description, body, tags, editorId: null, editorLabel: `import: ${values.sourcePath}`, source: 'import' as const, restoredFrom: null };
}

function articleValues(
  article: PreparedArticle,
  root: string,
  status: 'draft' | 'published',
  collectionIds: Map<string, number>,
  authorIds: Map<string, number>,
) {
  return {
    locale: article.locale,
    slug: article.slug,
    collectionId: collectionIds.get(`${article.locale}/${article.collectionSlug}`)!,
    authorId: article.authorRef ? (authorIds.get(article.authorRef.toLowerCase()) ?? null) : null,
    translationKey: article.translationKey,
    title: article.title,
    description: article.description,
    body: article.body,
    html: article.html,
    toc: article.toc,
    tags: article.tags,
    status,
    position: article.order,
    sourceKind: 'file' as const,
    sourceRoot: root,
    sourcePath: article.relPath,
    sourceHash: article.hash,
  };
}

/**
 * Authors are people, matched by email (or by name when a file names someone without an email). Once an
 * author has a staff account, their name and avatar come from their profile, not from authors.yml.
 */
async function upsertAuthors(prepared: PreparedImport, transaction: Transaction): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const withAccount = new Set((await User.findAll({ attributes: ['authorId'], where: { authorId: { [Op.ne]: null } }, transaction })).map((user) => user.authorId));
  for (const author of prepared.authors) {
    const [row] = await Author.findOrCreate({ where: { email: author.email.toLowerCase() }, defaults: { name: author.name, email: author.email.toLowerCase(), avatarUrl: author.avatarUrl ?? null }, transaction });
    const differs = row.name !== author.name || row.avatarUrl !== (author.avatarUrl ?? null);
    if (differs && !withAccount.has(row.id)) await row.update({ name: author.name, avatarUrl: author.avatarUrl ?? null }, { transaction });
    ids.set(author.email.toLowerCase(), row.id);
  }
  for (const ref of new Set(prepared.articles.map((a) => a.authorRef?.toLowerCase()).filter((r): r is string => Boolean(r)))) {
    if (ids.has(ref)) continue;
    const isEmail = ref.includes('@');
    const [row] = await Author.findOrCreate({
      where: isEmail ? { email: ref } : { name: ref, email: null },
      defaults: { email: isEmail ? ref : null, name: isEmail ? ref.split('@')[0]! : ref, avatarUrl: null },
      transaction,
    });
    ids.set(ref, row.id);
  }
  return ids;
}

async function upsertCollections(prepared: PreparedImport, transaction: Transaction, problems: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const collection of prepared.collections) {
    const { locale, slug } = collection;
    const values = {
      locale,
      slug,
      translationKey: collection.translation ?? slug,
      title: collection.title,
      description: collection.description,
      icon: collection.icon,
      position: collection.order,
    };
    // The collection this folder fed last time (even if its slug was changed in the admin since), else
    // one created in the admin at this address, which the folder now feeds.
    const row = (await Collection.findOne({ where: { locale, sourceSlug: slug }, transaction })) ?? (await Collection.findOne({ where: { locale, slug, sourceSlug: null }, transaction }));
    if (!row) {
      const owner = await Collection.findOne({ where: { locale, slug }, transaction });
      if (owner) {
        problems.push(`${locale}/${slug}: this slug now belongs to the collection "${owner.title}" (changed in the admin); rename the folder or that collection's slug`);
        continue;
      }
      ids.set(`${locale}/${slug}`, (await Collection.create({ ...values, sourceSlug: slug }, { transaction })).id);
      continue;
    }
    if (row.sourceSlug === null) await row.update({ sourceSlug: slug }, { transaction });
    // A collection described by a file follows the file until it is changed in the admin; one only named
    // by articles keeps what it has.
    if (collection.described && row.sourceKind === 'file') await row.update(values, { transaction });
    ids.set(`${locale}/${slug}`, row.id);
  }
  return ids;
}
