import { z } from 'zod';
import { issueLines } from '../../validation.ts';

const tags = z.union([
  z.array(z.union([z.string(), z.number()]).transform(String)),
  z.string().transform((value) => value.split(',')),
]);

/**
 * Frontmatter of an article file. Every key is optional so plain markdown imports too; unknown keys
 * (from other docs tools) are ignored. `lang` is accepted as another name for `locale`.
 */
export const articleFrontmatterSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(1000).optional(),
  slug: z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'letters, digits, - and _ only').max(200).optional(),
  collection: z.string().trim().min(1).max(200).optional(),
  locale: z.string().trim().min(2).max(8).optional(),
  lang: z.string().trim().min(2).max(8).optional(),
  author: z.string().trim().min(1).max(320).optional(),
  tags: tags.optional(),
  order: z.number().int().optional(),
  translation: z.string().trim().min(1).max(300).optional(),
  draft: z.boolean().optional(),
  source_path: z.string().optional(),
});
export type ArticleFrontmatter = z.infer<typeof articleFrontmatterSchema>;

/** `_collection.yml` in a collection folder. */
export const collectionFileSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000).default(''),
  icon: z.string().trim().min(1).max(16).default('📄'),
  order: z.number().int().default(0),
  translation: z.string().trim().min(1).max(200).optional(),
});
export type CollectionFile = z.infer<typeof collectionFileSchema>;

/** `authors.yml` at the root of the articles folder. */
export const authorsFileSchema = z.array(
  z.object({
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    avatar: z.string().trim().min(1).optional(),
  }),
);
export type AuthorsFile = z.infer<typeof authorsFileSchema>;

/** All problems of a file on its one report line: "tags: expected array; order: expected number". */
export function describeZodError(error: z.ZodError): string {
  return issueLines(error).join('; ');
}
