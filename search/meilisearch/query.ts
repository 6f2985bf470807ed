import type { SearchParams, SearchResponse } from 'meilisearch';
import type { SearchHit, SearchQuery, SearchResult } from '../engine.ts';
import { stem, tokenize } from '../text/analyze.ts';
import { MARK_END, MARK_START, toMarkedHtml } from '../text/highlight.ts';
import type { IndexedDocument } from './documents.ts';
import { meilisearchLocale } from './index-settings.ts';

/** Meilisearch ignores every query word after the tenth. */
const MAX_QUERY_WORDS = 10;

/**
 * The query sent to Meilisearch: what the visitor typed, then the stems of its words that differ from them, so
 * that word forms match the `stems` field ("настроить уведомления" → "… настро уведомлен").
 *
 * The stem of the last word always comes last: Meilisearch matches only the last query word as a prefix,
 * and that must stay the word being typed (search as you type). Stems that would fall past Meilisearch's
 * ten-word limit are dropped first. Returns "" when the query has no word at all.
 */
export function queryWithStems(q: string, locale: string): string {
  const words = tokenize(q);
  const last = words.at(-1);
  if (last === undefined) return '';
  const raw = q.trim().replace(/\s+/g, ' ');
  const seen = new Set(words);
  const stems: string[] = [];
  for (const word of words.slice(0, -1)) {
    const wordStem = stem(word, locale);
    if (!seen.has(wordStem)) stems.push(wordStem);
    seen.add(wordStem);
  }
  const room = MAX_QUERY_WORDS - words.length - 1;
  const lastStem = stem(last, locale);
  if (room < 0 || (stems.length === 0 && lastStem === last)) return raw;
  return [raw, ...stems.slice(0, room), lastStem].join(' ');
}

/** A Meilisearch filter string literal: double quotes, with `"` and `\` escaped. */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The search request body for a port query (the text itself is passed separately, see `queryWithStems`). */
export function buildSearchParams(query: SearchQuery): SearchParams {
  const language = meilisearchLocale(query.locale);
  return {
    limit: query.limit,
    offset: query.offset,
    ...(query.collection === undefined ? {} : { filter: `collectionSlug = ${filterString(query.collection)}` }),
    // The query is too short for reliable language detection; the index's locale is known.
    ...(language === undefined ? {} : { locales: [language] }),
    attributesToHighlight: ['title', 'body', 'description'],
    // Sentinels, not tags: Meilisearch returns the text unescaped, toMarkedHtml escapes it then makes <mark>.
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
    attributesToCrop: ['body'],
    cropLength: 30,
    cropMarker: '…',
    showRankingScore: true,
  };
}

/**
 * A port hit from a Meilisearch hit. The snippet is the cropped body around the matches, or the description
 * when only the title/description matched (a cropped body without a mark would look unrelated to the query).
 */
export function toSearchHit(hit: SearchResponse<IndexedDocument>['hits'][number]): SearchHit {
  const formatted = hit._formatted ?? {};
  const body = formatted.body ?? hit.body ?? '';
  const description = formatted.description ?? hit.description ?? '';
  const snippet = body.includes(MARK_START) || description.trim() === '' ? body : description;
  return {
    id: Number(hit.id),
    url: hit.url,
    collectionSlug: hit.collectionSlug,
    collectionTitle: hit.collectionTitle,
    titleHtml: toMarkedHtml(formatted.title ?? hit.title ?? ''),
    snippetHtml: toMarkedHtml(snippet),
    score: hit._rankingScore ?? 0,
  };
}

/** The port result; `total` is Meilisearch's estimate, capped by `pagination.maxTotalHits`. */
export function toSearchResult(response: SearchResponse<IndexedDocument>): SearchResult {
  return { hits: response.hits.map(toSearchHit), total: response.estimatedTotalHits ?? response.hits.length };
}
