import type { SearchDocument } from '../engine.ts';
import { stemmedText } from '../text/analyze.ts';

/** A document as stored in a Meilisearch locale index: the port's document plus the `stems` field. */
export type IndexedDocument = SearchDocument & {
  /**
   * Snowball stems of every searchable word. Meilisearch does not stem (Russian least of all), so word forms
   * ("уведомлений" / "уведомления") only meet through this field, searched with the stemmed query words.
   */
  stems: string;
};

/** Adds the `stems` field; the stemmer is the one of the document's locale. */
export function toIndexedDocument(document: SearchDocument): IndexedDocument {
  const text = [document.title, ...document.headings, ...document.tags, document.description, document.body].join(' ');
  return {
    id: document.id,
    locale: document.locale,
    collectionSlug: document.collectionSlug,
    collectionTitle: document.collectionTitle,
    title: document.title,
    headings: document.headings,
    tags: document.tags,
    description: document.description,
    body: document.body,
    url: document.url,
    stems: stemmedText(text, document.locale),
  };
}

/** Documents grouped by locale, in their original order within each locale (later duplicates win). */
export function groupByLocale<T extends { locale: string }>(documents: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const document of documents) {
    const group = groups.get(document.locale);
    if (group) group.push(document);
    else groups.set(document.locale, [document]);
  }
  return groups;
}

/** Splits a list into consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
