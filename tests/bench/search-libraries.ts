/**
 * MiniSearch vs Orama as the embedded (in-process) search engine, on real data: the sample help center
 * (articles/) plus the VK Cloud corpus at ../shared/corpus (read at run time, never copied here).
 *
 *   npm run bench:search-libraries      (from the repo root, ~7 min)
 *
 * Both libraries get the same documents (our import pipeline), the same analyzer (search/text/analyze.ts)
 * and the same query words; only the engines differ. Prints build time, heap, serialized size, latency
 * and recall@3 / MRR at ~1.1k documents and at ×5 (~5.4k), then a recommendation. One extra row,
 * "MiniSearch (tuned)", shows what its per-subquery options buy; it is not the equivalent configuration.
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

/** One article as both engines get it; `stemmed` is every text field stemmed ("уведомления" finds "уведомлений"). */
interface BenchDoc { id: string; locale: string; title: string; headings: string[]; tags: string[]; description: string; body: string; stemmed: string }

type TextField = 'title' | 'headings' | 'tags' | 'description' | 'body';
type Field = TextField | 'stemmed';
const TEXT_FIELDS: TextField[] = ['title', 'headings', 'tags', 'description', 'body'];
const BOOST: Record<Field, number> = { title: 5, headings: 3, tags: 2.5, description: 2, body: 1, stemmed: 1.5 };
const LIMIT = 10;

/** Typos allowed for one term: none under 5 letters, 1 from 5, 2 from 9. */
const typoBudget = (term: string): number => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0);

/** Runs one articles folder through the production import so the text is exactly what gets indexed. */
async function loadDocs(root: string, idPrefix: string): Promise<BenchDoc[]> {
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'deflect-bench-media-'));
  const prepared = await prepareImport(await readSourceTree(root), { locales: ['en', 'ru'], defaultLocale: 'en', mediaDir });
  console.log(`${root}: ${prepared.articles.length} articles, ${prepared.problems.length} import warnings (production imports past them too)`);
  return prepared.articles
    .filter((a) => !a.draft)
    .map((a) => {
      const doc = { id: `${idPrefix}${a.locale}/${a.collectionSlug}/${a.slug}`, locale: a.locale, title: a.title, headings: a.toc.map((t) => t.text), tags: a.tags, description: a.description, body: markdownToPlainText(a.body) };
      // Stemmed once, before either build, so neither library's build time or heap includes it.
      return { ...doc, stemmed: stemmedText([doc.title, ...doc.headings, ...doc.tags, doc.description, doc.body].join('\n'), doc.locale) };
    });
}

/** Copies with new ids ("…#2"): 5× the postings, but the same vocabulary, which flatters fuzzy and prefix lookups. */
function scaled(docs: BenchDoc[], times: number): BenchDoc[] {
  return Array.from({ length: times }, (_, k) => docs.map((d) => (k === 0 ? d : { ...d, id: `${d.id}#${k + 1}` }))).flat();
}

/** Query words minus stop words (unless only stop words were typed), and their stems: same input for every engine. */
function analyzeQuery(q: string, locale: string): { words: string[]; stems: string[] } {
  const all = tokenize(q);
  const stop = new Set(defaultSearchSettings.stopWords[locale] ?? []);
  const kept = all.filter((w) => !stop.has(w));
  const words = kept.length ? kept : all;
  return { words, stems: words.map((w) => stem(w, locale)) };
}

interface Engine {
  name: string;
  build(docs: BenchDoc[]): void;
  /** Ids of the top hits, best first, in one locale. */
  search(q: string, locale: string): string[];
  serializedBytes(): number;
}

/** Prefix search on the last query word only, and only from `min` letters. */
const lastWord = (min: number) => (term: string, i: number, terms: string[]) => i === terms.length - 1 && term.length >= min;

/**
 * "equivalent": the configuration Orama gets too. "tuned": fuzzy and 1–2 letter prefixes only on the short
 * fields (on body text they expand to thousands of terms: the costliest, least useful matches), and one
 * index per locale (MiniSearch filters after scoring, so a shared index scores every locale's matches).
 */
function miniSearchEngine(variant: 'equivalent' | 'tuned'): Engine {
  const newIndex = () =>
    new MiniSearch<BenchDoc>({
      fields: [...TEXT_FIELDS, 'stemmed'],
      storeFields: ['locale'],
      extractField: (doc, field) => [doc[field as keyof BenchDoc]].flat().join('\n'), // headings, tags: one line each
      tokenize: (text) => tokenize(text),
      processTerm: (term) => term, // tokenize() already normalized
    });
  let indexes = new Map<string, MiniSearch<BenchDoc>>();
  // fuzzy: a number ≥ 1 is an absolute edit distance, 0 turns fuzzy off for that term.
  const options: SearchOptions = { boost: BOOST, fuzzy: (term) => typoBudget(term), prefix: lastWord(1) };
  const longFields = variant === 'tuned' ? { fuzzy: false, prefix: lastWord(3) } : {};
  return {
    name: `MiniSearch 7.2 (${variant})`,
    build(docs) {
      const groups = variant === 'tuned' ? Map.groupBy(docs, (d) => d.locale) : new Map([['*', docs]]);
      indexes = new Map([...groups.keys()].map((locale) => [locale, newIndex()]));
      for (const [locale, group] of groups) indexes.get(locale)!.addAll(group);
    },
    search(q, locale) {
      const index = indexes.get(locale) ?? indexes.get('*')!;
      const { words, stems } = analyzeQuery(q, locale);
      // Per-subquery fields and options: surface words against the text fields, stems against the stemmed field only.
      const queries = [
        { queries: [words.join(' ')], fields: TEXT_FIELDS.filter((f) => f !== 'body') },
        { queries: [words.join(' ')], fields: ['body'], ...longFields },
        { queries: [stems.join(' ')], fields: ['stemmed'], ...longFields },
      ];
      const hits = index.search({ combineWith: 'OR', queries }, { ...options, filter: (r) => r['locale'] === locale });
      return hits.slice(0, LIMIT).map((r) => String(r.id));
    },
    serializedBytes: () => [...indexes.values()].reduce((sum, index) => sum + Buffer.byteLength(JSON.stringify(index)), 0),
  };
}

const ORAMA_SCHEMA = { id: 'string', locale: 'enum', title: 'string', headings: 'string[]', tags: 'string[]', description: 'string', body: 'string', stemmed: 'string' } as const;

/**
 * Unique tokens per field, like Orama's own tokenizer: its insert counts document frequency once per
 * token it is given and scans the token list per token, so duplicates would skew IDF and go quadratic.
 */
const oramaTokenizer: Tokenizer = { language: 'english', normalizationCache: new Map(), tokenize: (raw) => [...new Set(tokenize(raw))] };

/** Orama answers synchronously unless hooks are async; measure it as such instead of adding a microtask per query. */
function sync<T>(value: T | Promise<T>): T {
  if (value instanceof Promise) throw new Error('Orama answered asynchronously');
  return value;
}

/**
 * Orama prefix-matches every term (exact: true would disable it for all and adds a case-sensitive
 * post-filter on the raw text) and takes one tolerance and one term list per call.
 * "one call": words + stems against all fields, tolerance = the smallest budget among the words (a larger
 * one lets short words match anything). "per term": one call per (field set, budget) group, scores summed.
 */
function oramaEngine(mode: 'one call' | 'per term'): Engine {
  const newDb = () => create({ schema: ORAMA_SCHEMA, components: { tokenizer: oramaTokenizer } });
  let db = newDb();
  const call = (term: string, properties: Field[], tolerance: number, locale: string, limit: number) =>
    sync(oramaSearch(db, { term, properties, tolerance, boost: BOOST, threshold: 1, where: { locale: { eq: locale } }, limit })).hits;
  return {
    name: `Orama 3.1 (${mode})`,
    build(docs) {
      db = newDb();
      sync(insertMultiple(db, docs));
    },
    search(q, locale) {
      const { words, stems } = analyzeQuery(q, locale);
      if (mode === 'one call') {
        const tolerance = Math.min(2, ...words.map(typoBudget));
        return call([...new Set([...words, ...stems])].join(' '), [...TEXT_FIELDS, 'stemmed'], tolerance, locale, LIMIT).map((h) => h.id);
      }
      const scores = new Map<string, number>();
      const everyHit = count(db); // merging needs all hits of every call, not each call's top 10
      for (const [fields, terms] of [[TEXT_FIELDS, words], [['stemmed'], stems]] as const) {
        for (const [tolerance, group] of Map.groupBy(terms, typoBudget)) {
          for (const hit of call(group.join(' '), [...fields], tolerance, locale, everyHit)) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.score);
        }
      }
      return [...scores].sort((a, b) => b[1] - a[1]).slice(0, LIMIT).map(([id]) => id);
    },
    serializedBytes: () => Buffer.byteLength(JSON.stringify(save(db))),
  };
}

type Kind = 'fixed' | 'prefix' | 'word' | 'typo' | 'question';
interface Query { q: string; locale: string; kind: Kind }

const FIXED = {
  en: ['pasword', 'notifcations', 'pasword reset', 'invo', 'how do I reset my password', 'cancel subscription', '2fa', 'slack', 'webhoks', 'kubernetes cluster', 'create virtual machine', 's3 bucket'],
  ru: ['уведомлния', 'настроить уведомления', 'как отменить подписку', 'сбросить пароль', 'счета', 'создать виртуальную машину', 'кластера kubernetes', 'резервное копирование', 'ба', 'вирт'],
};

/** Small seeded PRNG (mulberry32): the same queries on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fixed list, then in turn from random titles: a 1–3 letter prefix, a whole word, a one-edit typo, a question. */
function benchQueries(docs: BenchDoc[], total: number): Query[] {
  const random = seeded(42);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const queries: Query[] = Object.entries(FIXED).flatMap(([locale, list]) => list.map((q) => ({ q, locale, kind: 'fixed' as const })));
  const kinds = ['prefix', 'word', 'typo', 'question'] as const;
  while (queries.length < total) {
    const doc = pick(docs);
    const words = tokenize(doc.title).filter((w) => w.length > 1);
    if (!words.length) continue;
    const word = pick(words);
    const kind = kinds[queries.length % kinds.length]!;
    const q = {
      prefix: () => word.slice(0, 1 + Math.floor(random() * 3)),
      word: () => word,
      typo: () => typo(word, random),
      question: () => `${doc.locale === 'ru' ? 'как' : 'how to'} ${words.slice(0, 4).join(' ')}`,
    }[kind]();
    queries.push({ q, locale: doc.locale, kind });
  }
  return queries;
}

/** One deletion, swap or substitution, never on the first letter (people rarely get that wrong). */
function typo(word: string, random: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const edit = Math.floor(random() * 3);
  if (edit === 0) return word.slice(0, i) + word.slice(i + 1);
  if (edit === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + (/[а-я]/.test(word) ? 'о' : 'e') + word.slice(i + 1);
}

/** Over articles/ (locale = first path segment): typos, prefixes, word forms, questions; one right article each. */
const RELEVANCE: [q: string, expected: string][] = [
  ['pasword reset', 'en/account/reset-password'], ['forgot password', 'en/account/reset-password'], ['сбросить пароль', 'ru/account/reset-password'], ['сбро', 'ru/account/reset-password'],
  ['настроить уведомления', 'ru/settings/notifications'], ['уведомлния', 'ru/settings/notifications'], ['notifcations', 'en/settings/notifications'],
  ['2fa', 'en/account/two-factor-authentication'], ['two factor', 'en/account/two-factor-authentication'], ['двухфакторная аутентификац', 'ru/account/two-factor-authentication'],
  ['invoice', 'en/billing/invoices'], ['invo', 'en/billing/invoices'], ['export invoices pdf', 'en/billing/invoices'], ['счета', 'ru/billing/invoices'],
  ['slack', 'en/integrations/slack'], ['set up slack', 'en/integrations/slack'], ['webhoks', 'en/integrations/webhooks'], ['вебхук', 'ru/integrations/webhooks'],
  ['отменить подписку', 'ru/billing/cancel-subscription'], ['how do I cancel my subscription', 'en/billing/cancel-subscription'], ['refund', 'en/billing/refunds'],
  ['change plan', 'en/billing/change-plan'], ['смена тарифа', 'ru/billing/change-plan'], ['pay', 'en/billing/payment-methods'], ['способы оплаты', 'ru/billing/payment-methods'],
  ['карта', 'ru/billing/payment-methods'], ['ндс', 'ru/billing/vat-and-taxes'], ['dark mode', 'en/settings/appearance'], ['тёмная тема', 'ru/settings/appearance'],
  ['горячие клавиши', 'ru/getting-started/keyboard-shortcuts'], ['удалить аккаунт', 'ru/account/delete-account'], ['delete my account', 'en/account/delete-account'],
  ['приложение вылетает', 'ru/troubleshooting/mobile-app-crashes'], ['app crashes', 'en/troubleshooting/mobile-app-crashes'], ['приложение тормозит', 'ru/troubleshooting/sync-and-performance'],
  ['time zone', 'en/settings/language-and-time-zone'], ['google calend', 'en/integrations/google-calendar'], ['синхронизации календаря', 'ru/integrations/google-calendar'],
  ['emails not arriving', 'en/troubleshooting/email-not-received'], ['письма не приходят', 'ru/troubleshooting/email-not-received'], ['приглашить команду', 'ru/getting-started/invite-team'],
  ['add teammates', 'en/getting-started/invite-team'], ['sign in with google', 'en/account/sign-in-with-google-sso'], ['не могу войти', 'ru/troubleshooting/cant-sign-in'],
  ["can't sign in", 'en/troubleshooting/cant-sign-in'], ['api token', 'en/integrations/rest-api'], ['custom field', 'en/settings/custom-fields'],
  ['roles permision', 'en/settings/roles-and-permissions'], ['github pull request', 'en/integrations/github'], ['zap', 'en/integrations/zapier'], ['lost phone', 'en/account/sessions-and-devices'],
];

const heapMB = (): number => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const percentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
const ms = (us: number): number => +(us / 1000).toFixed(2);

/** recall@3 and MRR@10 over RELEVANCE, plus the misses (query→rank) so a regression can be read, not just seen. */
function quality(engine: Engine): { 'recall@3': number; MRR: number; misses: string[] } {
  const ranks = RELEVANCE.map(([q, expected]) => engine.search(q, expected.split('/')[0]!).indexOf(expected) + 1); // 0: not in top 10
  const inTop3 = (rank: number) => rank >= 1 && rank <= 3;
  const misses = RELEVANCE.flatMap(([q], i) => (inTop3(ranks[i]!) ? [] : [`"${q}"→${ranks[i] || '-'}`]));
  const mrr = ranks.reduce((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / ranks.length;
  return { 'recall@3': +(ranks.filter(inTop3).length / ranks.length).toFixed(2), MRR: +mrr.toFixed(2), misses };
}

/** Latency per query in µs, sorted, overall and per kind: one warm-up pass (JIT, caches), then three timed passes. */
function latencies(engine: Engine, queries: Query[]): Map<Kind | 'all', number[]> {
  for (const { q, locale } of queries) engine.search(q, locale);
  const samples = new Map<Kind | 'all', number[]>();
  for (let round = 0; round < 3; round++) {
    for (const { q, locale, kind } of queries) {
      const start = performance.now();
      engine.search(q, locale);
      const us = (performance.now() - start) * 1000;
      for (const key of ['all', kind] as const) (samples.get(key) ?? samples.set(key, []).get(key)!).push(us);
    }
  }
  for (const list of samples.values()) list.sort((a, b) => a - b);
  return samples;
}

/** Quality only at ×1: in the ×5 index every right answer has four identical twins sharing its rank. */
function measure(engine: Engine, docs: BenchDoc[], queries: Query[], withQuality: boolean) {
  engine.build(docs.slice(0, 300)); // untimed: JIT-warms the build path, so build order favours no one
  const before = heapMB();
  const start = performance.now();
  engine.build(docs);
  const buildMs = performance.now() - start;
  const heap = heapMB() - before; // the documents were already live: this is what the index holds
  const samples = latencies(engine, queries);
  const all = samples.get('all')!;
  const { misses, ...scores } = withQuality ? quality(engine) : { misses: [] };
  const timing = { 'p50 ms': ms(percentile(all, 0.5)), 'p95 ms': ms(percentile(all, 0.95)), 'p99 ms': ms(percentile(all, 0.99)) };
  const row = { 'build ms': Math.round(buildMs), 'heap MB': +heap.toFixed(1), 'JSON MB': +(engine.serializedBytes() / 2 ** 20).toFixed(1), ...timing, ...scores };
  const p95ByKind = Object.fromEntries([...samples].filter(([kind]) => kind !== 'all').map(([kind, list]) => [kind, ms(percentile(list, 0.95))]));
  return { row, p95ByKind, misses };
}

type Row = ReturnType<typeof measure>['row'];

/** Quality first (a fast wrong answer deflects nothing; ±0.02 is one query's noise), then p95 at ×5. */
function recommend(small: Record<string, Row>, large: Record<string, Row>): string {
  const score = (row: Row) => (row['recall@3'] ?? 0) + (row.MRR ?? 0);
  const [name] = Object.keys(small).sort((a, b) => {
    const diff = score(small[b]!) - score(small[a]!);
    return Math.abs(diff) > 0.02 ? diff : large[a]!['p95 ms'] - large[b]!['p95 ms'];
  });
  const [r1, r5] = [small[name!]!, large[name!]!];
  const target = r5['p95 ms'] <= 5 ? 'met' : 'not met';
  return `Recommendation: ${name} — recall@3 ${r1['recall@3']}, MRR ${r1.MRR}, heap ${r1['heap MB']} MB; p95 ${r1['p95 ms']} ms at ×1, ${r5['p95 ms']} ms at ×5 (≤ 5 ms target ${target}).`;
}

async function main(): Promise<void> {
  if (!globalThis.gc) console.log('note: run with --expose-gc, or heap numbers include garbage');
  const docs = [...(await loadDocs(path.resolve('articles'), '')), ...(await loadDocs(path.resolve('../shared/corpus'), 'vk:'))];
  const queries = benchQueries(docs, 400);
  console.log(`${docs.length} documents (${docs.filter((d) => d.locale === 'ru').length} ru), ${queries.length} queries × 3 timed passes, ${RELEVANCE.length} relevance queries`);
  const tables: Record<string, Record<string, Row>> = {};
  for (const [label, set] of [['×1', docs], ['×5', scaled(docs, 5)]] as const) {
    const [table, byKind]: [Record<string, Row>, Record<string, Record<string, number>>] = [{}, {}];
    for (const engine of [miniSearchEngine('equivalent'), oramaEngine('one call'), oramaEngine('per term'), miniSearchEngine('tuned')]) {
      const { row, p95ByKind, misses } = measure(engine, set, queries, label === '×1');
      [table[engine.name], byKind[engine.name]] = [row, p95ByKind];
      if (label === '×1') console.log(`${engine.name}: not in the top 3: ${misses.join(', ') || 'none'}`);
    }
    console.log(`\n${label}: ${set.length} documents (JSON MB: MiniSearch = index + stored locale; Orama save() = index + full documents)`);
    console.table(table);
    console.log(`${label}: p95 ms by query kind`);
    console.table(byKind);
    tables[label] = table;
  }
  console.log(recommend(tables['×1']!, tables['×5']!));
}

await main();
