import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, spawnServer } from '../support/server-process.ts';

/**
 * `npm run bench:pages`: an SSR article page against the same HTML served as a static file by a bare Node
 * server, in one run, 50 connections each. Target: SSR ≥ 0.6× the static baseline.
 * Uses the embedded database under .bench-data/ (or DATABASE_URL).
 */
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const articlePath = '/en/account/reset-password';

const server = await spawnServer({ DATA_DIR: path.resolve('.bench-data'), EMBEDDED_POSTGRES_PORT: '54369' });
try {
  const html = await (await fetch(server.url + articlePath)).text();
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'deflect-bench-')), 'article.html');
  await writeFile(file, html);
  const staticPort = await freePort();
  const staticServer = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/static-server.ts', file, String(staticPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => staticServer.stdout!.once('data', resolve));

  const ssr = await measure(server.url + articlePath);
  // A query string bypasses the page cache: Astro renders every request (domain data still memoised).
  const rendered = await measure(`${server.url}${articlePath}?bench=uncached`);
  const baseline = await measure(`http://127.0.0.1:${staticPort}/`);
  staticServer.kill();

  console.log(`\nArticle page (${(html.length / 1024).toFixed(1)} KB HTML), ${connections} connections, ${duration} s each\n`);
  console.table({
    'SSR article (page cache warm)': row(ssr),
    'SSR article, rendered per request': row(rendered),
    'static file, bare node:http': row(baseline),
  });
  const ratio = ssr.requests.average / baseline.requests.average;
  console.log(`ratio SSR / static: ${ratio.toFixed(2)}× (target ≥ 0.60×) ${ratio >= 0.6 ? 'PASS' : 'BELOW TARGET'}`);
  console.log(`ratio rendered-per-request / static: ${(rendered.requests.average / baseline.requests.average).toFixed(2)}× (for information)`);
} finally {
  await server.stop();
}

async function measure(url: string): Promise<autocannon.Result> {
  await autocannon({ url, connections, duration: 2 }); // warm-up: JIT, caches, connections
  const result = await autocannon({ url, connections, duration });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result;
}

function row(result: autocannon.Result) {
  return {
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'MB/s': +(result.throughput.average / 1024 / 1024).toFixed(1),
  };
}
