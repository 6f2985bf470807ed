import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { MeilisearchEngine } from '../../../search/meilisearch/meilisearch-engine.ts';
import { describeSearchEngineContract } from '../../support/search/engine-contract.ts';

/**
 * The same contract as the embedded engine, against a real Meilisearch server. No server can be installed
 * on the CI machine, so this runs only when MEILISEARCH_URL is set, and says so when it is not.
 */
const url = process.env.MEILISEARCH_URL;
if (!url) console.log('Meilisearch contract suite skipped: MEILISEARCH_URL not set');

describe.runIf(Boolean(url))('Meilisearch', () => {
  describeSearchEngineContract('Meilisearch', async () =>
    new MeilisearchEngine({ url: url!, apiKey: process.env.MEILISEARCH_KEY, indexPrefix: `contract_${randomBytes(4).toString('hex')}` }),
  );
});
