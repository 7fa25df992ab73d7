// One pending timer per key (a document URI): the latest request wins, earlier ones are dropped.
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRequest = new Map<string, number>();

  /** `minDelayMs`: the shortest pause that ends a burst, however cheap a run is. */
  constructor(private readonly minDelayMs = 2) {}

  schedule(key: string, delayMs: number, run: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, delayMs);
    this.timers.set(key, timer);
  }

  /**
   * Leading and trailing: a request after a quiet spell (nothing pending, no request for as long
   * as one run costs) runs on the next tick, so a single edit is answered at once; a burst (typing)
   * runs once, after a pause in proportion to what one run costs (twice its last duration, at
   * most `maxDelayMs`): a 3 ms lint is never held back 100 ms, a slow one never runs per keystroke.
   */
  scheduleLeading(key: string, maxDelayMs: number, run: () => void, costMs = maxDelayMs / 2, now = Date.now()): void {
    const last = this.lastRequest.get(key);
    this.lastRequest.set(key, now);
    // Quiet: nothing pending, and at least one run's worth of time since the last request.
    const quiet = !this.timers.has(key) && (last === undefined || now - last >= Math.max(this.minDelayMs, Math.min(maxDelayMs, costMs)));
    this.schedule(key, quiet ? 0 : Math.min(maxDelayMs, Math.max(this.minDelayMs, Math.ceil(2 * costMs))), run);
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  /** Forgets a key entirely (its document closed). */
  forget(key: string): void {
    this.cancel(key);
    this.lastRequest.delete(key);
  }

  isPending(key: string): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.lastRequest.clear();
  }
}
