import { describe, expect, it } from 'vitest';
import { userHash } from '../../../core/chat/identity.ts';
import { Conversation } from '../../../core/models/index.ts';
import { request } from '../../support/chat-harness.ts';
import { useChatServer } from '../../support/chat-test-setup.ts';

type Session = { visitorId: string; token: string; cookieShared: boolean };

describe('one visitor for the help center and the widget: the /visitor handshake and the deflect_visitor cookie', () => {
  const chat = useChatServer();

  /** The widget's connection: its own token (if it has one) in `auth`, the page's cookies in the header. */
  const widget = async (props: { token?: string; cookie?: string }) => {
    const socket = await chat.connect('/visitor', { auth: props.token ? { token: props.token } : {}, ...(props.cookie ? { cookie: `deflect_visitor=${props.cookie}` } : {}) });
    return { socket, session: (await socket.session) as Session };
  };
  /** A help-center visitor as the reaction endpoint issues one (no chat yet). */
  const reactingVisitor = () => chat.core.chat.visitorFromToken(undefined);

  it('a widget without a token of its own is the visitor of the page’s cookie, so its 😞 reaches the article’s author', async () => {
    const author = await chat.make.author('Rita Writer');
    const rita = await chat.make.staff('Rita Writer', ['operator'], { authorId: author.id });
    const article = await chat.make.article(await chat.make.collection(), author.id);
    const reader = await reactingVisitor();
    await chat.core.articles.react(article.id, reader.visitorId, 'sad');

    const { socket, session } = await widget({ cookie: reader.token });
    expect(session).toMatchObject({ visitorId: reader.visitorId, cookieShared: true });
    const { conversation } = await request<{ conversation: { id: number } }>(socket, 'conversation:start', { clientId: chat.make.clientId(), body: 'Still broken', origin: { kind: 'article', articleId: article.id, reaction: 'sad' } });
    expect((await Conversation.findByPk(conversation.id, { rejectOnEmpty: true })).assigneeId).toBe(rita.user.id);
  });

  it('a widget token wins over another visitor’s cookie (its chat history stays), and the session says the cookie differs', async () => {
    const chatting = (await widget({})).session;
    const reader = await reactingVisitor();
    const { session } = await widget({ token: chatting.token, cookie: reader.token });
    expect(session).toMatchObject({ visitorId: chatting.visitorId, cookieShared: false });
  });

  it('a cookie naming someone a host site identified is not adopted: their history needs their identity', async () => {
    const identified = await chat.core.chat.connectVisitor({ identity: { userId: 'user-42', userHash: userHash(await chat.core.chat.identityKey(), 'user-42') }, facts: {} });
    const { session } = await widget({ cookie: identified.token });
    expect(session.visitorId).not.toBe(identified.visitorId);
    expect(session.cookieShared).toBe(false);
  });

  it('a cookie this help center did not sign is ignored: a new visitor, told to set the cookie', async () => {
    const reader = await reactingVisitor();
    const forged = `${reader.visitorId}.${'A'.repeat(43)}`;
    const { session } = await widget({ cookie: forged });
    expect(session.visitorId).not.toBe(reader.visitorId);
    expect(session.cookieShared).toBe(false);
  });
});
