import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** Meilisearch configured but unreachable: the help center must keep working and say search is down. */
describe('when the search engine is down', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ MEILISEARCH_URL: `http://127.0.0.1:${await freePort()}` });
  });
  afterAll(() => server?.stop());

  it('still serves articles', async () => {
    const response = await fetch(`${server.url}/en/account/reset-password`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Reset your password');
  });

  it('answers the API with a friendly 503, and the results page with a full page saying so', async () => {
    const api = await fetch(`${server.url}/api/search?q=password&locale=en`);
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: { code: 'search_unavailable', message: expect.stringMatching(/temporarily unavailable/) } });

    const page = await fetch(`${server.url}/en/search?q=password`);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('</footer>');
    expect(html).toMatch(/temporarily unavailable/i);
  });
});
