import { describe, expect, it } from 'vitest';
import { next, request } from '../../support/chat-harness.ts';
import { useChatServer } from '../../support/chat-test-setup.ts';

/** Everything a visitor may learn about their conversation: what the widget draws. */
const VISITOR_FIELDS = ['agentSeenSeq', 'botOutcome', 'createdAt', 'id', 'lastSeq', 'status', 'visitorSeenSeq'];
const fieldsOf = (conversation: object) => Object.keys(conversation).sort();

describe('what a visitor receives about their conversations: no owner, team, snooze or origin internals', () => {
  const chat = useChatServer();
  const connect = (namespace: '/visitor' | '/agent', cookie?: string) => chat.connect(namespace, cookie ? { cookie } : {});

  it('the start ack, routing’s and an operator’s updates, and the list carry only the widget’s fields', async () => {
    const author = await chat.make.author('Vera Writer');
    const vera = await chat.make.staff('Vera Writer', ['operator'], { authorId: author.id });
    const article = await chat.make.article(await chat.make.collection(), author.id);
    const visitor = await connect('/visitor');
    const { visitorId } = await visitor.session;
    await chat.core.articles.react(article.id, visitorId, 'sad');

    // Routing hands it to the author at once: that update reaches the visitor too.
    const routed = next<Record<string, unknown>>(visitor, 'conversation:updated');
    const { conversation } = await request<{ conversation: Record<string, unknown> }>(visitor, 'conversation:start', { clientId: chat.make.clientId(), body: 'Wrong steps', origin: { kind: 'article', articleId: article.id, reaction: 'sad' } });
    expect(fieldsOf(conversation)).toEqual(VISITOR_FIELDS);
    expect(conversation).toMatchObject({ status: 'open' });
    expect(fieldsOf(await routed)).toEqual(VISITOR_FIELDS);

    // Snoozed, then handed to someone else: the operators' view has both; the visitor's has neither.
    const operator = await connect('/agent', vera.cookie);
    const colleague = await chat.make.staff('Carl Colleague');
    const conversationId = conversation.id as number;
    expect(await request(operator, 'conversation:snooze', { conversationId, until: new Date(Date.now() + 3_600_000).toISOString() })).toMatchObject({ ok: true });
    const assigned = next<Record<string, unknown>>(visitor, 'conversation:updated');
    const operatorsView = new Promise<Record<string, unknown>>((resolve) => {
      const listener = (update: Record<string, unknown>) => update.assigneeId === colleague.user.id && (operator.off('conversation:updated', listener), resolve(update));
      operator.on('conversation:updated', listener);
    });
    expect(await request(operator, 'conversation:assign', { conversationId, assigneeId: colleague.user.id })).toMatchObject({ ok: true });
    expect(await operatorsView).toMatchObject({ assigneeId: colleague.user.id, snoozedUntil: expect.any(String), teamId: expect.any(Number) });
    expect(fieldsOf(await assigned)).toEqual(VISITOR_FIELDS);

    const { conversations } = await request<{ conversations: Array<Record<string, unknown>> }>(visitor, 'conversations:list', {});
    expect(conversations.map(fieldsOf)).toEqual([VISITOR_FIELDS]);
    expect(conversations[0]).toMatchObject({ id: conversationId, status: 'open' });
  });

  it('timeline events carry their kind, for the widget to word them in the visitor’s language', async () => {
    const bea = await chat.make.staff('Bea Billing');
    const visitor = await connect('/visitor');
    const { conversation } = await request<{ conversation: { id: number } }>(visitor, 'conversation:start', { clientId: chat.make.clientId(), body: 'Where is my refund?' });
    const operator = await connect('/agent', bea.cookie);
    const conversationId = conversation.id;
    expect(await request(operator, 'conversation:claim', { conversationId })).toMatchObject({ ok: true });
    expect(await request(operator, 'message:send', { conversationId, clientId: chat.make.clientId(), body: 'Sent today.', kind: 'text' })).toMatchObject({ ok: true });
    expect(await request(operator, 'conversation:close', { conversationId })).toMatchObject({ ok: true });
    expect(await request(visitor, 'conversation:rate', { conversationId, score: 'happy', comment: '' })).toMatchObject({ ok: true });
    expect(await request(operator, 'conversation:reopen', { conversationId })).toMatchObject({ ok: true });

    const { messages } = await request<{ messages: Array<{ kind: string; body: string; event: unknown }> }>(visitor, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(messages.map((m) => [m.kind, m.body, m.event])).toEqual([
      ['text', 'Where is my refund?', null],
      ['event', 'Claimed by Bea Billing', { type: 'assigned', name: 'Bea Billing' }],
      ['text', 'Sent today.', null],
      ['event', 'Closed by Bea Billing', { type: 'closed' }],
      ['event', 'Visitor rated 😃', { type: 'rated', score: 'happy' }],
      ['event', 'Reopened by Bea Billing', { type: 'reopened' }],
    ]);
  });
});
