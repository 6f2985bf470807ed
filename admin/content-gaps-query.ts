import { z } from 'zod';

/** `?locale=&days=` of the content-gaps page and its JSON route: last 7, 30 or 90 days of a locale. */
export const contentGapsQuerySchema = z.object({
  locale: z.string().regex(/^[a-z]{2}$/).optional(),
  days: z.coerce.number().pipe(z.union([z.literal(7), z.literal(30), z.literal(90)])).catch(30),
});

export function periodOf(days: number, now = new Date()): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * 86_400_000), to: now };
}
