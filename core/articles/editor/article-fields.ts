import { z } from 'zod';

/** Browsers submit textarea line breaks as CRLF; the stored markdown (and every diff of it) uses LF. */
const lf = (text: string) => text.replace(/\r\n?/g, '\n');

export const MAX_BODY_LENGTH = 200_000;

/** "billing, refunds ,, Invoices" → ["billing", "refunds", "Invoices"]: a comma list, as typed in one field. */
const tagList = z
  .string()
  .default('')
  .transform((text) => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(100, 'each tag at most 100 characters')).max(20, 'at most 20 tags'));

/** The content of an article as an editor types it; what a version records. */
export const articleContentSchema = z.object({
  title: z.string().trim().min(1, 'give the article a title').max(300, 'at most 300 characters'),
  description: z.string().trim().max(500, 'at most 500 characters').default('').transform(lf),
  body: z.string().max(MAX_BODY_LENGTH, `at most ${MAX_BODY_LENGTH.toLocaleString('en')} characters`).transform(lf),
  tags: tagList,
});
export type ArticleContent = z.output<typeof articleContentSchema>;

/** What the editor posts with "Save"/"Publish": the content, where it lives, and the version it was based on. */
export const articleSaveSchema = articleContentSchema.extend({
  baseVersion: z.coerce.number().int().positive(),
  slug: z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'letters, digits, - and _ only').max(200).optional(),
  collectionId: z.coerce.number().int().positive('choose a collection'),
  authorId: z.union([z.literal(''), z.coerce.number().int().positive()]).transform((id) => (id === '' ? null : id)),
  intent: z.enum(['save', 'publish', 'unpublish']).default('save'),
});
export type ArticleSave = z.output<typeof articleSaveSchema>;

/** An autosave: the content typed so far (even an empty title) and the version it started from. */
export const autosaveSchema = articleContentSchema.extend({
  title: z.string().max(300),
  baseVersion: z.coerce.number().int().positive(),
});

/** A new article starts from a title, a language and a collection (or as the translation of another one). */
export const articleCreateSchema = z.object({
  title: z.string().trim().min(1, 'give the article a title').max(300, 'at most 300 characters'),
  locale: z.string().min(2).max(8),
  collectionId: z.coerce.number().int().positive('choose a collection'),
  translationOf: z.union([z.literal(''), z.coerce.number().int().positive()]).optional().transform((id) => (id ? id : undefined)),
});
export type ArticleCreate = Omit<z.output<typeof articleCreateSchema>, 'translationOf'> & { translationOf?: number | undefined };

export function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return a.title === b.title && a.description === b.description && a.body === b.body && a.tags.join('\n') === b.tags.join('\n');
}
