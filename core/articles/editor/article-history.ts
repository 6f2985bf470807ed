import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../../audit/audit-log.ts';
import type { EventBus } from '../../events.ts';
import { Article, ArticleVersion } from '../../models/index.ts';
import { applyContent } from './apply-content.ts';
import { foldedDiff, lineDiff, type DiffLine } from './article-diff.ts';
import { ArticleEditRefusedError } from './editor-errors.ts';

export interface VersionSummary {
  number: number;
  editorLabel: string;
  source: 'import' | 'editor' | 'restore';
  restoredFrom: number | null;
  createdAt: Date;
  title: string;
}

/** Newest first: who saved each version, when and how. */
export async function listVersions(articleId: number): Promise<VersionSummary[]> {
  const rows = await ArticleVersion.findAll({ attributes: ['number', 'editorLabel', 'source', 'restoredFrom', 'createdAt', 'title'], where: { articleId }, order: [['number', 'DESC']] });
  return rows.map(({ number, editorLabel, source, restoredFrom, createdAt, title }) => ({ number, editorLabel, source, restoredFrom, createdAt, title }));
}

export interface VersionComparison {
  from: VersionSummary;
  to: VersionSummary;
  fields: Array<{ label: string; before: string; after: string }>;
  body: Array<DiffLine | null>;
}

/** What changed from one version to another (any two, either order). */
export async function compareVersions(articleId: number, from: number, to: number): Promise<VersionComparison | undefined> {
  const [a, b] = await Promise.all([ArticleVersion.findOne({ where: { articleId, number: from } }), ArticleVersion.findOne({ where: { articleId, number: to } })]);
  if (!a || !b) return undefined;
  const fields = [
    { label: 'Title', before: a.title, after: b.title },
    { label: 'Description', before: a.description, after: b.description },
    { label: 'Tags', before: a.tags.join(', '), after: b.tags.join(', ') },
  ].filter((field) => field.before !== field.after);
  return { from: summaryOf(a), to: summaryOf(b), fields, body: foldedDiff(lineDiff(a.body, b.body)) };
}

/**
 * Brings back an old version as a new one (history is never rewritten), live at once if the article is
 * published. Anyone editing meanwhile gets a conflict on their next save, as with any other save.
 */
export async function restoreVersion(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; articleId: number; number: number }): Promise<number> {
  const { sequelize, events, actor, articleId, number } = props;
  const version = await sequelize.transaction(async (transaction) => {
    const article = await Article.findByPk(articleId, { lock: transaction.LOCK.UPDATE, transaction });
    const old = await ArticleVersion.findOne({ where: { articleId, number }, transaction });
    if (!article || !old) throw new ArticleEditRefusedError(`No version ${number} of this article.`);
    const { title, description, body, tags } = old;
    const restored = await applyContent(article, { title, description, body, tags }, { actor, source: 'restore', restoredFrom: number }, transaction);
    await recordAudit({ actor, action: 'article.restore', target: { type: 'article', id: articleId }, summary: `Restored version ${number} of "${title}" (${article.locale}) as version ${restored}` }, transaction);
    return restored;
  });
  events.emit('content.changed', { articleIds: [articleId], reason: 'edit' });
  return version;
}

function summaryOf(v: ArticleVersion): VersionSummary {
  return { number: v.number, editorLabel: v.editorLabel, source: v.source, restoredFrom: v.restoredFrom, createdAt: v.createdAt, title: v.title };
}
