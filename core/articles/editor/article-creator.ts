import { randomUUID } from 'node:crypto';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { recordAudit, type AuditActor } from '../../audit/audit-log.ts';
import { Article, ArticleVersion, Author, Collection, User } from '../../models/index.ts';
import { slugifyHeading } from '../render/slugify-heading.ts';
import type { ArticleCreate } from './article-fields.ts';
import { ArticleEditRefusedError } from './editor-errors.ts';
import { renderArticleBody } from './render-article-body.ts';

/**
 * Creates a draft article, written by the person creating it. A translation shares the source article's
 * translation key, starts from its text (to be translated in place) and goes into the matching collection
 * of its language when one exists.
 */
export default async function articleCreator(props: { sequelize: Sequelize; actor: AuditActor; input: ArticleCreate }): Promise<number> {
  const { sequelize, actor, input } = props;
  return sequelize.transaction(async (transaction) => {
    const source = input.translationOf ? await Article.findByPk(input.translationOf, { include: [{ model: Collection, as: 'collection' }], transaction }) : null;
    if (input.translationOf && !source) throw new ArticleEditRefusedError('The article to translate no longer exists.');
    if (source) {
      const existing = await Article.findOne({ where: { translationKey: source.translationKey, locale: input.locale }, transaction });
      if (existing) throw new ArticleEditRefusedError(`"${source.title}" already has a ${input.locale} translation: "${existing.title}".`);
    }
    const collection = await targetCollection(input, source, transaction);
    const slug = await uniqueSlug(input.locale, slugifyHeading(input.title), transaction);
    const body = source?.body ?? '';
    const rendered = await renderArticleBody(body, transaction);
    const authorId = await authorOf(actor, transaction);
    const content = { title: input.title, description: source?.description ?? '', body, tags: source?.tags ?? [] };
    const article = await Article.create(
      {
        locale: input.locale,
        slug,
        collectionId: collection.id,
        authorId,
        translationKey: source?.translationKey ?? `app:${randomUUID()}`,
        ...content,
        html: rendered.html,
        toc: rendered.toc,
        status: 'draft',
        position: 0,
        version: 1,
        sourceKind: 'app',
        sourceRoot: null,
        sourcePath: null,
        sourceHash: null,
        publishedAt: null,
      },
      { transaction },
    );
    await ArticleVersion.create({ articleId: article.id, number: 1, ...content, editorId: actor.id, editorLabel: actor.email, source: 'editor', restoredFrom: null }, { transaction });
    await recordAudit({ actor, action: 'article.create', target: { type: 'article', id: article.id }, summary: `Created "${article.title}" (${article.locale})${source ? ` as a translation of "${source.title}"` : ''}` }, transaction);
    return article.id;
  });
}

async function targetCollection(input: ArticleCreate, source: Article | null, transaction: Transaction): Promise<Collection> {
  if (source?.collection) {
    const matching = await Collection.findOne({ where: { translationKey: source.collection.translationKey, locale: input.locale }, transaction });
    if (matching) return matching;
  }
  const chosen = await Collection.findByPk(input.collectionId, { transaction });
  if (!chosen || chosen.locale !== input.locale) throw new ArticleEditRefusedError(`collection: choose a collection in ${input.locale}`);
  return chosen;
}

/** "reset-password", then "reset-password-2", … : the first free slug in the language. */
async function uniqueSlug(locale: string, base: string, transaction: Transaction): Promise<string> {
  const taken = new Set((await Article.findAll({ attributes: ['slug'], where: { locale, slug: { [Op.startsWith]: base } }, transaction })).map((a) => a.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The byline of a staff member: their linked author, created (matched by email) on first need. */
async function authorOf(actor: AuditActor, transaction: Transaction): Promise<number> {
  const user = await User.findByPk(actor.id, { transaction, rejectOnEmpty: true });
  if (user.authorId) return user.authorId;
  const [author] = await Author.findOrCreate({ where: { email: user.email }, defaults: { email: user.email, name: user.name, avatarUrl: null }, transaction });
  await user.update({ authorId: author.id }, { transaction });
  return author.id;
}
