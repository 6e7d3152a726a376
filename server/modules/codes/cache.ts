import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Drawn codes kept in memory, least recently used dropped first, bounded by entries and by
 * bytes (a WeChat code is 30–100 KB; the defaults hold about a thousand).
 */
export class LruBytes {
  private readonly map = new Map<string, Buffer>()
  private bytes = 0
  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): Buffer | undefined {
    const v = this.map.get(key)
    if (!v) return undefined
    // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
    this.map.delete(key)
    this.map.set(key, v)
    return v
  }

  set(key: string, value: Buffer): void {
    if (value.length > this.maxBytes) return
    const old = this.map.get(key)
    if (old) {
      this.bytes -= old.length
      this.map.delete(key)
    }
    this.map.set(key, value)
    this.bytes += value.length
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, buf] = this.map.entries().next().value as [string, Buffer]
      this.map.delete(oldest)
      this.bytes -= buf.length
    }
  }

  get size(): number {
    return this.map.size
  }
}

/**
 * Codes on disk (DATA_DIR/codes, private like uploads), so a restart doesn't ask WeChat again.
 * File names are a hash of the key: nothing from the request becomes a path.
 */
export class DiskCodes {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${crypto.createHash('sha256').update(key).digest('hex')}.png`)
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.promises.readFile(this.file(key))
    } catch {
      return undefined
    }
  }

  /** Written to a temporary name and renamed, so a crash never leaves half a PNG under the real name. */
  async put(key: string, png: Buffer): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 })
    const target = this.file(key)
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
    await fs.promises.writeFile(tmp, png, { mode: 0o600 })
    await fs.promises.rename(tmp, target)
  }
}
