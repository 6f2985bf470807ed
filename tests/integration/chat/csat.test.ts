import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, tokenHash } from '../../../core/accounts/tokens.ts';
import type { StaffView } from '../../../core/accounts/index.ts';
import type { Core } from '../../../core/app.ts';
import { Session, User } from '../../../core/models/index.ts';
import { connectClient, next, request, startChatHarness } from '../../support/chat-harness.ts';
import { createTestCore } from '../../support/test-core.ts';

type Ok<T> = { ok: true } & T;
type Refused = { ok: false; error: { code: string; message: string } };
type MessageView = { conversationId: number; seq: number; sender: string; kind: string; body: string };
type RatingView = { conversationId: number; score: string; comment: string | null; operatorId: number | null };

describe('conversation ratings (CSAT)', () => {
  let core: Core;
  let harness: Awaited<ReturnType<typeof startChatHarness>>;
  const sockets: Socket[] = [];
  const staff: Record<string, StaffView> = {};
  let agent: Socket;

  const operator = async (name: string) => {
    const user = await User.create({ email: `${name.toLowerCase()}@acme.example`, name, passwordHash: null, roles: ['operator'], authorId: null, deactivatedAt: null });
    staff[name] = { id: user.id, email: user.email, name, avatarUrl: null, roles: user.roles, deactivated: false };
    return user;
  };
  const visitor = async () => {
    const socket = await connectClient(harness.url, '/visitor');
    sockets.push(socket);
    return socket;
  };
  /** A conversation the visitor started and `by` answered (so it is theirs) and, unless `open`, closed. */
  const conversationWith = async (customer: Socket, by: string, options: { open?: boolean } = {}) => {
    const { conversation } = await request<Ok<{ conversation: { id: number } }>>(customer, 'conversation:start', { clientId: randomUUID(), body: 'My export is stuck' });
    await core.chat.agentMessage(staff[by]!, { conversationId: conversation.id, clientId: randomUUID(), body: 'Fixed it, try again', kind: 'text' });
    if (!options.open) await core.chat.setStatus(staff[by]!, conversation.id, 'closed');
    return conversation.id;
  };
  const rate = (socket: Socket, payload: unknown) => request<Ok<{ rating: RatingView; message: MessageView }> | Refused>(socket, 'conversation:rate', payload);
  const storedRating = async (socket: Socket, conversationId: number) => (await request<Ok<{ rating: RatingView | null }>>(socket, 'conversation:rating', { conversationId })).rating;
  const timeline = async (conversationId: number) => (await core.chat.agentSync(conversationId, 0)).messages.map((m) => m.body);

  beforeAll(async () => {
    core = await createTestCore();
    harness = await startChatHarness(core);
    const olga = await operator('Olga');
    await operator('Pavel');
    const token = randomToken();
    await Session.create({ idHash: tokenHash(token), userId: olga.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    agent = await connectClient(harness.url, '/agent', { cookie: `deflect_session=${token}` });
    sockets.push(agent);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await harness.close();
    await core.close();
  });

  it('lets the visitor rate a closed conversation; operators see the rating live in its timeline', async () => {
    const customer = await visitor();
    const conversationId = await conversationWith(customer, 'Olga');
    const live = next<MessageView>(agent, 'message');
    const answer = await rate(customer, { conversationId, score: 'happy', comment: '  Quick and kind  ' });
    expect(answer).toMatchObject({ ok: true, rating: { conversationId, score: 'happy', comment: 'Quick and kind', operatorId: staff.Olga!.id } });
    expect(await live).toMatchObject({ conversationId, sender: 'visitor', kind: 'event', body: 'Visitor rated 😃: Quick and kind' });
    expect(await storedRating(customer, conversationId)).toMatchObject({ score: 'happy', comment: 'Quick and kind' });
    // Rating does not reopen the conversation.
    expect((await core.chat.agentSync(conversationId, 0)).conversation.status).toBe('closed');
  });

  it('refuses to rate a conversation that is still open, and stores nothing', async () => {
    const customer = await visitor();
    const conversationId = await conversationWith(customer, 'Olga', { open: true });
    expect(await rate(customer, { conversationId, score: 'happy' })).toEqual({ ok: false, error: { code: 'invalid', message: 'Only a closed conversation can be rated.' } });
    expect(await storedRating(customer, conversationId)).toBeNull();
    expect(await timeline(conversationId)).not.toContainEqual(expect.stringContaining('rated'));
  });

  it('answers not_found for another visitor’s conversation, and stores nothing', async () => {
    const owner = await visitor();
    const stranger = await visitor();
    const conversationId = await conversationWith(owner, 'Olga');
    expect(await rate(stranger, { conversationId, score: 'sad', comment: 'meh' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } });
    expect(await storedRating(stranger, conversationId)).toBeNull();
    expect(await storedRating(owner, conversationId)).toBeNull();
  });

  it('refuses a bad score or an overlong comment with a clear error, and stores nothing', async () => {
    const customer = await visitor();
    const conversationId = await conversationWith(customer, 'Olga');
    for (const score of [5, 'great', 0, null]) {
      expect(await rate(customer, { conversationId, score })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('score: one of sad, neutral, happy') } });
    }
    expect(await rate(customer, { conversationId, score: 'happy', comment: 'x'.repeat(1_001) })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('comment is longer than 1000 characters') } });
    expect(await storedRating(customer, conversationId)).toBeNull();
    expect(await timeline(conversationId)).not.toContainEqual(expect.stringContaining('rated'));
  });

  it('replaces an earlier rating with a later one, and counts it once for the operator', async () => {
    const before = new Date(Date.now() - 1_000);
    const customer = await visitor();
    const conversationId = await conversationWith(customer, 'Pavel');
    expect(await rate(customer, { conversationId, score: 'sad', comment: 'Took long' })).toMatchObject({ ok: true });
    expect(await rate(customer, { conversationId, score: 'neutral' })).toMatchObject({ ok: true, rating: { score: 'neutral', comment: null } });
    expect(await storedRating(customer, conversationId)).toMatchObject({ score: 'neutral', comment: null, operatorId: staff.Pavel!.id });
    expect((await timeline(conversationId)).slice(-2)).toEqual(['Visitor rated 😞: Took long', 'Visitor rated 😐']);
    const period = { from: before, to: new Date(Date.now() + 1_000) };
    expect((await core.chat.ratingsByOperator(period)).find((r) => r.operatorId === staff.Pavel!.id)).toEqual({ operatorId: staff.Pavel!.id, operatorName: 'Pavel', sad: 0, neutral: 1, happy: 0 });
  });

  it('limits ratings like messages: past the limit a rating is refused and adds nothing to the timeline', async () => {
    const customer = await visitor();
    const conversationId = await conversationWith(customer, 'Pavel');
    const answers = [];
    for (let i = 0; i < 61; i += 1) answers.push(await rate(customer, { conversationId, score: i % 2 ? 'sad' : 'happy' }));
    const refused = answers.filter((answer): answer is Refused => answer.ok === false);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.error.code).toBe('rate_limited');
    expect((await timeline(conversationId)).filter((body) => body.startsWith('Visitor rated'))).toHaveLength(answers.length - refused.length);
  });

  it('reports each operator’s faces over a period only', async () => {
    const customer = await visitor();
    const start = new Date(); // the earlier tests' ratings fall before it
    for (const [by, score] of [['Olga', 'happy'], ['Olga', 'sad'], ['Pavel', 'happy']] as const) {
      expect(await rate(customer, { conversationId: await conversationWith(customer, by), score })).toMatchObject({ ok: true });
    }
    const end = new Date(Date.now() + 1);
    const report = await core.chat.ratingsByOperator({ from: start, to: end });
    expect(report).toEqual([
      { operatorId: staff.Olga!.id, operatorName: 'Olga', sad: 1, neutral: 0, happy: 1 },
      { operatorId: staff.Pavel!.id, operatorName: 'Pavel', sad: 0, neutral: 0, happy: 1 },
    ]);
    expect(await core.chat.ratingsByOperator({ from: end, to: new Date(end.getTime() + 60_000) })).toEqual([]);
  });
});
