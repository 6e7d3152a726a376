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

  private values = new Map<string, { at: number; value: Promise<unknown> }>()

  /**
   * The value itself (not its JSON), for answers that add something computed per request
   * (offers) before they are sent. Same ttl, same sharing of concurrent misses.
   */
  value<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now()
    const hit = this.values.get(key)
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>
    if (this.values.size >= this.maxEntries) this.values.clear()
    const value = load()
    value.catch(() => this.values.delete(key))
    this.values.set(key, { at: now, value })
    return value
  }

  clear(): void {
    this.entries.clear()
    this.values.clear()
  }
}
