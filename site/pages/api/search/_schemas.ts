import { z } from 'zod';

const locale = z.string().regex(/^[a-z]{2}$/, 'must be a locale code such as en');
const query = z.string().trim().min(1, 'must not be empty').max(200, 'too long (at most 200 characters)');

/** GET /api/search */
export const searchParamsSchema = z.object({
  q: query,
  locale,
  collection: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

/** POST /api/search/log */
export const searchLogSchema = z.object({
  sessionId: z.uuid(),
  locale,
  query,
  resultCount: z.number().int().min(0).max(100_000),
  clickedArticleId: z.number().int().positive().optional(),
  position: z.number().int().min(1).max(1000).optional(),
});
export type SearchLogBody = z.infer<typeof searchLogSchema>;
