import type { Platform } from '../../../src/domain/contract'
import type { Db } from '../../db'
import { backoff } from '../../lib/backoff'
import { leaseOwnerName, workerTimer } from '../../lib/worker-timer'
import { claimDue, enqueueClosingSoon, finish, retryLater, waitForQuota, type OutboxRow } from './outbox'
import { exhaust, giveBack, quotaOf, takeOne } from './quota'
import { creditFacts, orderFacts, pageOf, templateData } from './template-data'
import { channelFor, templatesFor, type ChannelId, type ChannelKeys, type MessageConfig } from './templates'
import { orderStatus } from '../orders'
import type { MessagesFacet, Recipient, SendOutcome } from '../../platforms/types'

export interface WorkerOptions {
  db: Db
  now: () => Date
  config: MessageConfig
  keys: ChannelKeys
  providers: Partial<Record<ChannelId, MessagesFacet>>
  /** Names this worker's leases (default host:pid:random). */
  owner?: string
  /** How long a claimed row is ours; longer than any provider call (default 60 s). */
  leaseMs?: number
  /** First retry after this, doubling each time (default 10 s), capped at maxBackoffMs (30 min). */
  backoffMs?: number
  maxBackoffMs?: number
  /** Attempts before a row ends 'failed' (default 8: about 20 minutes of retries). */
  maxAttempts?: number
  batch?: number
  onError?: (err: unknown, what: string) => void
}

export interface MessageWorker {
  /** Enqueues closing-soon reminders, then sends every due row; answers how many rows it handled. */
  runOnce(): Promise<number>
  start(intervalMs: number): void
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>
  readonly owner: string
}


export function createMessageWorker(o: WorkerOptions): MessageWorker {
  const owner = o.owner ?? leaseOwnerName()
  const leaseMs = o.leaseMs ?? 60_000
  const baseMs = o.backoffMs ?? 10_000
  const maxBackoffMs = o.maxBackoffMs ?? 30 * 60_000
  const maxAttempts = o.maxAttempts ?? 8
  const batch = o.batch ?? 20
  // The app asks for consent in the payment callback, so the accept often arrives after the
  // paid notify: a message without quota waits this long for it before it is skipped.
  const quotaWaitMs = o.config.consentWaitMs
  const db = o.db
  let running: Promise<number> | null = null

  async function recipient(userId: number): Promise<Recipient | null> {
    const u = await db.maybeOne<{ platform: Platform; external_id: string; open_id: string | null }>('SELECT platform, external_id, open_id FROM users WHERE id = $1', [userId])
    return u && { userId, platform: u.platform, externalId: u.external_id, openId: u.open_id }
  }

  /** A failed attempt: later, or for good after maxAttempts (its quota unit then goes back: nothing was sent). */
  async function failOrRetry(row: OutboxRow, templateId: string, detail: string): Promise<void> {
    const at = o.now()
    if (row.attempts >= maxAttempts) {
      await db.tx(async (q) => {
        if (await finish(q, row.id, owner, 'failed', at, detail)) await giveBack(q, row.user_id, templateId, at)
      })
    } else {
      await retryLater(db, row.id, owner, new Date(at.getTime() + backoff(row.attempts, baseMs, maxBackoffMs)), detail)
    }
  }

  async function handle(row: OutboxRow): Promise<void> {
    // A row that keeps losing its worker (a crash every time) must not come back forever.
    // If a call was under way it may have delivered: 'unknown', not 'failed'.
    if (row.attempts > maxAttempts + 2) return void (await finish(db, row.id, owner, row.call_started_at ? 'unknown' : 'failed', o.now(), 'claimed too many times without an answer'))
    const to = await recipient(row.user_id)
    if (!to) return void (await finish(db, row.id, owner, 'skipped_stale', o.now(), 'user gone'))
    // Channel and template are fixed at the first attempt, so every retry sends the same thing the same way.
    const channel = (row.channel as ChannelId | null) ?? channelFor(to.platform, o.keys)
    const templateId = row.template_id ?? templatesFor(to.platform, o.config, o.keys)[row.event]
    const provider = o.providers[channel]
    if (!templateId || !provider) return void (await finish(db, row.id, owner, 'skipped_no_template', o.now(), templateId ? `no ${channel} sender` : `no template for ${row.event} on ${to.platform}`))

    // A previous holder started the call and never recorded the answer (crash, hang, lost lease).
    // An idempotent platform drops a repeat by the dedupe key, so we send again; any other might
    // have delivered it, and a second copy would spend a send the shopper allowed for another
    // message: we choose at most once and leave it 'unknown' for a person.
    if (row.call_started_at && !provider.idempotent) {
      return void (await finish(db, row.id, owner, 'unknown', o.now(), 'interrupted during the platform call; not repeated'))
    }

    // Without consent there is nothing to send: decide that before reading the order. The row
    // waits (parked until an accept wakes it or the wait ends), then is skipped.
    if (!row.quota_taken && !((await quotaOf(db, row.user_id, [templateId])).get(templateId)?.remaining ?? 0)) {
      const until = new Date(new Date(row.occurred_at).getTime() + quotaWaitMs)
      if (until > o.now()) await waitForQuota(db, row.id, owner, until)
      else await finish(db, row.id, owner, 'skipped_no_quota', o.now(), 'the shopper allowed no send for this template')
      return
    }

    if (!row.order_id && !row.credit_order_id) return void (await finish(db, row.id, owner, 'skipped_stale', o.now(), 'no order'))
    if (row.event === 'order_closing_soon' && row.order_id) {
      const s = await orderStatus(db, row.order_id)
      if (s !== 'created') return void (await finish(db, row.id, owner, 'skipped_stale', o.now(), `order is ${s ?? 'gone'}`))
    }
    const credit = row.credit_order_id ? await creditFacts(db, row.credit_order_id, row.event, new Date(row.occurred_at)) : null
    const facts = credit ?? (row.order_id ? await orderFacts(db, row.order_id, row.event, new Date(row.occurred_at), row.dedupe_key) : null)
    const page = credit ? credit.page : pageOf(row)
    const data = facts && templateData(to.platform === 'alipay' ? 'alipay' : 'wechat', row.event, facts)
    if (!data) return void (await finish(db, row.id, owner, 'skipped_stale', o.now(), 'nothing to say'))

    // One unit of quota for this row, taken once (quota_taken), in the same transaction that
    // records "the call starts now". Both only while we still hold the lease.
    const go = await db.tx(async (q) => {
      const at = o.now()
      // The last unit may have gone to another row since the check above.
      if (!row.quota_taken && !(await takeOne(q, row.user_id, templateId, at))) {
        await finish(q, row.id, owner, 'skipped_no_quota', at, 'the shopper allowed no send for this template')
        return false
      }
      const r = await q.query(
        `UPDATE message_outbox SET quota_taken = true, channel = $3, template_id = $4, call_started_at = $5
         WHERE id = $1 AND lease_owner = $2 AND status = 'sending'`,
        [row.id, owner, channel, templateId, at],
      )
      // Lease lost meanwhile: roll back (the quota unit too) and leave the row to its new holder.
      if (r.rowCount === 0) throw new LeaseLost()
      return true
    }).catch((err: unknown) => {
      if (err instanceof LeaseLost) return false
      throw err
    })
    if (!go) return

    let outcome: SendOutcome
    try {
      outcome = await provider.send({ dedupeKey: row.dedupe_key, recipient: to, event: row.event, templateId, page, data })
    } catch (err) {
      // A provider should answer, not throw; if it throws we can't tell whether it delivered.
      outcome = { kind: 'ambiguous', detail: `provider threw: ${(err as Error).message}` }
    }

    const at = o.now()
    switch (outcome.kind) {
      case 'sent':
        await finish(db, row.id, owner, 'sent', at)
        return
      case 'no_quota':
        // The platform's count wins over ours: zero for this template until the shopper accepts again.
        await db.tx(async (q) => {
          await exhaust(q, row.user_id, templateId, at)
          await finish(q, row.id, owner, 'skipped_no_quota', at, outcome.detail)
        })
        return
      case 'rejected':
        await db.tx(async (q) => {
          if (await finish(q, row.id, owner, 'failed', at, outcome.detail)) await giveBack(q, row.user_id, templateId, at)
        })
        return
      case 'ambiguous':
        if (!provider.idempotent) {
          await finish(db, row.id, owner, 'unknown', at, outcome.detail)
          return
        }
        await failOrRetry(row, templateId, outcome.detail)
        return
      case 'retry':
        await failOrRetry(row, templateId, outcome.detail)
        return
    }
  }

  async function run(): Promise<number> {
    let handled = 0
    if (o.config.closingSoonMs > 0) await enqueueClosingSoon(db, o.now(), o.config.closingSoonMs)
    for (;;) {
      const rows = await claimDue(db, owner, o.now(), leaseMs, batch)
      for (const row of rows) {
        try {
          await handle(row)
        } catch (err) {
          // A database hiccup: the lease runs out and the row is claimed again later.
          o.onError?.(err, `message ${row.dedupe_key}`)
        }
        handled += 1
      }
      if (rows.length < batch) return handled
    }
  }

  const worker: MessageWorker = {
    owner,
    runOnce() {
      running ??= run().finally(() => {
        running = null
      })
      return running
    },
    ...workerTimer(() => worker.runOnce(), () => running, o.onError, 'message worker'),
  }
  return worker
}

class LeaseLost extends Error {}
