/**
 * A micro-cache for catalog reads: the same product list or detail is answered from memory
 * for up to `ttlMs`, and concurrent misses share one database read. This server drops the
 * cache whenever it changes stock (orders), so its own shoppers never see stale numbers;
 * another server on the same PostgreSQL is at most `ttlMs` behind. Stock shown in the
 * catalog is a hint either way: order creation checks it in the database.
 */
export class ReadCache {
  private entries = new Map<string, { at: number; value: Promise<string> }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  /** The JSON text for key, computing it at most once per ttl. */
  get(key: string, load: () => Promise<unknown>): Promise<string> {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && now - hit.at < this.ttlMs) return hit.value
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    const value = load().then((v) => JSON.stringify(v))
    // A failed read is not cached.
    value.catch(() => this.entries.delete(key))
    this.entries.set(key, { at: now, value })
    return value
  }

  private values = new Map<string, { at: number; value: Promise<unknown>; settled: boolean }>()

  /**
   * The value itself (not its JSON), for answers that add something computed per request
   * (offers) before they are sent. Same ttl, same sharing of concurrent misses: a read still
   * in flight is shared even with the cache off (ttl 0), so 50 shoppers asking for the same
   * page at once make one database read, not 50 (clear() drops an in-flight read too). The
   * read starts on the next turn of the event loop (setImmediate, after the sockets that are
   * ready now have been read): PGlite runs a whole query synchronously, so a read started at
   * once would be over before the next shopper's request is even parsed, and nothing shared.
   */
  value<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now()
    const hit = this.values.get(key)
    if (hit && (!hit.settled || now - hit.at < this.ttlMs)) return hit.value as Promise<T>
    if (this.values.size >= this.maxEntries) this.values.clear()
    const value = nextTurn().then(load)
    const entry = { at: now, value: value as Promise<unknown>, settled: false }
    value.then(
      () => {
        entry.settled = true
      },
      () => {
        if (this.values.get(key) === entry) this.values.delete(key)
      },
    )
    this.values.set(key, entry)
    return value
  }

  clear(): void {
    this.entries.clear()
    this.values.clear()
  }
}

/** Resolves after the I/O callbacks of this event-loop turn: requests read in this turn can join a read started now. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
