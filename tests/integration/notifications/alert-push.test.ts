import { describe, expect, it } from 'vitest';
import type { NotificationView } from '../../../core/notifications/index.ts';
import { next } from '../../support/chat-harness.ts';
import { useChatServer } from '../../support/chat-test-setup.ts';

type Pushed = { notification: NotificationView; unread: number };

/** Alerts reach the recipient's open inbox over /agent once the reaction commits, and nobody else's. */
describe('alerts pushed live', () => {
  const chat = useChatServer();

  it('pushes notification:new with the unread count to the lead only, after commit, never for a rolled-back 😞', async () => {
    const lena = await chat.make.staff('Lena Lead');
    const nick = await chat.make.staff('Nick Member');
    const docs = await chat.make.collection();
    const team = await chat.make.team('Docs', { collections: [docs] });
    await chat.core.teams.setMembers({ id: lena.user.id, email: lena.user.email }, team.id, [lena.user.id, nick.user.id], [lena.user.id]);
    const [lenaSocket, nickSocket] = [await chat.connect('/agent', { cookie: lena.cookie }), await chat.connect('/agent', { cookie: nick.cookie })];
    const toNick: Pushed[] = [];
    nickSocket.on('notification:new', (pushed: Pushed) => toNick.push(pushed));

    const abandoned = await chat.make.article(docs, null);
    await chat.core.sequelize
      .transaction(async (transaction) => {
        await chat.core.sequelize.query('INSERT INTO article_reactions (article_id, visitor_id, value) VALUES (:id, gen_random_uuid(), -1)', { replacements: { id: abandoned.id }, transaction });
        throw new Error('rolled back');
      })
      .catch(() => undefined);

    const article = await chat.make.article(docs, null);
    const arriving = next<Pushed>(lenaSocket, 'notification:new');
    await chat.core.articles.react(article.id, await chat.make.visitor(), 'sad');
    expect(await arriving).toEqual({ notification: expect.objectContaining({ kind: 'article_sad', text: `😞 on “${article.title}”`, count: 1, read: false }), unread: 1 });

    const bumped = next<Pushed>(lenaSocket, 'notification:new');
    await chat.core.articles.react(article.id, await chat.make.visitor(), 'sad');
    expect(await bumped).toMatchObject({ notification: { text: `😞 on “${article.title}”`, count: 2 }, unread: 1 });
    // Pushes to several recipients go out one after another: give one to Nick, were there any, time to land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toNick).toEqual([]);
  });
});
