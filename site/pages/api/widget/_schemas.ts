import { z } from 'zod';

/** GET /api/widget/home */
export const widgetHomeParamsSchema = z.object({
  locale: z.string().regex(/^[a-z]{2}$/, 'must be a locale code such as en'),
  /** The page the visitor is on (`location.pathname`); a host site's page when the chat is embedded. */
  path: z.string().max(600, 'too long (at most 600 characters)').startsWith('/', 'must be a path such as /en/billing').default('/'),
});
export type WidgetHomeParams = z.infer<typeof widgetHomeParamsSchema>;
