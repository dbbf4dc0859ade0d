/**
 * Reads ahead of the consumer, up to `limit` items, so a file read (a trip to the thread pool) happens while the
 * replay waits for a send time rather than between two sends due at once. Memory: at most `limit` items.
 */
export class Prefetch<T> {
  private items: T[] = [];
  private head = 0;
  private done = false;
  private error: unknown;
  private pumping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly limit = 512,
  ) {
    this.pump();
  }

  private get buffered(): number {
    return this.items.length - this.head;
  }

  private pump(): void {
    if (this.pumping || this.done) return;
    this.pumping = true;
    void (async () => {
      try {
        while (this.buffered < this.limit) {
          const r = await this.source.next();
          if (r.done) {
            this.done = true;
            break;
          }
          this.items.push(r.value);
          this.notify();
        }
      } catch (error) {
        this.error = error;
        this.done = true;
      } finally {
        this.pumping = false;
        this.notify();
      }
    })();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The next item, or undefined at the end; rethrows what the source threw, in order. */
  async next(): Promise<T | undefined> {
    for (;;) {
      if (this.buffered > 0) {
        const item = this.items[this.head] as T;
        this.head++;
        if (this.head >= 1024 && this.head * 2 >= this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        if (this.buffered < this.limit / 2) this.pump();
        return item;
      }
      if (this.done) {
        if (this.error !== undefined) throw this.error;
        return undefined;
      }
      this.pump();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Stops reading ahead and ends the source (closing its file). */
  async close(): Promise<void> {
    this.done = true;
    while (this.pumping) await new Promise<void>((resolve) => setImmediate(resolve));
    await this.source.return?.();
  }
}
