/**
 * The sandbox's own notifies: sent a moment after the call that caused them, as the real
 * platform sends them, and dropped when the server closes. One per sandbox (payments, credit).
 */
export class DelayedNotifies {
  private readonly timers = new Set<NodeJS.Timeout>()

  /** delayMs null: never on their own (tests deliver by hand). */
  constructor(private readonly delayMs: number | null) {}

  /**
   * Runs `send` after the delay. A notify that is not taken is the platform's problem to
   * resend (the shop's reconciler queries meanwhile), so its failure is dropped.
   */
  schedule(send: () => Promise<unknown> | undefined): void {
    if (this.delayMs === null) return
    const t = setTimeout(() => {
      this.timers.delete(t)
      send()?.catch(() => undefined)
    }, this.delayMs)
    t.unref()
    this.timers.add(t)
  }

  /** Drops the notifies not yet sent (the server is closing). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}
