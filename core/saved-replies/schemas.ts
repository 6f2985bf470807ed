import { z } from 'zod';

/** Letters of any script, digits, - and _: what can follow `/` in the composer without ending the word. */
const SHORTCUT_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** A saved reply as the admin form posts it. The shortcut may be typed with its slash; case does not matter. */
export const savedReplyFieldsSchema = z.object({
  title: z.string().trim().min(1, 'enter a title').max(200, 'use at most 200 characters'),
  shortcut: z
    .string()
    .trim()
    .transform((shortcut) => shortcut.replace(/^\//, '').toLowerCase())
    .pipe(z.string().min(1, { message: 'enter a shortcut, e.g. refund', abort: true }).max(50, 'use at most 50 characters').regex(SHORTCUT_PATTERN, 'use letters, digits, - and _ only (no spaces)')),
  body: z.string().trim().min(1, 'enter the reply').max(5000, 'use at most 5000 characters'),
});
export type SavedReplyFields = z.infer<typeof savedReplyFieldsSchema>;
