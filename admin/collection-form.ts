import { z } from 'zod';
import type { LocaleCollections } from '../core/collections/collection-list.ts';
import { issueLines, issuesByField } from '../core/validation.ts';

/** What the collection forms post, as typed: shown again when something is wrong, so nothing is lost. */
export interface CollectionFormValues {
  title: string;
  slug: string;
  description: string;
  icon: string;
  /** Chosen collection id per other locale ('' = none). */
  translations: Record<string, string>;
}

/** Reads the fields of admin/components/CollectionFields.astro; `translation.<locale>` selects hold the links. */
export function readCollectionForm(form: FormData, otherLocales: string[]): CollectionFormValues {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    title: text('title'),
    slug: text('slug'),
    description: text('description'),
    icon: text('icon'),
    translations: Object.fromEntries(otherLocales.map((locale) => [locale, text(`translation.${locale}`)])),
  };
}

export interface FormProblems {
  /** One "field: problem" line each, for the summary at the top of the form. */
  lines: string[];
  /** The first problem of each field, shown next to it. */
  byField: Record<string, string>;
}

export const NO_PROBLEMS: FormProblems = { lines: [], byField: {} };

/** Validation errors from the form's schema or from the domain (a taken slug) as the form shows them. */
export function formProblems(error: unknown): FormProblems | undefined {
  // By name too: core may hold its own copy of zod's classes in the server bundle.
  if (!(error instanceof z.ZodError) && (error as Error | undefined)?.name !== 'ZodError') return undefined;
  const zodError = error as z.ZodError;
  return { lines: issueLines(zodError), byField: issuesByField(zodError) };
}

/** For each other language: the collections that can be chosen as the translation. */
export interface TranslationChoice {
  locale: string;
  localeName: string;
  /** `linkedTo`: the collection of our language it is the translation of now, which choosing it would replace. */
  options: Array<{ id: number; title: string; linkedTo: string | null }>;
}

/** The translation selects of a collection in `locale` (`id` when it exists already). */
export function translationChoices(all: LocaleCollections[], locale: string, id?: number): TranslationChoice[] {
  return all
    .filter((l) => l.code !== locale)
    .map((l) => ({
      locale: l.code,
      localeName: l.name,
      options: l.collections.map((c) => {
        const link = c.translations.find((t) => t.locale === locale);
        return { id: c.id, title: c.title, linkedTo: link && link.id !== null && link.id !== id ? link.title : null };
      }),
    }));
}
