import { EventEmitter } from 'node:events';
import type { ConversationView, MessageView } from './chat/chat-views.ts';

/** Domain events and their payloads. Emitted only after the transaction that caused them commits. */
export interface DomainEvents {
  /** Articles or collections changed: caches of rendered pages are stale. */
  'content.changed': { articleIds: number[]; reason: 'import' | 'edit' | 'resync' } & Relayed;
  /** Branding or locales changed. */
  'settings.changed': Relayed;
  /** The chat's keys changed (identity key rotated): every instance must reload them. */
  'chat.secrets_changed': Relayed;
  /** A staff member signed out: their live connections (operator inbox) must close. */
  'staff.signed_out': { userId: number };
  /**
   * A chat message stored by something other than a socket handler (a visitor's email reply): the chat
   * server broadcasts it as if it had come over a socket. Socket handlers broadcast their own messages.
   */
  'chat.message_posted': { message: MessageView; conversation?: ConversationView | undefined; visitorId: string };
  /**
   * Alerts for staff were written or bumped (migration 0023's triggers NOTIFY it at commit, on every
   * instance): each instance pushes them to the recipients' sockets it holds.
   */
  'notifications.changed': { ids: number[] } & Relayed;
}

/** Events that arrive from another instance (see events-relay.ts) are marked so they are not sent back. */
export interface Relayed {
  remote?: boolean;
}

/** Events every instance must see: they invalidate per-process caches. */
export const RELAYED_EVENTS = ['content.changed', 'settings.changed', 'chat.secrets_changed'] as const satisfies ReadonlyArray<keyof DomainEvents>;

/** Events the database itself NOTIFYs (from triggers): received by every instance, never published by one. */
export const DATABASE_EVENTS = ['notifications.changed'] as const satisfies ReadonlyArray<keyof DomainEvents>;

/** A typed, in-process event bus. Listeners run synchronously and must not throw into the emitter. */
export class EventBus {
  readonly #emitter = new EventEmitter();

  on<K extends keyof DomainEvents>(event: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.#emitter.on(event, listener);
    return () => this.#emitter.off(event, listener);
  }

  emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): void {
    this.#emitter.emit(event, payload);
  }
}
