import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../../core/accounts/passwords.ts';
import { randomToken, tokenHash } from '../../core/accounts/tokens.ts';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.ts';
import { createLogger } from '../../core/logger.ts';
import { freePort, spawnServer } from '../support/server-process.ts';
import { runLossCheck } from './support/chat-loss.ts';
import { openSockets, percentile, runLoad, type LoadResult } from './support/chat-load.ts';

/**
 * `npm run bench:chat`: N visitor sockets and a few operators on loopback; messages at a fixed total rate
 * through the full path (validation, PostgreSQL commit, fan-out to operators), against a bare socket.io relay
 * without persistence in the same run. Then the loss check: durable clients forcibly disconnected about every
 * 15 s; every message must be stored exactly once. Targets: p99 ≤ 100 ms at 1,000 sockets and 200 msg/s;
 * ≤ 60 KB per idle socket; 0 lost, 0 duplicated.
 */
const visitorCount = Number(process.env.BENCH_SOCKETS ?? 1_000);
const operatorCount = Number(process.env.BENCH_OPERATORS ?? 5);
const rate = Number(process.env.BENCH_RATE ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const lossClients = Number(process.env.BENCH_LOSS_CLIENTS ?? 200);
const lossSeconds = Number(process.env.BENCH_LOSS_SECONDS ?? 120);

const database = await startEmbeddedPostgres({ dataDir: path.resolve('.bench-data/chat-postgres'), port: 54368, logger: createLogger('warn', false) });
const db = new pg.Client({ connectionString: database.url });
const server = await spawnServer({ DATABASE_URL: database.url, DATA_DIR: path.resolve('.bench-data/chat'), LOG_LEVEL: 'info', IMPORT_ON_START: 'false', CHAT_HANDSHAKES_PER_MINUTE: '1000000' });
try {
  await db.connect();
  const cookie = await operatorCookie(db);

  // Full path.
  const rssBefore = residentBytes(server.child.pid!);
  const visitors = await openSockets(server.url, '/visitor', visitorCount);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const bytesPerSocket = (residentBytes(server.child.pid!) - rssBefore) / visitorCount;
  const operators = await openSockets(server.url, '/agent', operatorCount, { cookie });
  const full: LoadResult = { ...(await runLoad(visitors, operators[0]!, rate, seconds)), bytesPerSocket };
  for (const socket of [...visitors, ...operators]) socket.disconnect();

  // Baseline: the bare relay.
  const relayPort = await freePort();
  const relay = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/chat-relay.ts', String(relayPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => relay.stdout!.once('data', resolve));
  const relayUrl = `http://127.0.0.1:${relayPort}`;
  const relayRssBefore = residentBytes(relay.pid!);
  const relayVisitors = await openSockets(relayUrl, '/visitor', visitorCount);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const relayBytes = (residentBytes(relay.pid!) - relayRssBefore) / visitorCount;
  const relayOperators = await openSockets(relayUrl, '/agent', operatorCount);
  const bare: LoadResult = { ...(await runLoad(relayVisitors, relayOperators[0]!, rate, seconds)), bytesPerSocket: relayBytes };
  for (const socket of [...relayVisitors, ...relayOperators]) socket.disconnect();
  relay.kill();

  console.log(`\n${visitorCount} visitor sockets, ${operatorCount} operators, ${rate} msg/s for ${seconds} s (WebSocket, loopback)\n`);
  console.table({ 'Deflect (validate, commit, fan-out)': row(full), 'bare socket.io relay (no persistence)': row(bare) });
  const p99 = percentile(full.latencies, 99);
  console.log(`p99 ratio Deflect / bare relay: ${(p99 / percentile(bare.latencies, 99)).toFixed(2)}×`);
  console.log(`target p99 ≤ 100 ms: ${p99 <= 100 ? 'PASS' : 'MISSED'} (${p99.toFixed(1)} ms); target ≤ 60 KB per idle socket: ${full.bytesPerSocket! <= 60 * 1024 ? 'PASS' : 'MISSED'} (${(full.bytesPerSocket! / 1024).toFixed(1)} KB)`);

  // Loss check.
  console.log(`\nLoss check: ${lossClients} durable clients, forced disconnects about every 15 s, ${lossSeconds} s …`);
  const loss = await runLossCheck(server.url, lossClients, lossSeconds);
  const { rows } = await db.query<{ client_id: string; n: number }>('SELECT client_id, count(*)::int AS n FROM messages WHERE client_id = ANY($1::uuid[]) GROUP BY client_id', [loss.clientIds]);
  const stored = new Map(rows.map((r) => [r.client_id, r.n]));
  const lost = loss.clientIds.filter((id) => !stored.has(id)).length;
  const duplicated = rows.filter((r) => r.n > 1).length;
  console.table({ 'loss check': { clients: loss.clients, 'messages sent': loss.sent, 'forced disconnects': loss.forcedDisconnects, 'unacked at end': loss.unacked, lost, duplicated } });
  console.log(`0 lost, 0 duplicated: ${lost === 0 && duplicated === 0 && loss.unacked === 0 ? 'PASS' : 'FAILED'}`);
} finally {
  await db.end().catch(() => undefined);
  await server.stop();
  await database.stop();
}

async function operatorCookie(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ id: number }>(
    "INSERT INTO users (email, name, password_hash, roles) VALUES ('bench-operator@acme.example', 'Bench', $1, ARRAY['operator']::varchar[]) ON CONFLICT (email) DO UPDATE SET name = 'Bench' RETURNING id",
    [await hashPassword('bench operator password')],
  );
  const token = randomToken();
  await client.query("INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')", [tokenHash(token), rows[0]!.id]);
  return `deflect_session=${token}`;
}

function residentBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
}

function row(result: LoadResult) {
  return {
    'msgs/s': Math.round(result.delivered / result.seconds),
    delivered: `${result.delivered}/${result.sent}`,
    'p50 ms': +percentile(result.latencies, 50).toFixed(1),
    'p95 ms': +percentile(result.latencies, 95).toFixed(1),
    'p99 ms': +percentile(result.latencies, 99).toFixed(1),
    'KB / idle socket': +(result.bytesPerSocket! / 1024).toFixed(1),
  };
}
