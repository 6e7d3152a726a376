import type { Db } from '../../db'
import { backoff } from '../../lib/backoff'
import { leaseOwnerName, workerTimer } from '../../lib/worker-timer'
import { claimDue, markFailed, markSent, type UpdateRow } from './outbox'

export interface CardWorkerOptions {
  db: Db
  now: () => Date
  /** Sends the shopper's current level and points to each active card; answers what it sent. */
  send: (userId: number) => Promise<unknown>
  owner?: string
  /** Longer than any platform call (default 60 s). */
  leaseMs?: number
  /** First retry after this, doubling (default 30 s), capped at 1 h. */
  backoffMs?: number
  /** Attempts before an update ends 'failed' (default 8). */
  maxAttempts?: number
  onError?: (err: unknown, what: string) => void
}

export interface CardWorker {
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

/**
 * Sends the card-update outbox as the shipping worker sends its uploads (lease, backoff, give
 * up after maxAttempts). A repeat is harmless: each update carries the whole state (points,
 * level), not a delta.
 */
export function createCardWorker(o: CardWorkerOptions): CardWorker {
  const owner = o.owner ?? leaseOwnerName()
  const leaseMs = o.leaseMs ?? 60_000
  const baseMs = o.backoffMs ?? 30_000
  const maxAttempts = o.maxAttempts ?? 8
  let running: Promise<number> | null = null

  async function handle(row: UpdateRow): Promise<void> {
    try {
      const sent = await o.send(row.user_id)
      await markSent(o.db, row.id, owner, sent, o.now())
    } catch (err) {
      const at = o.now()
      const retryAt = row.attempts >= maxAttempts ? null : new Date(at.getTime() + backoff(row.attempts, baseMs, 60 * 60_000))
      await markFailed(o.db, row, owner, (err as Error).message, retryAt)
    }
  }

  async function run(): Promise<number> {
    const rows = await claimDue(o.db, owner, o.now(), leaseMs, 20)
    for (const row of rows) {
      try {
        await handle(row)
      } catch (err) {
        o.onError?.(err, `member card update ${row.id}`)
      }
    }
    return rows.length
  }

  const worker: CardWorker = {
    runOnce() {
      const next = (running ?? Promise.resolve(0)).catch(() => 0).then(run)
      const tracked: Promise<number> = next.finally(() => {
        if (running === tracked) running = null
      })
      running = tracked
      return next
    },
    ...workerTimer(() => worker.runOnce(), () => running, o.onError, 'member card worker'),
  }
  return worker
}
