import { describe, expect, it } from 'vitest';
import { createChatStorage } from '../../../site/components/chat/chat-storage.ts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k), clear: () => map.clear(), key: (i) => [...map.keys()][i] ?? null, get length() { return map.size; } };
}

describe('forgetting the visitor on this device (Deflect logout)', () => {
  it('drops the token, the state, cached and unsent messages, and leaves the host page’s own keys alone', () => {
    const storage = memoryStorage();
    storage.setItem('host-app.theme', 'dark');
    const chat = createChatStorage(storage);
    chat.setToken('visitor-1.signature');
    chat.updateWidget({ open: true, conversationId: 3, unread: 2 });
    chat.setMessages(3, []);
    chat.setSeenSeq(3, 5);
    chat.updateOutbox(() => [{ clientId: 'c-1', conversationId: 3, body: 'private question', createdAt: '2026-11-23T10:00:00.000Z', state: 'pending' }]);

    chat.forget();

    expect(chat.token()).toBeUndefined();
    expect(chat.outbox()).toEqual([]);
    expect(chat.seenSeq(3)).toBe(0);
    expect(chat.widget()).toMatchObject({ open: false, conversationId: null, unread: 0 });
    expect([...Array(storage.length).keys()].map((i) => storage.key(i))).toEqual(['host-app.theme']);
  });
});
