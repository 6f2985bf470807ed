import type { MessageView, OutboxEntry } from './chat-state.ts';

/**
 * What the widget keeps in the visitor's browser. Only the browser holds it: pages are cached whole on the
 * server and shared by every visitor, so nothing per-visitor may be rendered into them.
 */
export interface WidgetState {
  open: boolean;
  /** The conversation on screen; null = the list, or a new one not started yet (see `view`). */
  conversationId: number | null;
  view: 'list' | 'conversation';
  /** Replies shown on the launcher's badge. */
  unread: number;
  /** Connect on every page (not only when the panel opens): a conversation is going on or messages wait. */
  live: boolean;
  /** The visitor switched off the chime for replies that arrive while they are not looking. */
  soundMuted: boolean;
}

const PREFIX = 'deflect.chat.';
const MAX_CACHED_MESSAGES = 200;
// A first visit opens straight onto a new conversation; the list is one click away.
const initial: WidgetState = { open: false, conversationId: null, view: 'conversation', unread: 0, live: false, soundMuted: false };

function read<T>(storage: Storage | undefined, key: string, fallback: T): T {
  try {
    const raw = storage?.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback; // storage disabled, full, or garbled: the widget still works for this page
  }
}

function write(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Private mode or quota: keep working in memory.
  }
}

let pageMemory: Storage | undefined;

/**
 * localStorage, or — where the browser refuses it (the chat framed on another site with third-party storage
 * blocked, some private modes) — one store in this page's memory shared by every part of the widget, so the
 * outbox still works: messages are sent, they only don't outlive the page.
 */
function browserStorage(): Storage {
  try {
    return globalThis.localStorage;
  } catch {
    return (pageMemory ??= memoryStorage());
  }
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** The widget's persisted state, read fresh from storage on every call (another tab may have changed it). */
export function createChatStorage(storage: Storage | undefined = browserStorage()) {
  return {
    widget: (): WidgetState => ({ ...initial, ...read<Partial<WidgetState>>(storage, 'widget', {}) }),
    updateWidget(change: Partial<WidgetState>): WidgetState {
      const next = { ...this.widget(), ...change };
      write(storage, 'widget', next);
      return next;
    },
    token: (): string | undefined => read<string | undefined>(storage, 'token', undefined),
    setToken: (token: string) => write(storage, 'token', token),
    outbox: (): OutboxEntry[] => read<OutboxEntry[]>(storage, 'outbox', []),
    /** Read-modify-write, so two tabs changing the outbox lose as little as storage allows. */
    updateOutbox(change: (outbox: OutboxEntry[]) => OutboxEntry[]): OutboxEntry[] {
      const next = change(this.outbox());
      write(storage, 'outbox', next);
      return next;
    },
    /** The last messages of a conversation, so a reload shows them at once and syncs only what is newer. */
    messages: (conversationId: number): MessageView[] => read<MessageView[]>(storage, `messages.${conversationId}`, []),
    setMessages: (conversationId: number, messages: readonly MessageView[]) => write(storage, `messages.${conversationId}`, messages.slice(-MAX_CACHED_MESSAGES)),
    /** The highest seq of a conversation the visitor has had on screen. */
    seenSeq: (conversationId: number): number => read<number>(storage, `seen.${conversationId}`, 0),
    setSeenSeq: (conversationId: number, seq: number) => write(storage, `seen.${conversationId}`, seq),
    /** The address the server accepted for this visitor's chat emails, to show it (the server has no getter). */
    email: (): string | undefined => read<string | undefined>(storage, 'email', undefined),
    setEmail: (email: string) => write(storage, 'email', email),
    forgetEmail(): void {
      try {
        storage?.removeItem(`${PREFIX}email`);
      } catch {
        // Storage disabled: nothing was kept.
      }
    },
    /** Forgets the visitor on this device: token, open state, cached messages and unsent ones. */
    forget(): void {
      try {
        const keys = Array.from({ length: storage?.length ?? 0 }, (_, i) => storage!.key(i));
        for (const key of keys) if (key?.startsWith(PREFIX)) storage!.removeItem(key);
      } catch {
        // Storage disabled: nothing was kept.
      }
    },
  };
}

export type ChatStorage = ReturnType<typeof createChatStorage>;
