import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

interface SearchResponse {
  total: number;
  hits: Array<{ url: string; titleHtml: string; snippetHtml: string }>;
  error?: { code: string; message: string };
}

describe('GET /api/search and POST /api/search/log', () => {
  let server: ServerProcess;
  let databaseUrl: string;
  const search = async (params: string) => {
    const response = await fetch(`${server.url}/api/search?${params}`);
    return { status: response.status, headers: response.headers, body: (await response.json()) as SearchResponse };
  };
  beforeAll(async () => {
    server = await startServerProcess({ SEARCH_RATE_LIMIT_PER_MINUTE: '40' });
    databaseUrl = server.databaseUrl;
  });
  afterAll(() => server?.stop());

  it('finds the right article despite a typo, with highlighted title and snippet', async () => {
    const { status, headers, body } = await search('q=pasword%20reset&locale=en');
    expect(status).toBe(200);
    // How long the search itself took, for the browser's network panel (and bench:search).
    expect(headers.get('server-timing')).toMatch(/^search;dur=\d+\.\d\d$/);
    expect(body.hits[0]!.url).toBe('/en/account/reset-password');
    expect(body.hits[0]!.titleHtml).toContain('<mark>');
    expect(body.hits[0]!.snippetHtml.length).toBeGreaterThan(20);
  });

  it('finds Russian word forms', async () => {
    const { body } = await search(`q=${encodeURIComponent('настроить уведомления')}&locale=ru`);
    expect(body.hits[0]!.url).toBe('/ru/settings/notifications');
  });

  it('answers 400 with the parameter and the problem for bad input', async () => {
    expect((await search('locale=en')).body.error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^q: /) });
    expect((await search(`q=${'a'.repeat(201)}&locale=en`)).body.error?.message).toContain('q: too long (at most 200 characters)');
    expect((await search('q=x&locale=de')).body.error?.message).toContain('locale: unknown locale "de"');
    expect((await search('q=x&locale=en&limit=500')).status).toBe(400);
  });

  it('never lets HTML from the query into results', async () => {
    const { body } = await search(`q=${encodeURIComponent('<img src=x onerror=alert(1)> password')}&locale=en`);
    for (const hit of body.hits) expect(`${hit.titleHtml}${hit.snippetHtml}`).not.toMatch(/<(?!\/?mark>)/);
  });

  it('records a settled search, and refuses a malformed one', async () => {
    const entry = { sessionId: '7d0f4a52-6d1e-4c7b-9a55-0b8f5e0d1c11', locale: 'en', query: 'export to csv', resultCount: 0 };
    const ok = await fetch(`${server.url}/api/search/log`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry) });
    expect(ok.status).toBe(204);
    const bad = await fetch(`${server.url}/api/search/log`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...entry, sessionId: 'not-a-uuid' }) });
    expect(bad.status).toBe(400);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT query, result_count FROM search_queries');
    await client.end();
    expect(rows).toEqual([{ query: 'export to csv', result_count: 0 }]);
  });

  it('makes an article imported by another process searchable without a restart', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'deflect-live-'));
    await mkdir(path.join(root, 'en/labs'), { recursive: true });
    await writeFile(path.join(root, 'en/labs/_collection.yml'), 'title: Labs\n');
    await writeFile(path.join(root, 'en/labs/teleport.md'), '---\ntitle: Teleporting projects between workspaces\n---\nMove a project.\n');
    const imported = spawnSync(process.execPath, ['--import', 'tsx', 'site/server/cli/import-articles.ts', root], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(imported.status).toBe(0);
    await expect.poll(async () => (await search('q=teleporting&locale=en')).body.hits[0]?.url, { timeout: 5_000 }).toBe('/en/labs/teleport');
    expect((await fetch(`${server.url}/en/labs/teleport`)).status).toBe(200);
  });

  it('limits how fast one client can search', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await fetch(`${server.url}/api/search?q=plan&locale=en`)).status);
    expect(statuses).toContain(429);
    const limited = await search('q=plan&locale=en');
    expect(limited.body.error?.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
