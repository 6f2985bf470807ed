import type { Transaction } from 'sequelize';
import type { AuditActor } from '../../audit/audit-log.ts';
import { ArticleVersion, type Article, type VersionSource } from '../../models/index.ts';
import type { ArticleContent } from './article-fields.ts';
import { renderArticleBody } from './render-article-body.ts';

/**
 * Writes new content to a locked article as its next version: renders the markdown, records the version
 * (who, when, how), and marks the article as managed in the app, so the importer reports later changes of
 * its file instead of overwriting this text.
 */
export async function applyContent(
  article: Article,
  content: ArticleContent,
  editor: { actor: AuditActor; source: Exclude<VersionSource, 'import'>; restoredFrom?: number },
  transaction: Transaction,
): Promise<number> {
  const rendered = await renderArticleBody(content.body, transaction);
  const version = article.version + 1;
  await ArticleVersion.create(
    { articleId: article.id, number: version, ...content, editorId: editor.actor.id, editorLabel: editor.actor.email, source: editor.source, restoredFrom: editor.restoredFrom ?? null },
    { transaction },
  );
  await article.update({ ...content, html: rendered.html, toc: rendered.toc, version, sourceKind: 'app' }, { transaction });
  return version;
}
