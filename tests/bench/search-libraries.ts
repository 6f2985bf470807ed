/**
 * MiniSearch vs Orama as the embedded (in-process) search engine, on real data: the sample help center
 * (articles/) plus the VK Cloud corpus at ../shared/corpus (read at run time, never copied here).
 *
 *   npx node --expose-gc --import tsx tests/bench/search-libraries.ts
 *
 * Both libraries get the same documents (our import pipeline), the same analyzer (search/text/analyze.ts)
 * and the same query words; only the engines differ. Prints build time, heap, index size, latency and
 * recall@3 / MRR at ~1.1k documents and at ×5 (~5.4k).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { count, create, insertMultiple, save, search as oramaSearch, type Tokenizer } from '@orama/orama';
import { readSourceTree } from '../../core/articles/import/read-tree.ts';
import { prepareImport } from '../../core/articles/import/prepare-import.ts';
import { markdownToPlainText } from '../../core/articles/render/plain-text.ts';
import { stem, stemmedText, tokenize } from '../../search/text/analyze.ts';
import { defaultSearchSettings } from '../../search/settings.ts';

interface BenchDoc {
  id: string;
  locale: string;
  title: string;
  headings: string[];
  tags: string[];
  description: string;
  body: string;
  /** Every text field stemmed: the field that makes "уведомления" find "уведомлений". */
  stemmed: string;
}

type TextField = 'title' | 'headings' | 'tags' | 'description' | 'body';
type Field = TextField | 'stemmed';
const TEXT_FIELDS: TextField[] = ['title', 'headings', 'tags', 'description', 'body'];
const BOOST: Record<Field, number> = { title: 5, headings: 3, tags: 2.5, description: 2, body: 1, stemmed: 1.5 };
const LIMIT = 10;

/** Typos allowed for one term: none under 5 letters, 1 from 5, 2 from 9. */
const typoBudget = (term: string): number => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0);

// ---------- documents ----------

/** Runs one articles folder through the production import so the text is exactly what gets indexed. */
async function loadDocs(root: string, idPrefix: string): Promise<BenchDoc[]> {
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'deflect-bench-media-'));
  const prepared = await prepareImport(await readSourceTree(root), { locales: ['en', 'ru'], defaultLocale: 'en', mediaDir });
  if (prepared.problems.length) console.log(`${root}: ${prepared.problems.length} import problems (kept going, as production does)`);
  return prepared.articles
    .filter((a) => !a.draft)
    .map((a) => {
      const doc = { id: `${idPrefix}${a.locale}/${a.collectionSlug}/${a.slug}`, locale: a.locale, title: a.title, headings: a.toc.map((t) => t.text), tags: a.tags, description: a.description, body: markdownToPlainText(a.body) };
      // Stemmed once, before either build, so neither library's build time or heap includes it.
      return { ...doc, stemmed: stemmedText([doc.title, ...doc.headings, ...doc.tags, doc.description, doc.body].join('\n'), doc.locale) };
    });
}

/** Copies with new ids ("…#2"): the same text, so the ×5 index has realistic term statistics and 5× the postings. */
function scaled(docs: BenchDoc[], times: number): BenchDoc[] {
  return Array.from({ length: times }, (_, k) => docs.map((d) => (k === 0 ? d : { ...d, id: `${d.id}#${k + 1}` }))).flat();
}

// ---------- shared query analysis ----------

/** Query words minus stop words (unless only stop words were typed), and their stems: same input for every engine. */
function analyzeQuery(q: string, locale: string): { words: string[]; stems: string[] } {
  const all = tokenize(q);
  const stop = new Set(defaultSearchSettings.stopWords[locale] ?? []);
  const kept = all.filter((w) => !stop.has(w));
  const words = kept.length ? kept : all;
  return { words, stems: words.map((w) => stem(w, locale)) };
}

// ---------- engines ----------

interface Engine {
  name: string;
  build(docs: BenchDoc[]): void;
  /** Ids of the top hits, best first, locale-filtered. */
  search(q: string, locale: string): string[];
  serializedBytes(): number;
}

function miniSearchEngine(): Engine {
  let index = newMiniSearch();
  const options: SearchOptions = {
    // A function returning an absolute distance: MiniSearch reads numbers ≥ 1 as edit counts.
    fuzzy: (term) => typoBudget(term),
    prefix: (_term, i, terms) => i === terms.length - 1,
  };
  return {
    name: 'MiniSearch 7',
    build(docs) {
      index = newMiniSearch();
      index.addAll(docs);
    },
    search(q, locale) {
      const { words, stems } = analyzeQuery(q, locale);
      // Per-subquery fields: surface words against the text fields, stems against the stemmed field only.
      const query = {
        combineWith: 'OR' as const,
        queries: [
          { queries: [words.join(' ')], fields: TEXT_FIELDS },
          { queries: [stems.join(' ')], fields: ['stemmed'] },
        ],
      };
      return index
        .search(query, { ...options, boost: BOOST, filter: (r) => r['locale'] === locale })
        .slice(0, LIMIT)
        .map((r) => String(r.id));
    },
    serializedBytes: () => Buffer.byteLength(JSON.stringify(index)),
  };
}

function newMiniSearch(): MiniSearch<BenchDoc> {
  return new MiniSearch<BenchDoc>({
    fields: [...TEXT_FIELDS, 'stemmed'],
    storeFields: ['locale'],
    extractField: (doc, field) => {
      const value = doc[field as keyof BenchDoc];
      return Array.isArray(value) ? value.join('\n') : value;
    },
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term, // tokenize() already normalized
  });
}

const ORAMA_SCHEMA = { id: 'string', locale: 'enum', title: 'string', headings: 'string[]', tags: 'string[]', description: 'string', body: 'string', stemmed: 'string' } as const;

/**
 * Orama indexes a token once per field (its own tokenizer dedupes too): insertion counts document
 * frequency per token occurrence, so duplicates would skew IDF and make insertion quadratic.
 */
const oramaTokenizer: Tokenizer = { language: 'english', normalizationCache: new Map(), tokenize: (raw) => [...new Set(tokenize(raw))] };

const newOrama = () => create({ schema: ORAMA_SCHEMA, components: { tokenizer: oramaTokenizer } });

/** Orama's search is synchronous unless hooks are async; measure it as such rather than add a microtask per query. */
function sync<T>(value: T | Promise<T>): T {
  if (value instanceof Promise) throw new Error('Orama answered asynchronously');
  return value;
}

/**
 * mode "one call": all words + stems, all fields, one query-wide tolerance (the smallest budget of the
 * words — a larger one would let short words match anything). mode "per term": Orama takes one tolerance
 * and one term list per call, so terms are grouped by (field set, budget), one call per group, scores summed.
 */
function oramaEngine(mode: 'one call' | 'per term'): Engine {
  let db = newOrama();
  const call = (term: string, properties: Field[], tolerance: number, locale: string, limit: number) =>
    sync(oramaSearch(db, { term, properties, tolerance, boost: BOOST, threshold: 1, where: { locale: { eq: locale } }, limit })).hits;
  return {
    name: `Orama 3 (${mode})`,
    build(docs) {
      db = newOrama();
      sync(insertMultiple(db, docs));
    },
    search(q, locale) {
      const { words, stems } = analyzeQuery(q, locale);
      if (mode === 'one call') {
        const tolerance = Math.min(...words.map(typoBudget), 2);
        return call([...new Set([...words, ...stems])].join(' '), [...TEXT_FIELDS, 'stemmed'], tolerance, locale, LIMIT).map((h) => h.id);
      }
      const scores = new Map<string, number>();
      const all = count(db); // merging needs every hit of every call, not just a top 10
      for (const [fields, terms] of [[TEXT_FIELDS, words], [['stemmed'], stems]] as const) {
        for (const [tolerance, group] of Map.groupBy(terms, typoBudget)) {
          for (const hit of call(group.join(' '), [...fields], tolerance, locale, all)) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.score);
        }
      }
      return [...scores].sort((a, b) => b[1] - a[1]).slice(0, LIMIT).map(([id]) => id);
    },
    serializedBytes: () => Buffer.byteLength(JSON.stringify(save(db))),
  };
}

// ---------- queries ----------

/** Small seeded PRNG (mulberry32): the same queries on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Query {
  q: string;
  locale: string;
}

const FIXED_QUERIES: Query[] = [
  ...['pasword', 'notifcations', 'pasword reset', 'invo', 'how do I reset my password', 'cancel subscription', '2fa', 'slack', 'webhoks', 'kubernetes cluster', 'create virtual machine', 's3 bucket'].map((q) => ({ q, locale: 'en' })),
  ...['уведомлния', 'настроить уведомления', 'как отменить подписку', 'сбросить пароль', 'счета', 'создать виртуальную машину', 'кластера kubernetes', 'резервное копирование', 'ба', 'вирт'].map((q) => ({ q, locale: 'ru' })),
];

/** Deterministic mix: 1–3 letter prefixes, whole title words, one-edit typos, title-based questions. */
function benchQueries(docs: BenchDoc[], total: number): Query[] {
  const random = seeded(42);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const queries = [...FIXED_QUERIES];
  while (queries.length < total) {
    const doc = pick(docs);
    const words = tokenize(doc.title).filter((w) => w.length > 1);
    if (!words.length) continue;
    const word = pick(words);
    const kind = queries.length % 4;
    let q: string;
    if (kind === 0) q = word.slice(0, 1 + Math.floor(random() * 3));
    else if (kind === 1) q = word;
    else if (kind === 2) q = typo(word, random);
    else q = `${doc.locale === 'ru' ? 'как' : 'how to'} ${words.slice(0, 4).join(' ')}`;
    queries.push({ q, locale: doc.locale });
  }
  return queries;
}

/** One deletion, swap or substitution inside the word (not the first letter: people rarely get that wrong). */
function typo(word: string, random: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + (/[а-я]/.test(word) ? 'о' : 'e') + word.slice(i + 1);
}

/** Hand-picked over articles/: typos, prefixes, Russian word forms, questions; one right article each. */
const RELEVANCE: [q: string, locale: string, expected: string][] = [
  ['pasword reset', 'en', 'en/account/reset-password'],
  ['настроить уведомления', 'ru', 'ru/settings/notifications'],
  ['2fa', 'en', 'en/account/two-factor-authentication'],
  ['invoice', 'en', 'en/billing/invoices'],
  ['slack', 'en', 'en/integrations/slack'],
  ['invo', 'en', 'en/billing/invoices'],
  ['notifcations', 'en', 'en/settings/notifications'],
  ['уведомлния', 'ru', 'ru/settings/notifications'],
  ['отменить подписку', 'ru', 'ru/billing/cancel-subscription'],
  ['сбросить пароль', 'ru', 'ru/account/reset-password'],
  ['how do I cancel my subscription', 'en', 'en/billing/cancel-subscription'],
  ['dark mode', 'en', 'en/settings/appearance'],
  ['refund', 'en', 'en/billing/refunds'],
  ['счета', 'ru', 'ru/billing/invoices'],
  ['горячие клавиши', 'ru', 'ru/getting-started/keyboard-shortcuts'],
  ['удалить аккаунт', 'ru', 'ru/account/delete-account'],
  ['webhoks', 'en', 'en/integrations/webhooks'],
  ['приложение вылетает', 'ru', 'ru/troubleshooting/mobile-app-crashes'],
  ['time zone', 'en', 'en/settings/language-and-time-zone'],
  ['google calend', 'en', 'en/integrations/google-calendar'],
  ['синхронизации календаря', 'ru', 'ru/integrations/google-calendar'],
  ['emails not arriving', 'en', 'en/troubleshooting/email-not-received'],
  ['сбро', 'ru', 'ru/account/reset-password'],
  ['приглашить команду', 'ru', 'ru/getting-started/invite-team'],
];

// ---------- measuring ----------

const heapMB = (): number => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** recall@3 and MRR@10; copies in the ×5 index count as their original (first copy wins the rank). */
function quality(engine: Engine): { recall3: number; mrr: number; misses: string[] } {
  let found = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const [q, locale, expected] of RELEVANCE) {
    const ranked = [...new Set(engine.search(q, locale).map((id) => id.split('#')[0]))];
    const rank = ranked.indexOf(expected) + 1;
    if (rank >= 1 && rank <= 3) found++;
    else misses.push(`${q}→${rank || '-'}`);
    if (rank > 0) reciprocal += 1 / rank;
  }
  return { recall3: found / RELEVANCE.length, mrr: reciprocal / RELEVANCE.length, misses };
}

function measure(engine: Engine, docs: BenchDoc[], queries: Query[]) {
  const before = heapMB();
  const start = performance.now();
  engine.build(docs);
  const buildMs = performance.now() - start;
  const heap = heapMB() - before; // docs already live: this is what the index itself holds
  for (const { q, locale } of queries) engine.search(q, locale); // warm-up: JIT, caches
  const samples: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const { q, locale } of queries) {
      const t = performance.now();
      engine.search(q, locale);
      samples.push((performance.now() - t) * 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const { recall3, mrr, misses } = quality(engine);
  const row = {
    docs: docs.length,
    'build ms': Math.round(buildMs),
    'heap MB': +heap.toFixed(1),
    'JSON MB': +(engine.serializedBytes() / 2 ** 20).toFixed(1),
    'p50 µs': Math.round(percentile(samples, 0.5)),
    'p95 µs': Math.round(percentile(samples, 0.95)),
    'p99 µs': Math.round(percentile(samples, 0.99)),
    'recall@3': +recall3.toFixed(2),
    MRR: +mrr.toFixed(2),
  };
  return { row, misses };
}

async function main(): Promise<void> {
  if (!globalThis.gc) console.log('note: run with --expose-gc for meaningful heap numbers');
  const docs = [...(await loadDocs(path.resolve('articles'), '')), ...(await loadDocs(path.resolve('../shared/corpus'), 'vk:'))];
  const queries = benchQueries(docs, 400);
  console.log(`${docs.length} documents (${docs.filter((d) => d.locale === 'ru').length} ru), ${queries.length} queries × 3 rounds\n`);
  const engines = () => [miniSearchEngine(), oramaEngine('one call'), oramaEngine('per term')];
  const results: Record<string, Record<string, ReturnType<typeof measure>['row']>> = {};
  for (const [label, set] of [['×1', docs], ['×5', scaled(docs, 5)]] as const) {
    const table: Record<string, ReturnType<typeof measure>['row']> = {};
    for (const engine of engines()) {
      const { row, misses } = measure(engine, set, queries);
      table[engine.name] = row;
      if (misses.length) console.log(`${label} ${engine.name} misses (query→rank): ${misses.join(', ')}`);
    }
    results[label] = table;
    console.log(`\n${label}: ${set.length} documents`);
    console.table(table);
  }
  recommend(results['×1']!, results['×5']!);
}

/** One line, by the numbers: quality first (a fast wrong answer deflects nothing), then p95 at ×5 against the 5 ms target. */
function recommend(small: Record<string, { MRR: number; 'p95 µs': number; 'heap MB': number }>, large: Record<string, { 'p95 µs': number }>): void {
  const [best] = Object.entries(small).sort(([, a], [, b]) => b.MRR - a.MRR || a['p95 µs'] - b['p95 µs']);
  const [name, row] = best!;
  const p95 = large[name]!['p95 µs'] / 1000;
  console.log(`\nRecommendation: ${name} — best MRR ${row.MRR} at ×1, p95 ${p95.toFixed(2)} ms at ×5 (target ≤ 5 ms: ${p95 <= 5 ? 'met' : 'MISSED'}), heap ${row['heap MB']} MB.`);
}

await main();
