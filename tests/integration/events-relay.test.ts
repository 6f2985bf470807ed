import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { createTestEnvironment } from '../support/test-core.ts';

describe('two processes on one database', () => {
  let server: Core;
  let importer: Core;
  let root: string;
  beforeAll(async () => {
    const env = await createTestEnvironment();
    const logger = createLogger('warn', false);
    server = await createCore(loadConfig(env), logger);
    importer = await createCore(loadConfig(env), logger);
    root = await mkdtemp(path.join(os.tmpdir(), 'deflect-relay-'));
    await mkdir(path.join(root, 'en/faq'), { recursive: true });
    await writeFile(path.join(root, 'en/faq/_collection.yml'), 'title: FAQ\n');
  });
  afterAll(async () => {
    await server.close();
    await importer.close();
  });

  it('an import in one process refreshes what the other serves, without a restart', async () => {
    await writeFile(path.join(root, 'en/faq/limits.md'), '---\ntitle: Limits\n---\nOld text.\n');
    await importer.importArticles(root);
    expect((await server.helpCenter.article('en', 'faq', 'limits'))?.article.title).toBe('Limits');

    await writeFile(path.join(root, 'en/faq/limits.md'), '---\ntitle: Usage limits\n---\nNew text.\n');
    const relayed = new Promise((resolve) => server.events.on('content.changed', resolve));
    await importer.importArticles(root);
    expect(await relayed).toMatchObject({ reason: 'import', remote: true });
    expect((await server.helpCenter.article('en', 'faq', 'limits'))?.article.title).toBe('Usage limits');
  });
});
