import { afterAll, beforeAll } from 'vitest';
import type { Core } from '../../core/app.ts';
import { connectClient, startChatHarness, type ClientSocket } from './chat-harness.ts';
import { teamFixtures } from './team-fixtures.ts';
import { createTestCore } from './test-core.ts';

type ChatHarness = Awaited<ReturnType<typeof startChatHarness>>;

/**
 * For a describe block that talks to the chat server: a test core, the chat server on it and team fixtures,
 * made before the block's tests, and `connect`, whose sockets are closed after them. The fields are read
 * inside tests (they exist once beforeAll has run).
 */
export function useChatServer() {
  let core: Core | undefined;
  let harness: ChatHarness | undefined;
  let make: ReturnType<typeof teamFixtures> | undefined;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core);
    make = teamFixtures(core);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness?.close();
    await core?.close();
  });

  return {
    get core(): Core {
      return core!;
    },
    get harness(): ChatHarness {
      return harness!;
    },
    get make(): ReturnType<typeof teamFixtures> {
      return make!;
    },
    /** A socket connected the way the widget or the inbox connects; closed after the block. */
    async connect(namespace: '/visitor' | '/agent', options: Parameters<typeof connectClient>[2] = {}): Promise<ClientSocket> {
      const socket = await connectClient(harness!.url, namespace, options);
      sockets.push(socket);
      return socket;
    },
  };
}
