import { spawnSync } from 'node:child_process';
import { existsSync, openSync, readSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedEngine, type EmbeddedEngineOptions } from '../../search/embedded/embedded-engine.ts';
import type { SearchDocument } from '../../search/engine.ts';
import { defaultSearchSettings } from '../../search/settings.ts';
import { spawnServer } from '../support/server-process.ts';
import { type BenchQuery, mixedQueries, QUERY_SHAPES } from './support/bench-queries.ts';
import { corpusDir, loadBenchDocuments, percentile, scaled, scaledCorpusDir } from './support/corpus-documents.ts';

/**
 * `npm run bench:search`: the embedded engine on the real corpus plus the sample (~1.1k articles) and the
 * same ×5 (~5.4k): index build time and memory, in-process latency over mixed queries (and by query shape,
 * to show which shapes make the tail), and HTTP latency of /api/search at a fixed 100 req/s (open loop,
 * from this process) on ~1.1k and ~5.1k articles, split by the server's Server-Timing into the search
 * itself and the rest. Targets: in-process p95 ≤ 5 ms, HTTP p95 ≤ 15 ms on ~5k articles.
 * Baseline, measured in the same run on the same documents and queries: the same engine with its answer and
 * typo caches off, so the ratio shows what the caches buy on a realistic mix in which queries repeat.
 * The load average is printed with the figures: on a shared machine, waiting for a core is in every latency.
 * Run with --expose-gc (the npm script does) for honest memory figures.
 */
const loadAtStart = loadAverage();
const schedstat = existsSync('/proc/thread-self/schedstat') ? openSync('/proc/thread-self/schedstat', 'r') : undefined;
const schedstatBuffer = Buffer.alloc(128);
const documents = await loadBenchDocuments();
// Warm-up queries come from the same generator but are not among the measured ones, so the answer cache
// starts without the measured queries in it; repeats within the measured list are hits, as in production.
// HTTP gets 1,500 more (one per request), rather than cycling through the 400 and finding them all cached.
const generated = mixedQueries(documents, 1_950);
const [queries, warmUp, httpQueries] = [generated.slice(0, 400), generated.slice(400, 450), generated.slice(450)];
const repeats = (list: BenchQuery[]) => list.filter((query, i) => list.findIndex((other) => other.q === query.q && other.locale === query.locale) < i).length;
const cachesOff: EmbeddedEngineOptions = { cachedAnswers: 0, cachedTypoLookups: 0 };
const rows: Record<string, Record<string, number | string>> = {};
const ratios: string[] = [];
let tail: { baseline: Timed[]; engine: Timed[] } | undefined;
for (const [label, docs] of [['~1.1k articles', documents], ['~5.4k articles (×5)', scaled(documents, 5)]] as const) {
  const [baseline, engine] = await measureInProcess(docs, queries, [cachesOff, {}]);
  rows[`in-process, ${label}, caches off (baseline)`] = baseline!.row;
  rows[`in-process, ${label}`] = engine!.row;
  ratios.push(`${label}: baseline ÷ engine = p50 ×${ratio(baseline!.row, engine!.row, 'p50 ms')}, p95 ×${ratio(baseline!.row, engine!.row, 'p95 ms')}, p99 ×${ratio(baseline!.row, engine!.row, 'p99 ms')}`);
  tail = { baseline: baseline!.timed, engine: engine!.timed };
}
const loadAfterInProcess = loadAverage();
console.log(`\nEmbedded search engine (MiniSearch), mixed queries (prefixes, typos, word forms, Cyrillic and Latin): in-process ${queries.length} (${repeats(queries)} repeat an earlier one), HTTP ${httpQueries.length} (${repeats(httpQueries)} repeats)\n`);
// In-process figures first: on a loaded machine the HTTP server can fail to start, and they would be lost.
console.table(rows);
console.log('Baseline: the same engine with its answer and typo caches off (same documents, queries and run; each query asked of both in turn).');
console.log('"less waits": each query\'s time minus the time it waited for a core while other processes ran (Linux schedstat); "waited for a core": queries that did.');
for (const line of ratios) console.log(line);
console.log(`\nBy query shape, ~5.4k articles (${queries.length / QUERY_SHAPES.length} queries each):`);
console.table(byShape(tail!.baseline, tail!.engine));
console.log('Slowest 8 (engine, ~5.4k): ' + slowest(tail!.engine, 8));
console.log(`Load average (1 min) at start ${loadAtStart}, after in-process ${loadAfterInProcess}, on ${os.availableParallelism()} cores.\n`);

const http: Record<string, Record<string, number | string>> = {};
http['HTTP /api/search @100 req/s, ~1.1k articles'] = await measureHttp(httpQueries, corpusDir, '.bench-data');
const scaledDir = await scaledCorpusDir(5);
try {
  http['HTTP /api/search @100 req/s, ~5.1k articles (corpus ×5 + sample)'] = await measureHttp(httpQueries, scaledDir, '.bench-data-x5');
} finally {
  await rm(scaledDir, { recursive: true, force: true });
}
console.log('Each server also holds the 74 articles of the sample (articles/), imported at start.');
console.table(http);
console.log('"search" is the Server-Timing the server reports for the search call alone; the rest is the request around it.');
console.log(`Load average (1 min) at the end ${loadAverage()}.`);

interface Timed {
  query: BenchQuery;
  ms: number;
  /** Of `ms`, the time spent waiting for a core while other processes ran. */
  waitedMs: number;
}

function loadAverage(): string {
  return os.loadavg()[0]!.toFixed(2);
}

function ratio(baseline: Record<string, number | string>, engine: Record<string, number | string>, column: string): string {
  return (Number(baseline[column]) / Number(engine[column])).toFixed(1);
}

/** A percentile of sorted times, rounded for the table. */
function ms(sorted: number[], p: number): number {
  return +percentile(sorted, p).toFixed(2);
}

/**
 * Builds one engine per option set, then asks each query of them in turn (alternating which goes first, so
 * neither always finds the other's work in the CPU caches): a burst of load on a shared machine then lands
 * on all of them alike, and the ratio compares like with like.
 */
async function measureInProcess(docs: SearchDocument[], list: BenchQuery[], variants: EmbeddedEngineOptions[]) {
  const engines: Array<{ engine: EmbeddedEngine; buildMs: number; heapMb: number; timed: Timed[] }> = [];
  for (const options of variants) {
    // Each engine indexes its own copy of the documents, released once indexed (as the server's come from
    // database rows it drops): the heap then shows what the engine really keeps, including any text it
    // holds on to through a slice of a body it was given.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let copies: SearchDocument[] | undefined = JSON.parse(JSON.stringify(docs)) as SearchDocument[];
    const started = performance.now();
    const engine = new EmbeddedEngine(options);
    await engine.configure(defaultSearchSettings);
    await engine.replaceAll(copies);
    const buildMs = performance.now() - started;
    copies = undefined;
    global.gc?.();
    engines.push({ engine, buildMs, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, timed: [] });
  }
  for (const query of warmUp) for (const { engine } of engines) await engine.search(query);
  for (const [i, query] of list.entries()) {
    for (const measured of i % 2 === 0 ? engines : [...engines].reverse()) {
      const waitedBefore = runQueueWaitMs();
      const t = performance.now();
      await measured.engine.search(query);
      const took = performance.now() - t;
      measured.timed.push({ query, ms: took, waitedMs: runQueueWaitMs() - waitedBefore });
    }
  }
  for (const { engine } of engines) await engine.close();
  return engines.map(({ buildMs, heapMb, timed }) => {
    const times = timed.map((entry) => entry.ms).sort((a, b) => a - b);
    const ownTimes = timed.map((entry) => entry.ms - entry.waitedMs).sort((a, b) => a - b);
    const row = { documents: docs.length, 'build ms': Math.round(buildMs), 'heap MB': +heapMb.toFixed(1), 'p50 ms': ms(times, 50), 'p95 ms': ms(times, 95), 'p99 ms': ms(times, 99) };
    const waits = timed.filter((entry) => entry.waitedMs > 0).length;
    return { timed, row: { ...row, 'p95 less waits': ms(ownTimes, 95), 'p99 less waits': ms(ownTimes, 99), 'waited for a core': waits } };
  });
}

/**
 * Milliseconds this thread has spent runnable but waiting for a core (Linux schedstat), so a query's time
 * can be told apart from the time other processes held the CPU; 0 where the kernel does not say.
 */
function runQueueWaitMs(): number {
  if (schedstat === undefined) return 0;
  const read = readSync(schedstat, schedstatBuffer, 0, schedstatBuffer.length, 0);
  return Number(schedstatBuffer.toString('latin1', 0, read).split(' ')[1]) / 1e6;
}

/** p50/p95/max of each query shape, baseline next to engine, and the engine's p95 less waits for a core. */
function byShape(baseline: Timed[], engine: Timed[]) {
  const of = (list: Timed[], shape: string) => list.filter((entry) => entry.query.shape === shape);
  const sorted = (list: Timed[], time: (entry: Timed) => number) => list.map(time).sort((a, b) => a - b);
  return Object.fromEntries(
    QUERY_SHAPES.map((shape) => {
      const base = sorted(of(baseline, shape), (entry) => entry.ms);
      const eng = sorted(of(engine, shape), (entry) => entry.ms);
      const own = sorted(of(engine, shape), (entry) => entry.ms - entry.waitedMs);
      return [shape, { 'baseline p50': ms(base, 50), 'baseline p95': ms(base, 95), 'p50 ms': ms(eng, 50), 'p95 ms': ms(eng, 95), 'max ms': +eng[eng.length - 1]!.toFixed(2), 'p95 less waits': ms(own, 95) }];
    }),
  );
}

function slowest(timed: Timed[], count: number): string {
  return [...timed]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map(({ query, ms: took, waitedMs }) => `"${query.q}" (${query.locale}, ${query.shape}) ${took.toFixed(1)} ms${waitedMs > 0 ? ` (${waitedMs.toFixed(1)} waiting)` : ''}`)
    .join('; ');
}

/** A server with `dir` imported into its database, searched over HTTP at a fixed rate. */
async function measureHttp(list: BenchQuery[], dir: string, dataDir: string) {
  const env = { DATA_DIR: path.resolve(dataDir), EMBEDDED_POSTGRES_PORT: '54369', SEARCH_RATE_LIMIT_PER_MINUTE: '1000000' };
  // The corpus's import warnings (missing images, unknown links) run to megabytes; only the report is read.
  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'site/server/cli/import-articles.ts', dir], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const report = imported.stdout.split('\n').find((line) => line.includes('"articles imported"'));
  if (imported.status !== 0 || !report) throw new Error(`corpus import failed (${imported.signal ?? imported.status}): ${imported.error?.message ?? ''} ${imported.stderr}`);
  const { created, updated, unchanged } = JSON.parse(report) as Record<string, number>;
  const server = await spawnServer(env);
  try {
    const paths = list.map((q) => `/api/search?locale=${q.locale}&q=${encodeURIComponent(q.q)}`);
    for (const q of warmUp) await (await fetch(`${server.url}/api/search?locale=${q.locale}&q=${encodeURIComponent(q.q)}`)).arrayBuffer();
    const answers = await atFixedRate(paths.map((p) => server.url + p), 100, 15);
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    const search = answers.map((a) => a.searchMs).sort((a, b) => a - b);
    return { 'corpus articles': created! + updated! + unchanged!, 'p50 ms': ms(times, 50), 'p95 ms': ms(times, 95), 'p99 ms': ms(times, 99), 'search p50': ms(search, 50), 'search p95': ms(search, 95), 'search p99': ms(search, 99) };
  } finally {
    await server.stop();
  }
}

/** Sends requests at a fixed rate (open loop: a slow answer does not delay the next request); latencies and search times. */
async function atFixedRate(urls: string[], perSecond: number, seconds: number): Promise<Array<{ ms: number; searchMs: number }>> {
  const total = perSecond * seconds;
  const started = performance.now();
  const pending: Array<Promise<{ ms: number; searchMs: number }>> = [];
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const t = performance.now();
        const response = await fetch(urls[n % urls.length]!);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const searchMs = Number(/search;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
        return { ms: performance.now() - t, searchMs };
      })(),
    );
  }
  return Promise.all(pending);
}
