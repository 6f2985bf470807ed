import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { EmbeddedEngine, type EmbeddedEngineOptions } from '../../search/embedded/embedded-engine.ts';
import type { SearchDocument, SearchQuery } from '../../search/engine.ts';
import { defaultSearchSettings } from '../../search/settings.ts';
import { spawnServer } from '../support/server-process.ts';
import { mixedQueries } from './support/bench-queries.ts';
import { corpusDir, loadBenchDocuments, percentile, scaled } from './support/corpus-documents.ts';

/**
 * `npm run bench:search`: the embedded engine on the real corpus plus the sample (~1.1k articles) and the
 * same ×5 (~5.4k): index build time and memory, in-process latency over mixed queries, and HTTP latency
 * of /api/search at a fixed 100 req/s (open loop, from this process). Targets: in-process p95 ≤ 5 ms, HTTP p95 ≤ 15 ms on ~5k articles.
 * Baseline, measured in the same run on the same documents and queries: the same engine with its answer and
 * typo caches off, so the ratio shows what the caches buy on a realistic mix in which queries repeat.
 * Run with --expose-gc (the npm script does) for honest memory figures.
 */
const documents = await loadBenchDocuments();
// Warm-up queries come from the same generator but are not among the measured ones, so the answer cache
// starts without the measured queries in it; repeats within the measured list are hits, as in production.
// HTTP gets 1,500 more (one per request), rather than cycling through the 400 and finding them all cached.
const generated = mixedQueries(documents, 1_950);
const [queries, warmUp, httpQueries] = [generated.slice(0, 400), generated.slice(400, 450), generated.slice(450)];
const repeats = (list: SearchQuery[]) => list.filter((query, i) => list.findIndex((other) => other.q === query.q && other.locale === query.locale) < i).length;
const cachesOff: EmbeddedEngineOptions = { cachedAnswers: 0, cachedTypoLookups: 0 };
const rows: Record<string, Record<string, number | string>> = {};
const ratios: string[] = [];
for (const [label, docs] of [['~1.1k articles', documents], ['~5.4k articles (×5)', scaled(documents, 5)]] as const) {
  const baseline = (rows[`in-process, ${label}, caches off (baseline)`] = await measureInProcess(docs, queries, cachesOff));
  const engine = (rows[`in-process, ${label}`] = await measureInProcess(docs, queries, {}));
  ratios.push(`${label}: baseline ÷ engine = p50 ×${ratio(baseline, engine, 'p50 ms')}, p95 ×${ratio(baseline, engine, 'p95 ms')}, p99 ×${ratio(baseline, engine, 'p99 ms')}`);
}
console.log(`\nEmbedded search engine (MiniSearch), mixed queries (prefixes, typos, word forms, Cyrillic and Latin): in-process ${queries.length} (${repeats(queries)} repeat an earlier one), HTTP ${httpQueries.length} (${repeats(httpQueries)} repeats)\n`);
// In-process figures first: on a loaded machine the HTTP server can fail to start, and they would be lost.
console.table(rows);
console.log('Baseline: the same engine with its answer and typo caches off (same documents, queries and run).');
for (const line of ratios) console.log(line);
console.table({ 'HTTP /api/search @100 req/s, ~1.1k articles': await measureHttp(httpQueries) });

function ratio(baseline: Record<string, number | string>, engine: Record<string, number | string>, column: string): string {
  return (Number(baseline[column]) / Number(engine[column])).toFixed(1);
}

async function measureInProcess(docs: SearchDocument[], list: SearchQuery[], options: EmbeddedEngineOptions) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const engine = new EmbeddedEngine(options);
  await engine.configure(defaultSearchSettings);
  await engine.replaceAll(docs);
  const buildMs = performance.now() - started;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  for (const query of warmUp) await engine.search(query);
  const times: number[] = [];
  for (const query of list) {
    const t = performance.now();
    await engine.search(query);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  await engine.close();
  return { documents: docs.length, 'build ms': Math.round(buildMs), 'heap MB': +heapMb.toFixed(1), 'p50 ms': +percentile(times, 50).toFixed(2), 'p95 ms': +percentile(times, 95).toFixed(2), 'p99 ms': +percentile(times, 99).toFixed(2) };
}

/** The server with the corpus imported into its database, searched over HTTP at a fixed rate. */
async function measureHttp(list: SearchQuery[]) {
  const env = { DATA_DIR: path.resolve('.bench-data'), EMBEDDED_POSTGRES_PORT: '54369', SEARCH_RATE_LIMIT_PER_MINUTE: '1000000' };
  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'site/server/cli/import-articles.ts', corpusDir], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`corpus import failed: ${imported.stderr}`);
  const server = await spawnServer(env);
  try {
    const paths = list.map((q) => `/api/search?locale=${q.locale}&q=${encodeURIComponent(q.q)}`);
    for (const q of warmUp) await (await fetch(`${server.url}/api/search?locale=${q.locale}&q=${encodeURIComponent(q.q)}`)).arrayBuffer();
    const times = await atFixedRate(paths.map((p) => server.url + p), 100, 15);
    return { documents: '~1.1k', 'build ms': '–', 'heap MB': '–', 'p50 ms': +percentile(times, 50).toFixed(2), 'p95 ms': +percentile(times, 95).toFixed(2), 'p99 ms': +percentile(times, 99).toFixed(2) };
  } finally {
    await server.stop();
  }
}

/** Sends requests at a fixed rate (open loop: a slow answer does not delay the next request); latencies, sorted. */
async function atFixedRate(urls: string[], perSecond: number, seconds: number): Promise<number[]> {
  const total = perSecond * seconds;
  const started = performance.now();
  const pending: Array<Promise<number>> = [];
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
        return performance.now() - t;
      })(),
    );
  }
  return (await Promise.all(pending)).sort((a, b) => a - b);
}
