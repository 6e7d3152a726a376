import type { Db } from '../../db'
import { backoff } from '../../lib/backoff'
import { outboxRunner, type OutboxRunner } from '../../lib/outbox-runner'
import { leaseOwnerName } from '../../lib/worker-timer'
import { claimDue, markFailed, markSent, type UpdateRow } from './outbox'

export interface CardWorkerOptions {
  db: Db
  now: () => Date
  /** Sends the shopper's current level and points to each active card; answers what it sent (kept on the row). */
  send: (userId: number) => Promise<unknown>
  owner?: string
  /** Lease (default 60 s), first retry (30 s, doubling to 1 h), attempts before 'failed' (8): the shipping outbox's. */
  leaseMs?: number
  backoffMs?: number
  maxAttempts?: number
  onError?: (err: unknown, what: string) => void
}

export type CardWorker = OutboxRunner

/**
 * Sends the card-update outbox as the shipping worker sends its uploads (lease, backoff, give
 * up after maxAttempts). A repeat is harmless: each update carries the whole state (points,
 * level), not a delta.
 */
export function createCardWorker(o: CardWorkerOptions): CardWorker {
  const owner = o.owner ?? leaseOwnerName()
  const baseMs = o.backoffMs ?? 30_000
  const maxAttempts = o.maxAttempts ?? 8

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

  return outboxRunner({ claim: () => claimDue(o.db, owner, o.now(), o.leaseMs ?? 60_000, 20), handle, onError: o.onError, what: 'member card update' })
}
