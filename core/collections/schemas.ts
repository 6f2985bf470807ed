import { z } from 'zod';

/** The same rule as an article's `slug` frontmatter: letters of any script, digits, - and _. */
const SLUG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** Only emoji (with their joiners, skin tones and keycaps), and at least one picture among them. */
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|[\u200d\ufe0f\u20e3#*0-9])+$/u;
const HAS_PICTURE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** A locale code as the `locales` table holds it (`en`, `ru`, `pt-br`). */
const localeCode = z.string().regex(/^[a-z]{2}(?:-[a-z0-9]{2,5})?$/i, 'choose a language');

/** An empty form field means "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A collection id picked in a select, or null for "none" (an empty option). */
const optionalId = z.preprocess((value) => (value === '' || value === undefined ? null : value), z.coerce.number().int().positive().nullable());

/** The fields an author edits, as posted by the admin forms. */
export const collectionFieldsSchema = z.object({
  title: z.string().trim().min(1, 'enter a title').max(200, 'use at most 200 characters'),
  /** Empty: derived from the title. */
  slug: z.preprocess(blankToUndefined, z.string().trim().max(200, 'use at most 200 characters').regex(SLUG_PATTERN, 'use letters, digits, - and _ only (no spaces)').optional()),
  description: z.string().trim().max(1000, 'use at most 1000 characters').default(''),
  icon: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((icon) => icon.length <= 16 && EMOJI_ONLY.test(icon) && HAS_PICTURE.test(icon), 'use one emoji, e.g. 📄')
      .default('📄'),
  ),
  /**
   * The matching collection in each other language (by locale code), or null for none. Locales left out
   * keep their link.
   */
  translations: z.record(localeCode, optionalId).default({}),
});
export type CollectionFields = z.infer<typeof collectionFieldsSchema>;

/** Where a new collection goes in its language's order: last, first, or after another one. */
export const placeSchema = z.union([z.literal('end'), z.literal('top'), z.string().regex(/^after:\d+$/, 'choose a position')]).default('end');
export type Place = z.infer<typeof placeSchema>;

export const newCollectionSchema = collectionFieldsSchema.extend({
  locale: localeCode,
  place: placeSchema,
});
export type NewCollection = z.infer<typeof newCollectionSchema>;

export const moveDirectionSchema = z.enum(['up', 'down']);
export type MoveDirection = z.infer<typeof moveDirectionSchema>;
