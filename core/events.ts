import { EventEmitter } from 'node:events';

/** Domain events and their payloads. Emitted only after the transaction that caused them commits. */
export interface DomainEvents {
  /** Articles or collections changed: caches of rendered pages are stale. */
  'content.changed': { articleIds: number[]; reason: 'import' | 'edit' };
  /** Branding or locales changed. */
  'settings.changed': Record<string, never>;
}

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
