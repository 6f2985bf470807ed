import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatClient, ChatSnapshot } from '../../../site/components/chat/chat-client.ts';
import { createChatStorage } from '../../../site/components/chat/chat-storage.ts';
import type { MessageView } from '../../../site/components/chat/chat-state.ts';
import { notifyReplies } from '../../../site/components/chat/reply-notifier.ts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k), clear: () => map.clear(), key: () => null, get length() { return map.size; } };
}

/** The part of the chat client the notifier uses, driven by the test. */
function fakeClient(initial: Partial<ChatSnapshot>) {
  let snapshot = { unread: 0, lastReply: null, ...initial } as ChatSnapshot;
  const listeners = new Set<(s: ChatSnapshot) => void>();
  return {
    client: { snapshot: () => snapshot, subscribe: (l: (s: ChatSnapshot) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as ChatClient,
    emit(change: Partial<ChatSnapshot>) {
      snapshot = { ...snapshot, ...change };
      for (const listener of listeners) listener(snapshot);
    },
  };
}

const reply = (clientId: string): MessageView => ({ conversationId: 5, seq: 2, clientId, sender: 'agent', senderName: 'Olga', kind: 'text', body: 'Hi', attachments: [], createdAt: '2026-11-23T12:00:00Z' });

describe('reply notifications', () => {
  let chimes: number;
  beforeEach(() => {
    chimes = 0;
    vi.stubGlobal('document', { title: 'Billing — Acme Help' });
    // Counts the chimes: each one starts its notes from a fresh oscillator pair.
    class FakeAudioContext {
      state = 'running';
      currentTime = 0;
      destination = {};
      createGain = () => ({ gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} });
      createOscillator = () => ({ type: '', frequency: { value: 0 }, connect() {}, start: () => (chimes += 0.5), stop() {} });
      resume = () => Promise.resolve();
    }
    vi.stubGlobal('AudioContext', FakeAudioContext);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('counts unread replies in the tab title and chimes once per new reply, until the visitor looks', () => {
    const storage = createChatStorage(memoryStorage());
    const { client, emit } = fakeClient({});
    notifyReplies(client, storage, 'New message');
    expect(document.title).toBe('Billing — Acme Help');

    emit({ unread: 1, lastReply: reply('a') });
    expect([document.title, chimes]).toEqual(['(1) New message — Billing — Acme Help', 1]);
    emit({ unread: 1 }); // another snapshot, same reply: no second chime
    emit({ unread: 2, lastReply: reply('b') });
    expect([document.title, chimes]).toEqual(['(2) New message — Billing — Acme Help', 2]);
    emit({ unread: 0 }); // the conversation is on screen in a visible tab
    expect(document.title).toBe('Billing — Acme Help');
  });

  it('stays silent when the visitor muted the sound, and for a reply read as it arrived', () => {
    const storage = createChatStorage(memoryStorage());
    const { client, emit } = fakeClient({});
    notifyReplies(client, storage, 'New message');
    emit({ unread: 0, lastReply: reply('seen-at-once') });
    storage.updateWidget({ soundMuted: true });
    emit({ unread: 1, lastReply: reply('muted') });
    expect([document.title, chimes]).toEqual(['(1) New message — Billing — Acme Help', 0]);
  });

  it('does not chime for the reply it finds when it starts (a page load), only for new ones', () => {
    const storage = createChatStorage(memoryStorage());
    const { client } = fakeClient({ unread: 1, lastReply: reply('old') });
    notifyReplies(client, storage, 'New message');
    expect([document.title, chimes]).toEqual(['(1) New message — Billing — Acme Help', 0]);
  });
});
