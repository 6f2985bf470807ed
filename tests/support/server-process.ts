import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createTestEnvironment } from './test-core.ts';

/** A real `site/server/main.ts` process on a free port, as `npm start` runs it after the build. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** The database it uses, to check what it stored (or run another process on it). */
  databaseUrl: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** The most memory the process has held so far (peak resident set, from /proc). */
  peakMemoryBytes(): number;
}

/** Starts the built server on a fresh test database. Requires `npm run build` first (npm test does it). */
export async function startServerProcess(overrides: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  // The "running at" line is logged at info level; the test environment defaults to warn.
  return spawnServer({ ...(await createTestEnvironment(overrides)), LOG_LEVEL: 'info', ...overrides });
}

/** Starts the built server with the given environment on a free port on loopback. */
export async function spawnServer(overrides: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = String(await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, HOST: '127.0.0.1', ARTICLES_DIR: path.resolve('articles'), LOG_LEVEL: 'info', ...overrides };
  const child = spawn(process.execPath, ['--import', 'tsx', 'site/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    // A server that doesn't come up is stopped, not left holding its port and database connections for the
    // tests that follow.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server did not start in 60 s:\n${output}`));
    }, 60_000);
    const check = () => {
      const match = /Deflect is running at (http:\/\/[^"\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    databaseUrl: env.DATABASE_URL ?? '',
    peakMemoryBytes: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) * 1024,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
