import { EmbeddedEngine } from './search/embedded/embedded-engine.ts';
import { defaultSearchSettings } from './search/settings.ts';
import { loadBenchDocuments, scaled, percentile } from './tests/bench/support/corpus-documents.ts';
import { mixedQueries } from './tests/bench/support/bench-queries.ts';
const base = await loadBenchDocuments();
const docs = scaled(base, 5);
const e = new EmbeddedEngine(); await e.configure(defaultSearchSettings); await e.replaceAll(docs);
const qs = mixedQueries(base, 400);
for (const q of qs.slice(0, 50)) await e.search(q);
const byKind = new Map<number, number[]>(); const slow: [number, string][] = [];
for (const [i, q] of qs.entries()) { const t = performance.now(); const r = await e.search(q); const d = performance.now() - t; const k = i % 5; byKind.set(k, [...(byKind.get(k) ?? []), d]); slow.push([d, `${k} ${q.locale} ${q.q} (${r.total})`]); }
for (const [k, v] of byKind) { v.sort((a, b) => a - b); console.log('kind', k, 'p50', percentile(v, 50).toFixed(1), 'p95', percentile(v, 95).toFixed(1)); }
slow.sort((a, b) => b[0] - a[0]); console.log(slow.slice(0, 12).map(([t, q]) => t.toFixed(1) + ' ' + q).join('\n'));
