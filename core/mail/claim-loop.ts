/**
 * The wake-and-poll cycle of the workers that drain a table of due rows (the mail outbox, webhook
 * deliveries): a doorbell rung in this process wakes the loop at once, a short poll finds the rest (retries,
 * rows written by other instances or by triggers). One drain runs at a time; a ring during it runs the next
 * drain right after, so nothing rung is left for the poll. `stop()` waits for the drain under way.
 */
export class ClaimLoop {
  readonly #pollMs: number;
  readonly #doorbell: (ring: () => void) => () => void;
  readonly #drain: () => Promise<void>;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Promise<void> | undefined;
  #rungWhileRunning = false;
  #stopped = false;

  /** `drain` handles every due row it can claim and must not throw (it logs its own failures). */
  constructor(options: { pollMs: number; doorbell: (ring: () => void) => () => void; drain: () => Promise<void> }) {
    this.#pollMs = options.pollMs;
    this.#doorbell = options.doorbell;
    this.#drain = options.drain;
  }

  /** True once `stop()` was called: a drain checks it between rows. */
  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    this.#unsubscribe = this.#doorbell(() => this.#wake());
    this.#wake();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    await this.#running;
  }

  #wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#rungWhileRunning = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#rungWhileRunning) {
        this.#rungWhileRunning = false;
        this.#wake();
      } else if (!this.#stopped) {
        this.#timer = setTimeout(() => this.#wake(), this.#pollMs);
        this.#timer.unref();
      }
    });
  }
}
