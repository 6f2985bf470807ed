import type { Sequelize, Transaction } from 'sequelize';
import { recordAudit, type AuditActor } from '../../audit/audit-log.ts';
import type { EventBus } from '../../events.ts';
import { Article, ArticleAutosave, ArticleVersion, Author, Collection } from '../../models/index.ts';
import { applyContent } from './apply-content.ts';
import { sameContent, type ArticleSave } from './article-fields.ts';
import { ArticleConflictError, ArticleEditRefusedError } from './editor-errors.ts';

export interface SaveOutcome {
  version: number;
  status: 'draft' | 'published';
  /** False when nothing differed from the saved article. */
  changed: boolean;
}

/**
 * Saves the editor's form. The save names the version it was based on; if someone saved in between, it is
 * refused with their version (shown to the person with a diff), never applied over it. Content changes make
 * a new version; placement (slug, collection, author) and status change with it in the same transaction,
 * with an audit entry. The person's autosave is cleared. Then `content.changed` refreshes page caches and the
 * search index on every instance, so a published change is live at the next request.
 */
export default async function articleSaver(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; articleId: number; input: ArticleSave }): Promise<SaveOutcome> {
  const { sequelize, events, actor, articleId, input } = props;
  const outcome = await sequelize.transaction(async (transaction) => {
    const article = await Article.findByPk(articleId, { lock: transaction.LOCK.UPDATE, transaction });
    if (!article) throw new ArticleEditRefusedError('This article no longer exists.');
    if (article.version !== input.baseVersion) throw new ArticleConflictError(await conflictingVersion(article, transaction));

    const placement = await checkedPlacement(article, input, transaction);
    const status = input.intent === 'publish' ? 'published' : input.intent === 'unpublish' ? 'draft' : article.status;
    const contentChanged = !sameContent(article, input);
    const placementChanged = placement.slug !== article.slug || placement.collectionId !== article.collectionId || placement.authorId !== article.authorId;
    const statusChanged = status !== article.status;
    const { title, description, body, tags } = input;
    if (contentChanged) await applyContent(article, { title, description, body, tags }, { actor, source: 'editor' }, transaction);
    if (placementChanged || statusChanged) {
      await article.update({ ...placement, status, sourceKind: 'app', ...(statusChanged && status === 'published' ? { publishedAt: new Date() } : {}) }, { transaction });
    }
    await ArticleAutosave.destroy({ where: { articleId, userId: actor.id }, transaction });
    const changed = contentChanged || placementChanged || statusChanged;
    if (changed) await recordAudit({ actor, action: auditAction(statusChanged, status), target: { type: 'article', id: article.id }, summary: summary(article, contentChanged, statusChanged) }, transaction);
    return { version: article.version, status: article.status, changed };
  });
  if (outcome.changed) events.emit('content.changed', { articleIds: [articleId], reason: 'edit' });
  return outcome;
}

/** Slug, collection and author, checked: a published article keeps its slug (its URL is out there). */
async function checkedPlacement(article: Article, input: ArticleSave, transaction: Transaction) {
  const slug = article.publishedAt || !input.slug ? article.slug : input.slug;
  if (slug !== article.slug && (await Article.count({ where: { locale: article.locale, slug }, transaction })) > 0) {
    throw new ArticleEditRefusedError(`slug: "${slug}" is already used by another ${article.locale} article`);
  }
  const collection = await Collection.findByPk(input.collectionId, { transaction });
  if (!collection || collection.locale !== article.locale) throw new ArticleEditRefusedError(`collection: choose a collection in ${article.locale}`);
  if (input.authorId !== null && !(await Author.findByPk(input.authorId, { transaction }))) throw new ArticleEditRefusedError('author: no such author');
  return { slug, collectionId: collection.id, authorId: input.authorId };
}

async function conflictingVersion(article: Article, transaction: Transaction) {
  const version = await ArticleVersion.findOne({ where: { articleId: article.id, number: article.version }, transaction });
  return {
    number: article.version,
    editorLabel: version?.editorLabel ?? 'someone',
    savedAt: version?.createdAt ?? article.updatedAt,
    title: article.title,
    description: article.description,
    body: article.body,
    tags: article.tags,
  };
}

function auditAction(statusChanged: boolean, status: 'draft' | 'published') {
  if (!statusChanged) return 'article.update' as const;
  return status === 'published' ? ('article.publish' as const) : ('article.unpublish' as const);
}

function summary(article: Article, contentChanged: boolean, statusChanged: boolean): string {
  const what = statusChanged ? (article.status === 'published' ? 'Published' : 'Unpublished') : 'Edited';
  return `${what} "${article.title}" (${article.locale})${contentChanged ? `, version ${article.version}` : ''}`;
}
