import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { IdentityClaim } from '../../../core/chat/identity-claim.ts';
import { acknowledge, enqueue, hasGap, lastSeq, markFailed, markPending, mergeMessages, nextToSend, requeueTransient, unreadCount, type MessageView, type OutboxEntry, type VisitorConversationView } from './chat-state.ts';
import { createChatStorage, type ChatStorage } from './chat-storage.ts';
import { visitContext } from './visit-context.ts';
import { shareVisitorCookie } from './visitor-cookie-sync.ts';
import type { RatingScore, RatingView } from '../../../core/chat/csat.ts';
import type { ChatInvitation } from './open-chat.ts';
import type { TeamStatusQuery, TeamStatusView } from '../../../core/chat/team-status.ts';

/** Everything the panel draws, as one immutable snapshot. */
export interface ChatSnapshot {
  connected: boolean;
  /** The conversation on screen; null = a new one, started by the first message sent. */
  conversationId: number | null;
  conversations: readonly VisitorConversationView[];
  messages: readonly MessageView[];
  outbox: readonly OutboxEntry[];
  agentSeenSeq: number;
  /** Name of the operator typing in this conversation right now. */
  agentTyping: string | null;
  unread: number;
  /** The latest reply from the team, for the live region. */
  lastReply: MessageView | null;
  /** The server refused the connection for good (e.g. an identity that does not verify): no chat until fixed. */
  refused: { code: string; message: string } | null;
  /** The new conversation was opened about an article or a search: its first message carries that origin. */
  invitation: ChatInvitation | null;
}

type Answer<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** How long an answer may take before the message shows as failed (with Retry). */
const ACK_TIMEOUT_MS = 10_000;
/** "Typing" is sent at most this often while the visitor types, and cleared after this long idle. */
const TYPING_THROTTLE_MS = 2_500;
const TYPING_IDLE_MS = 4_000;
/** An operator's "typing" that is not renewed (lost "stopped" event) disappears after this. */
const AGENT_TYPING_EXPIRES_MS = 6_000;

/**
 * The widget's connection, framework-free: the durability rules live here, the panel only draws snapshots.
 * - Every message gets a `crypto.randomUUID()` clientId and sits in the persisted outbox until acked.
 * - On every (re)connect the outbox is resent in order (the server dedupes by clientId) and the open
 *   conversation is synced from the last seq known; merges by seq/clientId so nothing shows twice.
 * - The session token is kept in localStorage and sent as `auth.token`, with the visit context.
 */
export function createChatClient(options: { locale: string; baseUrl?: string; storage?: ChatStorage; identity?: IdentityClaim | undefined; connectSocket?: (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket }) {
  const store = options.storage ?? createChatStorage();
  const widget = store.widget();
  let state: ChatSnapshot = {
    connected: false,
    conversationId: widget.conversationId,
    conversations: [],
    messages: widget.conversationId ? store.messages(widget.conversationId) : [],
    outbox: store.outbox(),
    agentSeenSeq: 0,
    agentTyping: null,
    unread: widget.unread,
    lastReply: null,
    refused: null,
    invitation: null,
  };
  const listeners = new Set<(snapshot: ChatSnapshot) => void>();
  let socket: Socket | undefined;
  let visible = false;
  /** Counts connections; `flushingOn` is the one whose outbox loop is running (-1: none). */
  let connection = 0;
  let flushingOn = -1;
  let typingSentAt = 0;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let agentTypingExpiry: ReturnType<typeof setTimeout> | undefined;

  function set(change: Partial<ChatSnapshot>): void {
    state = { ...state, ...change };
    const conversation = state.conversations.find((c) => c.id === state.conversationId);
    const seen = state.conversationId ? Math.max(store.seenSeq(state.conversationId), conversation?.visitorSeenSeq ?? 0) : 0;
    state.unread = visible ? 0 : unreadCount(state.messages, seen);
    store.updateWidget({ conversationId: state.conversationId, unread: state.unread, live: state.outbox.length > 0 || conversation?.status === 'open' || (state.messages.length > 0 && !conversation) });
    if (state.conversationId && 'messages' in change) store.setMessages(state.conversationId, state.messages);
    for (const listener of listeners) listener(state);
  }

  function updateOutbox(change: (outbox: OutboxEntry[]) => OutboxEntry[]): void {
    set({ outbox: store.updateOutbox(change) });
  }

  function receive(messages: readonly MessageView[]): void {
    const mine = messages.filter((m) => m.conversationId === state.conversationId && m.kind !== 'note');
    const merged = mergeMessages(state.messages, mine);
    const reply = [...mine].reverse().find((m) => m.sender === 'agent' && m.kind === 'text');
    set({ messages: merged, ...(reply && merged !== state.messages ? { lastReply: reply } : {}) });
    markSeen();
  }

  async function request<T>(event: string, payload: unknown): Promise<Answer<T>> {
    try {
      return (await socket!.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Answer<T>;
    } catch {
      // Disconnected while waiting (stays pending, resent on reconnect) or no answer in time (failed).
      return { ok: false, error: { code: socket?.connected ? 'timeout' : 'disconnected', message: '' } };
    }
  }

  /**
   * Sends the outbox one message at a time, oldest first, while connected. One loop per connection: a loop
   * still waiting on the previous connection's ack must not hold back the resend after a reconnect.
   */
  async function flush(): Promise<void> {
    if (flushingOn === connection) return;
    const mine = (flushingOn = connection);
    try {
      for (let entry = nextToSend(store.outbox()); entry && socket?.connected && mine === connection; entry = nextToSend(store.outbox())) {
        const answer =
          entry.conversationId === null
            ? await request<{ conversation: VisitorConversationView; message: MessageView }>('conversation:start', { clientId: entry.clientId, body: entry.body, origin: entry.origin ?? { kind: 'launcher', page: location.pathname.slice(0, 500) } })
            : await request<{ message: MessageView }>('message:send', { conversationId: entry.conversationId, clientId: entry.clientId, body: entry.body, attachmentIds: (entry.attachments ?? []).map((a) => a.id) });
        if (!answer.ok) {
          // Lost with its connection: still pending, the next connection resends it.
          if (answer.error.code === 'disconnected' || mine !== connection) return;
          updateOutbox((outbox) => markFailed(outbox, entry!.clientId, answer.error.code));
          continue;
        }
        const { message } = answer;
        if ('conversation' in answer) {
          const conversation = answer.conversation as VisitorConversationView;
          if (state.conversationId === null) set({ conversationId: conversation.id, messages: [] });
          set({ conversations: [conversation, ...state.conversations.filter((c) => c.id !== conversation.id)] });
        }
        updateOutbox((outbox) => acknowledge(outbox, message.clientId, message.conversationId));
        receive([message]);
        // Messages that followed the first one in the same request (the answer bot's offer) were broadcast before
        // this tab knew the conversation's id: fetch them.
        if ('conversation' in answer && (answer.conversation as VisitorConversationView).lastSeq > message.seq) void sync();
      }
    } finally {
      if (flushingOn === mine) flushingOn = -1;
    }
  }

  async function sync(): Promise<void> {
    const conversationId = state.conversationId;
    if (!conversationId || !socket?.connected) return;
    const answer = await request<{ messages: MessageView[] }>('conversation:sync', { conversationId, afterSeq: lastSeq(state.messages) });
    if (answer.ok && state.conversationId === conversationId) receive(answer.messages);
  }

  async function refreshConversations(): Promise<void> {
    const answer = await request<{ conversations: VisitorConversationView[] }>('conversations:list', {});
    if (!answer.ok) return;
    const current = answer.conversations.find((c) => c.id === state.conversationId);
    set({ conversations: answer.conversations, agentSeenSeq: Math.max(state.agentSeenSeq, current?.agentSeenSeq ?? 0) });
  }

  /** While the conversation is on screen, what arrives is read: tell the team (the server never moves it back). */
  function markSeen(): void {
    const conversationId = state.conversationId;
    const seq = lastSeq(state.messages);
    const seenBefore = conversationId ? store.seenSeq(conversationId) : 0;
    if (!visible || !conversationId || seq <= seenBefore) return;
    store.setSeenSeq(conversationId, seq);
    // The visitor's own messages count as seen on the server already: only replies are worth a request.
    const news = state.messages.some((m) => m.seq > seenBefore && m.sender !== 'visitor');
    if (news && socket?.connected) void request('seen', { conversationId, seq });
  }

  function onConnect(): void {
    connection += 1;
    set({ connected: true });
    updateOutbox(requeueTransient);
    void flush();
    void sync();
    void refreshConversations();
  }

  function listen(s: Socket): void {
    s.on('connect', onConnect);
    s.on('disconnect', () => set({ connected: false, agentTyping: null }));
    // A refusal by the server's handshake is final (socket.io does not retry it): say so instead of waiting.
    s.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (!s.active) set({ refused: { code: error.data?.code ?? 'internal', message: error.message } });
    });
    s.on('session', ({ token, cookieShared }: { token: string; cookieShared?: boolean }) => {
      store.setToken(token);
      if (cookieShared === false) shareVisitorCookie(token, options.baseUrl);
    });
    s.on('message', (message: MessageView) => {
      // Sent from another tab: it is stored, so this tab's copy of the outbox entry is done too.
      if (state.outbox.some((e) => e.clientId === message.clientId)) updateOutbox((outbox) => acknowledge(outbox, message.clientId, message.conversationId));
      if (message.conversationId !== state.conversationId) return void refreshConversations();
      if (hasGap(state.messages, message)) return void sync();
      receive([message]);
    });
    s.on('conversation:updated', (conversation: VisitorConversationView) => {
      const others = state.conversations.filter((c) => c.id !== conversation.id);
      set({ conversations: [conversation, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), ...(conversation.id === state.conversationId ? { agentSeenSeq: Math.max(state.agentSeenSeq, conversation.agentSeenSeq) } : {}) });
    });
    s.on('seen', ({ conversationId, seq }: { conversationId: number; seq: number }) => {
      if (conversationId === state.conversationId) set({ agentSeenSeq: Math.max(state.agentSeenSeq, seq) });
    });
    s.on('typing', ({ conversationId, name, typing }: { conversationId: number; name: string; typing: boolean }) => {
      if (conversationId !== state.conversationId) return;
      clearTimeout(agentTypingExpiry);
      if (typing) agentTypingExpiry = setTimeout(() => set({ agentTyping: null }), AGENT_TYPING_EXPIRES_MS);
      if ((typing ? name : null) !== state.agentTyping) set({ agentTyping: typing ? name : null });
    });
  }

  // The browser knows it is offline long before a heartbeat times out: stop now, reconnect when back.
  const onOffline = () => socket?.disconnect();
  const onOnline = () => socket?.connect();

  function sendTyping(typing: boolean): void {
    if (state.conversationId && socket?.connected) void request('typing', { conversationId: state.conversationId, typing });
  }

  return {
    snapshot: (): ChatSnapshot => state,
    subscribe(listener: (snapshot: ChatSnapshot) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Opens the connection (once); the socket reconnects by itself after drops. */
    connect(): void {
      if (socket) return;
      socket = (options.connectSocket ?? io)(`${options.baseUrl ?? ''}/visitor`, {
        path: '/socket.io',
        // A function, so every reconnect sends the newest token and the page the visitor is on now.
        auth: (cb) => cb({ ...(store.token() ? { token: store.token() } : {}), ...(options.identity ? { identity: options.identity } : {}), context: visitContext(options.locale) }),
        autoConnect: navigator.onLine,
      });
      listen(socket);
      addEventListener('offline', onOffline);
      addEventListener('online', onOnline);
    },
    /** Closes the connection for good (another identity, or none, takes over). */
    disconnect(): void {
      clearTimeout(typingIdle);
      clearTimeout(agentTypingExpiry);
      removeEventListener('offline', onOffline);
      removeEventListener('online', onOnline);
      socket?.off();
      socket?.disconnect();
      listeners.clear();
    },
    /** Queues a message (text, uploaded files, or both) and sends it as soon as the connection allows. */
    send(body: string, attachments: MessageView['attachments'] = []): void {
      const text = body.trim();
      if (!text && attachments.length === 0) return;
      clearTimeout(typingIdle);
      if (typingSentAt) sendTyping(false);
      typingSentAt = 0;
      const origin = state.conversationId === null ? state.invitation?.origin : undefined;
      updateOutbox((outbox) => enqueue(outbox, { clientId: crypto.randomUUID(), conversationId: state.conversationId, body: text, ...(attachments.length ? { attachments } : {}), ...(origin ? { origin } : {}), createdAt: new Date().toISOString() }));
      void flush();
    },
    retry(clientId: string): void {
      updateOutbox((outbox) => markPending(outbox, clientId));
      void flush();
    },
    /** Shows a past conversation, or a new one (null). */
    open(conversationId: number | null): void {
      if (conversationId === state.conversationId && !state.invitation) return void sync();
      set({ invitation: null, conversationId, messages: conversationId ? store.messages(conversationId) : [], agentTyping: null, lastReply: null, agentSeenSeq: state.conversations.find((c) => c.id === conversationId)?.agentSeenSeq ?? 0 });
      void sync();
    },
    /** A new conversation about an article or a search; nothing is created until the visitor writes. */
    invite(invitation: ChatInvitation): void {
      set({ invitation, conversationId: null, messages: [], agentTyping: null, lastReply: null, agentSeenSeq: 0 });
    },
    /** Whether the conversation is on screen: then what arrives counts as read. */
    setVisible(value: boolean): void {
      visible = value;
      markSeen();
      set({});
    },
    refreshConversations: () => (socket?.connected ? refreshConversations() : Promise.resolve()),
    /** The visitor's token, for the upload API (`Authorization: Bearer`). */
    token: (): string | undefined => store.token(),
    /** "How was the conversation?": a rating is not queued like a message — the visitor sees the answer and can try again. */
    rate: (input: { conversationId: number; score: RatingScore; comment: string }) => request<{ rating: RatingView }>('conversation:rate', input),
    rating: (conversationId: number) => request<{ rating: RatingView | null }>('conversation:rating', { conversationId }),
    /** The address for replies the visitor has not seen and for transcripts; the server validates it. */
    setEmail: (email: string) => request<{ email: string; sameEmailVisitors: number }>('visitor:email', { email }),
    /** Who answers where the visitor is and whether they are there (`team:status`); the panel words it (team-notice.ts). */
    teamStatus: (query: TeamStatusQuery) => request<TeamStatusView>('team:status', query),
    /** "That helped" / "I still need help" to the answer bot; the server's events then update the conversation. */
    botAnswer: (conversationId: number, helped: boolean) => request<{ conversation: VisitorConversationView; messages: MessageView[]; duplicate: boolean }>('conversation:bot-answer', { conversationId, helped }),
    /** "Email me this conversation", to the address given with `setEmail`. */
    emailTranscript: (conversationId: number) => request<{ to: string }>('conversation:transcript', { conversationId }),
    /** Called on input: "typing" at most every few seconds, "stopped" after a pause. */
    typing(): void {
      const now = Date.now();
      if (now - typingSentAt > TYPING_THROTTLE_MS) {
        typingSentAt = now;
        sendTyping(true);
      }
      clearTimeout(typingIdle);
      typingIdle = setTimeout(() => {
        typingSentAt = 0;
        sendTyping(false);
      }, TYPING_IDLE_MS);
    },
  };
}

export type ChatClient = ReturnType<typeof createChatClient>;
