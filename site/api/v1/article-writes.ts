import type { z } from 'zod';
import type { Core } from '../../../core/app.ts';
import type { StaffView } from '../../../core/accounts/index.ts';
import type { ArticleSave } from '../../../core/articles/editor/article-fields.ts';
import type { ArticleConflictError } from '../../../core/articles/editor/editor-errors.ts';
import type { RestArticleWithBody } from '../../../core/rest/index.ts';
import { v1Error } from './responses.ts';
import type { articleCreateBody, articleUpdateBody } from './schemas.ts';

/** The editor's refusals name a field ("collection: choose a collection in en"); the API names the body's field. */
const FIELD_NAMES: Record<string, string> = { collection: 'collectionId', author: 'authorId', slug: 'slug' };

/**
 * The API's article changes, expressed as the editor's own save (same version check, audit, search
 * update): an update names the version it was based on and unspecified fields keep their saved values.
 */
export function editorSave(current: RestArticleWithBody, change: z.output<typeof articleUpdateBody>): ArticleSave {
  const status = change.status ?? current.status;
  return {
    baseVersion: change.baseVersion,
    title: change.title ?? current.title,
    description: (change.description ?? current.description).replace(/\r\n?/g, '\n'),
    body: (change.body ?? current.body).replace(/\r\n?/g, '\n'),
    tags: change.tags ? [...new Set(change.tags)] : current.tags,
    slug: change.slug,
    collectionId: change.collectionId ?? current.collectionId,
    authorId: change.authorId === undefined ? current.authorId : change.authorId,
    intent: status === current.status ? 'save' : status === 'published' ? 'publish' : 'unpublish',
  };
}

/**
 * Creates like the editor does (a draft, version 1, written by the token's owner), then, when the request
 * carries content or asks to publish, saves that as the first edit.
 */
export async function createArticle(core: Core, actor: StaffView, input: z.output<typeof articleCreateBody>): Promise<number> {
  const id = await core.articles.create(actor, { title: input.title, locale: input.locale, collectionId: input.collectionId });
  const { description, body, tags, status } = input;
  if (description === undefined && body === undefined && tags === undefined && status === 'draft') return id;
  const created = (await core.rest.article(id))!;
  await core.articles.save(actor, id, editorSave(created, { baseVersion: created.version, description, body, tags, status }));
  return id;
}

/** The domain's refusals as API errors; anything else is not ours to explain and is rethrown. */
export function articleRefusal(error: unknown): Response {
  const { name, message } = error as Error;
  if (name === 'ArticleConflictError') {
    const current = (error as ArticleConflictError).current;
    return v1Error(409, 'version_conflict', `${message} Fetch the article, reapply your change to version ${current.number} and send that as baseVersion.`, { currentVersion: current.number });
  }
  if (name !== 'ArticleEditRefusedError') throw error;
  const field = /^(\w+): (.+)$/.exec(message);
  if (!field) return v1Error(422, 'validation_failed', message);
  const key = FIELD_NAMES[field[1]!] ?? field[1]!;
  return v1Error(422, 'validation_failed', `${key}: ${field[2]}`, { fields: { [key]: field[2]! } });
}
