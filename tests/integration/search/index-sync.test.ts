import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../core/app.ts';
import { loadConfig } from '../../../core/config.ts';
import { createLogger } from '../../../core/logger.ts';
import { SearchUnavailableError } from '../../../search/engine.ts';
import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import { MeilisearchEngine } from '../../../search/meilisearch/meilisearch-engine.ts';
import { startSearch, type SearchService } from '../../../search/search-service.ts';
import { freePort } from '../../support/server-process.ts';
import { createTestEnvironment } from '../../support/test-core.ts';

const titles = async (search: SearchService, q: string) => (await search.search({ q, locale: 'en', limit: 5, offset: 0 })).hits.map((h) => h.titleHtml.replace(/<\/?mark>/g, ''));

/** Polls until `check` passes or `ms` elapse; returns the time it took. */
async function eventually(check: () => Promise<void>, ms = 5_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await check();
      return performance.now() - started;
    } catch (error) {
      if (performance.now() - started > ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('keeping embedded indexes in sync across two instances', () => {
  const cores: Core[] = [];
  const searches: SearchService[] = [];
  let root: string;
  beforeAll(async () => {
    const env = await createTestEnvironment();
    for (let i = 0; i < 2; i += 1) {
      const core = await createCore(loadConfig(env), createLogger('warn', false));
      cores.push(core);
      searches.push(await startSearch(core, new EmbeddedEngine(), false));
    }
    root = await mkdtemp(path.join(os.tmpdir(), 'deflect-sync-'));
    await mkdir(path.join(root, 'en/faq'), { recursive: true });
    await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\n');
  });
  afterAll(async () => {
    for (const search of searches) await search.close();
    for (const core of cores) await core.close();
  });

  it('a published article becomes searchable on both instances; an unpublished one disappears from both', async () => {
    await writeFile(path.join(root, 'en/faq/quotas.md'), '---\ntitle: Storage quotas explained\n---\nEach workspace gets 100 GB.\n');
    await cores[0]!.importArticles(root);
    await searches[0]!.idle();
    expect(await titles(searches[0]!, 'quotas')).toEqual(['Storage quotas explained']);
    const otherInstanceMs = await eventually(async () => expect(await titles(searches[1]!, 'quotas')).toEqual(['Storage quotas explained']));
    console.log(`publish → searchable on the other instance: ${Math.round(otherInstanceMs)} ms`);

    await rm(path.join(root, 'en/faq/quotas.md'));
    await cores[0]!.importArticles(root);
    await searches[0]!.idle();
    expect(await titles(searches[0]!, 'quotas')).toEqual([]);
    await eventually(async () => expect(await titles(searches[1]!, 'quotas')).toEqual([]));
  });
});

describe('a search engine that is down', () => {
  it('does not stop the app from starting, and answers "unavailable"', async () => {
    const core = await createCore(loadConfig(await createTestEnvironment()), createLogger('silent', false));
    const closedPort = await freePort();
    const engine = new MeilisearchEngine({ url: `http://127.0.0.1:${closedPort}`, retryAttempts: 1, retryDelayMs: 1 });
    const search = await startSearch(core, engine, true);
    await expect(search.search({ q: 'password', locale: 'en', limit: 5, offset: 0 })).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(await core.helpCenter.home('en')).toBeDefined();
    await search.close();
    await core.close();
  });
});
