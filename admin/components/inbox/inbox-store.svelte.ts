import type { Socket } from 'socket.io-client';
import type { ArticleCard, AttachmentView, ConversationView, InboxRow, MessageView, Presence, VisitorProfileView } from '../../../core/chat/index.ts';
import { request, type AckAnswer } from './agent-socket.ts';
import { lastSeq, mergeConversation, mergeMessages, withMessage } from './inbox-state.ts';
import type { Operator } from './operators.ts';
import { readOutbox, updateOutgoing, writeOutbox, type OutgoingMessage } from './outbox.ts';

/** `signed-out` / `forbidden`: the server refused the handshake (no session, or the role no longer includes the inbox); no retry follows. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'signed-out' | 'forbidden';

/** A visitor's "typing…" is dropped after this long without news, in case its "stopped" got lost. */
const TYPING_EXPIRES_MS = 6_000;

/**
 * The inbox's live state, fed by `/agent`: the rows of every conversation seen (the list shows the open
 * ones), the timelines opened, and the operator's unacknowledged messages. The database is the truth: after
 * any reconnect the list is fetched again and every opened timeline asks for what it missed (`after seq`).
 */
export class InboxStore {
  rows: Record<number, InboxRow> = $state({});
  timelines: Record<number, MessageView[]> = $state({});
  outbox: OutgoingMessage[] = $state([]);
  connection: ConnectionState = $state('connecting');
  visitorTyping: Record<number, boolean> = $state({});
  /** The last refused action, said once in the status area. */
  notice = $state('');
  /** Operators who can take a conversation, with their presence (for names and the assign picker). */
  operators: Operator[] = $state([]);
  /** Visitors whose widget is connected (from `visitor:presence`); unknown ones are asked via their profile. */
  visitorOnline: Record<string, boolean> = $state({});
  /** How many times each visitor connected while we watched: each connection may bring a new page. */
  visitorArrivals: Record<string, number> = $state({});
  readonly me: number;
  #socket: Socket | undefined;
  #storage: Storage | undefined;
  #refreshQueued = false;
  #typingTimers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(me: number) {
    this.me = me;
  }

  /** Starts listening (in the browser only: the page is also rendered on the server). */
  attach(socket: Socket, storage: Storage | undefined): void {
    this.#socket = socket;
    this.#storage = storage;
    this.outbox = readOutbox(storage);
    socket.on('connect', () => {
      this.connection = 'online';
      void this.#catchUp();
    });
    socket.on('disconnect', (reason) => {
      this.connection = 'reconnecting';
      // The server let go of us on purpose (sign-out, session check): ask again; the handshake says why.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      // An inactive socket was refused by the server and will not retry by itself.
      if (socket.active) this.connection = 'reconnecting';
      else this.connection = error.data?.code === 'forbidden' ? 'forbidden' : 'signed-out';
    });
    socket.on('message', (message: MessageView) => this.#received(message));
    socket.on('conversation:updated', (conversation: ConversationView) => this.#updated(conversation));
    socket.on('seen', ({ conversationId, side, seq }: { conversationId: number; side: 'visitor' | 'agent'; seq: number }) => {
      const row = this.rows[conversationId];
      if (row) this.rows[conversationId] = { ...row, ...(side === 'agent' ? { agentSeenSeq: Math.max(row.agentSeenSeq, seq) } : { visitorSeenSeq: Math.max(row.visitorSeenSeq, seq) }) };
    });
    socket.on('presence', ({ userId, presence }: { userId: number; presence: Presence }) => {
      // Someone new (just invited): fetch the list again for their name.
      if (!this.operators.some((o) => o.userId === userId)) return void this.loadOperators();
      this.operators = this.operators.map((o) => (o.userId === userId ? { ...o, presence } : o));
    });
    socket.on('visitor:presence', ({ visitorId, online }: { visitorId: string; online: boolean }) => {
      this.visitorOnline[visitorId] = online;
      if (online) this.visitorArrivals[visitorId] = (this.visitorArrivals[visitorId] ?? 0) + 1;
    });
    socket.on('typing', ({ conversationId, side, typing }: { conversationId: number; side: string; typing: boolean }) => {
      if (side === 'visitor') this.#visitorTyping(conversationId, typing);
    });
  }

  /** The list, every opened timeline's missed messages, then the unsent messages again. */
  async #catchUp(): Promise<void> {
    void this.loadOperators();
    await this.refresh();
    await Promise.all(Object.keys(this.timelines).map((id) => this.sync(Number(id))));
    for (const message of this.outbox) if (message.status === 'pending') void this.#transmit(message);
  }

  async refresh(): Promise<void> {
    if (!this.#socket) return;
    // Snoozed conversations are not in `all`: both lists make the whole picture.
    const list = (view: 'all' | 'snoozed') => request<{ conversations: InboxRow[] }>(this.#socket!, 'inbox:list', { view });
    const [awake, snoozed] = await Promise.all([list('all'), list('snoozed')]);
    if (!awake.ok || !snoozed.ok) return;
    const fresh: Record<number, InboxRow> = {};
    // Opened conversations stay known even when closed (the pane still shows them).
    for (const id of Object.keys(this.timelines)) if (this.rows[Number(id)]) fresh[Number(id)] = this.rows[Number(id)]!;
    for (const row of [...awake.conversations, ...snoozed.conversations]) fresh[row.id] = fresh[row.id] ? mergeConversation({ ...fresh[row.id]!, visitor: row.visitor, preview: row.preview }, row) : row;
    this.rows = fresh;
  }

  /** A conversation the list does not know yet (new, or reopened): fetch the list once for its visitor. */
  #queueRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    queueMicrotask(() => {
      this.#refreshQueued = false;
      void this.refresh();
    });
  }

  #received(message: MessageView): void {
    const row = this.rows[message.conversationId];
    if (row) this.rows[message.conversationId] = withMessage(row, message);
    else this.#queueRefresh();
    this.#merge(message.conversationId, [message]);
    if (message.sender === 'visitor') this.#visitorTyping(message.conversationId, false);
  }

  #updated(conversation: ConversationView): void {
    const row = this.rows[conversation.id];
    if (row) this.rows[conversation.id] = mergeConversation(row, conversation);
    else if (conversation.status === 'open') this.#queueRefresh();
  }

  #merge(conversationId: number, messages: MessageView[]): void {
    const timeline = this.timelines[conversationId];
    if (timeline) this.timelines[conversationId] = mergeMessages(timeline, messages);
    // A message the server stored is no longer waiting, whichever of ack and broadcast came first.
    const ids = new Set(messages.map((m) => m.clientId));
    if (this.outbox.some((m) => ids.has(m.clientId))) this.#setOutbox(this.outbox.filter((m) => !ids.has(m.clientId)));
  }

  /** Loads a timeline (all of it the first time, then what came after its last seq). */
  async sync(conversationId: number): Promise<void> {
    // Known from now on: if offline, the next `connect` loads it.
    this.timelines[conversationId] ??= [];
    if (!this.#socket?.connected) return;
    const afterSeq = lastSeq(this.timelines[conversationId]);
    const answer = await request<{ conversation: ConversationView; messages: MessageView[] }>(this.#socket, 'conversation:sync', { conversationId, afterSeq });
    if (!answer.ok) {
      this.notice = answer.error.message;
      return;
    }
    const row = this.rows[conversationId];
    if (row) this.rows[conversationId] = mergeConversation(row, answer.conversation);
    else this.#queueRefresh();
    this.#merge(conversationId, answer.messages);
  }

  /**
   * Sends a reply or an internal note (with uploaded files and an article card, when given): shown at once as
   * pending, stored exactly once however often it is sent.
   */
  send(conversationId: number, body: string, kind: 'text' | 'note', extras: { attachments?: AttachmentView[]; card?: ArticleCard } = {}): void {
    const message: OutgoingMessage = { clientId: crypto.randomUUID(), conversationId, body, kind, ...extras, status: 'pending' };
    this.#setOutbox([...this.outbox, message]);
    void this.#transmit(message);
  }

  retry(clientId: string): void {
    const message = this.outbox.find((m) => m.clientId === clientId);
    if (!message) return;
    this.#setOutbox(updateOutgoing(this.outbox, clientId, { status: 'pending', error: undefined }));
    void this.#transmit(message);
  }

  async #transmit(message: OutgoingMessage): Promise<void> {
    // Offline it simply stays pending: the next `connect` sends it.
    if (!this.#socket?.connected) return;
    const { clientId, conversationId, body, kind, attachments = [], card } = message;
    const extras = { attachmentIds: attachments.map((file) => file.id), ...(card ? { card: { articleId: card.articleId } } : {}) };
    const answer = await request<{ message: MessageView }>(this.#socket, 'message:send', { clientId, conversationId, body, kind, ...extras });
    if (answer.ok) return this.#received(answer.message);
    if (answer.error.code === 'timeout' && !this.#socket.connected) return;
    this.#setOutbox(updateOutgoing(this.outbox, clientId, { status: 'failed', error: answer.error.message }));
  }

  #setOutbox(outbox: OutgoingMessage[]): void {
    this.outbox = outbox;
    writeOutbox(this.#storage, outbox);
  }

  /** A request of the composer's helpers (saved replies, article search); a lost connection answers as a failure. */
  ask<T>(event: 'replies:list' | 'articles:search', payload: object): Promise<AckAnswer<T>> {
    if (!this.#socket?.connected) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'Not connected; try again in a moment.' } });
    return request<T>(this.#socket, event, payload);
  }

  /** Claim, close, reopen: each answers with the timeline event it recorded. */
  async act(event: 'conversation:assign' | 'conversation:close' | 'conversation:reopen', conversationId: number): Promise<void> {
    if (!this.#socket) return;
    this.notice = '';
    // Taking an unassigned one from a queue is a claim: of two operators at once, one gets it and the other is told who.
    const claim = event === 'conversation:assign' && this.rows[conversationId]?.assigneeId === null;
    const payload = event === 'conversation:assign' && !claim ? { conversationId, assigneeId: this.me } : { conversationId };
    const answer = await request<{ message: MessageView }>(this.#socket, claim ? 'conversation:claim' : event, payload);
    if (answer.ok) this.#received(answer.message);
    else this.notice = answer.error.message;
  }

  async loadOperators(): Promise<void> {
    if (!this.#socket) return;
    const answer = await request<{ operators: Operator[] }>(this.#socket, 'presence:list', {});
    if (answer.ok) this.operators = answer.operators;
  }

  /** Hands the conversation to an operator, or to nobody (`null`). Answers null when done, else why not. */
  assign(conversationId: number, assigneeId: number | null): Promise<string | null> {
    return this.#perform('conversation:assign', { conversationId, assigneeId });
  }

  /** Hands it over with an internal note; the `clientId` makes pressing again after a lost answer harmless. */
  transfer(conversationId: number, assigneeId: number, note: string, clientId: string): Promise<string | null> {
    return this.#perform('conversation:transfer', { conversationId, assigneeId, note, clientId });
  }

  /** Moves it to a team's queue, unassigned. Answers null when done, else why not. */
  moveToTeam(conversationId: number, teamId: number): Promise<string | null> {
    return this.#perform('conversation:team', { conversationId, teamId });
  }

  /** Puts it aside until `until`; the event says the time in this operator's zone. */
  snooze(conversationId: number, until: Date): Promise<string | null> {
    return this.#perform('conversation:snooze', { conversationId, until: until.toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  }

  unsnooze(conversationId: number): Promise<string | null> {
    return this.#perform('conversation:unsnooze', { conversationId });
  }

  /** The sidebar's view of a visitor, or the reason it could not be read. */
  async profile(visitorId: string): Promise<VisitorProfileView | { error: string }> {
    if (!this.#socket?.connected) return { error: 'Not connected.' };
    const answer = await request<{ profile: VisitorProfileView }>(this.#socket, 'visitor:profile', { visitorId });
    return answer.ok ? answer.profile : { error: answer.error.message };
  }

  /** One workflow request: its timeline entries merged at once, a refusal said in the notice. Null when done, else the refusal. */
  async #perform(event: string, payload: object): Promise<string | null> {
    if (!this.#socket) return 'Not connected.';
    this.notice = '';
    const answer = await request<{ message?: MessageView; messages?: MessageView[] }>(this.#socket, event, payload);
    if (!answer.ok) return (this.notice = answer.error.message);
    for (const message of answer.messages ?? [answer.message!]) this.#received(message);
    return null;
  }

  /** Marks everything up to the last message as seen by operators, once per new message. */
  markSeen(conversationId: number): void {
    const row = this.rows[conversationId];
    if (!this.#socket?.connected || !row || row.lastSeq <= row.agentSeenSeq) return;
    this.rows[conversationId] = { ...row, agentSeenSeq: row.lastSeq };
    void request(this.#socket, 'seen', { conversationId, seq: row.lastSeq });
  }

  /** Tells the visitor the operator is (or stopped) typing; best effort, nothing waits for it. */
  typing(conversationId: number, typing: boolean): void {
    if (this.#socket?.connected) this.#socket.emit('typing', { conversationId, typing }, () => undefined);
  }

  #visitorTyping(conversationId: number, typing: boolean): void {
    clearTimeout(this.#typingTimers.get(conversationId));
    this.visitorTyping[conversationId] = typing;
    if (typing) this.#typingTimers.set(conversationId, setTimeout(() => (this.visitorTyping[conversationId] = false), TYPING_EXPIRES_MS));
  }
}
