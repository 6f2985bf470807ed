import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

describe('the server process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves built assets and processed images with long-lived caching', async () => {
    const favicon = await fetch(`${server.url}/favicon.svg`);
    expect(favicon.status).toBe(200);
    const html = await (await fetch(`${server.url}/en/settings/notifications`)).text();
    const image = /src="(\/media\/[a-f0-9]{32}-\d+\.webp)"/.exec(html)?.[1];
    const response = await fetch(`${server.url}${image}`);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/media/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('finishes in-flight requests on SIGTERM, then stops the database and exits 0', async () => {
    const inFlight = fetch(`${server.url}/ru/billing/refunds`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const exitCode = server.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('</html>');
    expect(await exitCode).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  });
});

describe('starting with a bad configuration', () => {
  it('exits 1 naming the variable and what is wrong', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'site/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: 'mysql://localhost/deflect', PORT: 'http' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL: not a postgres:// URL');
    expect(result.stderr).toContain('PORT: not a number');
  });
});
