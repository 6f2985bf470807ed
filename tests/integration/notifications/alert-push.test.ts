import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.ts';
import type { NotificationView } from '../../../core/notifications/index.ts';
import { connectClient, next, startChatHarness } from '../../support/chat-harness.ts';
import { teamFixtures } from '../../support/team-fixtures.ts';
import { createTestCore } from '../../support/test-core.ts';

type Pushed = { notification: NotificationView; unread: number };

/** Alerts reach the recipient's open inbox over /agent once the reaction commits, and nobody else's. */
describe('alerts pushed live', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  let make: ReturnType<typeof teamFixtures>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core);
    make = teamFixtures(core);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  it('pushes notification:new with the unread count to the lead only, after commit, never for a rolled-back 😞', async () => {
    const lena = await make.staff('Lena Lead');
    const nick = await make.staff('Nick Member');
    const docs = await make.collection();
    const team = await make.team('Docs', { collections: [docs] });
    await core.teams.setMembers({ id: lena.user.id, email: lena.user.email }, team.id, [lena.user.id, nick.user.id], [lena.user.id]);
    const [lenaSocket, nickSocket] = [await connectClient(harness.url, '/agent', { cookie: lena.cookie }), await connectClient(harness.url, '/agent', { cookie: nick.cookie })];
    sockets.push(lenaSocket, nickSocket);
    const toNick: Pushed[] = [];
    nickSocket.on('notification:new', (pushed: Pushed) => toNick.push(pushed));

    const abandoned = await make.article(docs, null);
    await core.sequelize
      .transaction(async (transaction) => {
        await core.sequelize.query('INSERT INTO article_reactions (article_id, visitor_id, value) VALUES (:id, gen_random_uuid(), -1)', { replacements: { id: abandoned.id }, transaction });
        throw new Error('rolled back');
      })
      .catch(() => undefined);

    const article = await make.article(docs, null);
    const arriving = next<Pushed>(lenaSocket, 'notification:new');
    await core.articles.react(article.id, await make.visitor(), 'sad');
    expect(await arriving).toEqual({ notification: expect.objectContaining({ kind: 'article_sad', text: `😞 on “${article.title}”`, count: 1, read: false }), unread: 1 });

    const bumped = next<Pushed>(lenaSocket, 'notification:new');
    await core.articles.react(article.id, await make.visitor(), 'sad');
    expect(await bumped).toMatchObject({ notification: { text: `😞 on “${article.title}”`, count: 2 }, unread: 1 });
    // Pushes to several recipients go out one after another: give one to Nick, were there any, time to land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toNick).toEqual([]);
  });
});
