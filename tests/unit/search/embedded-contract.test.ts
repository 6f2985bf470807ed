import { EmbeddedEngine } from '../../../search/embedded/embedded-engine.ts';
import { describeSearchEngineContract } from '../../support/search/engine-contract.ts';

describeSearchEngineContract('embedded (MiniSearch)', async () => new EmbeddedEngine());
