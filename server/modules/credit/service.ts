import { eachIsolated } from '../../lib/each-isolated'
import { auditFields, listNotifyAudit, PRUNE_BATCH, PRUNE_BATCHES_PER_SWEEP } from '../../lib/notify-audit'
import type { Db, Queryable, Tx } from '../../db'
import type { Inventory } from '../inventory'
import type { OrderService } from '../orders'
import { CHANNEL_OF, type CreditCtx } from './context'
import { membershipService } from './membership'
import { payAfterUseService } from './pay-after-use'
import { rentalService } from './rentals'
import type { CreditEvent, CreditFacets, RawNotify } from '../../platforms/types'
import { rentalTermsOf, setRentalTerms } from './product-terms'
import { ledgerEntries, move, rentalProductAmong, type CreditRow } from './store'
import { membershipMachine } from '../../../src/domain/credit'

export type CreditNotifyOutcome = 'applied' | 'duplicate' | 'ignored' | 'bad_signature' | 'bad_format' | 'unknown_order' | 'mismatch' | 'wrong_channel'

declare module 'fastify' {
  interface FastifyInstance {
    credit: CreditService
  }
}

/** The credit module: rentals, pay after use, light membership, their callbacks and timers. */
export interface CreditHooks {
  orders: Pick<OrderService, 'transitionIn'>
  inventory: Inventory
  onBackgroundError: (err: unknown, what: string) => void
}

export function creditService(db: Db, providers: CreditFacets, now: () => Date, hooks: CreditHooks) {
  const ctx: CreditCtx = { db, now, providers, background: hooks.onBackgroundError, orders: hooks.orders, inventory: hooks.inventory }
  const rentals = rentalService(ctx)
  const payAfterUse = payAfterUseService(ctx)
  const membership = membershipService(ctx)

  /** One audit row; with a notify id, null (and no row) when that id is already recorded. */
  async function record(q: Queryable, channel: string, raw: RawNotify, verified: boolean, out: string | null, outcome: CreditNotifyOutcome | 'received', notifyId: string | null = null): Promise<number | null> {
    // Unverified callbacks keep a hash, length and prefix only (lib/notify-audit.ts).
    const a = auditFields(raw, verified)
    const r = await q.maybeOne<{ id: number }>(
      `INSERT INTO credit_notifies (channel, headers, body, body_sha256, body_length, verified, out_order_no, outcome, received_at, notify_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (channel, notify_id) WHERE notify_id IS NOT NULL DO NOTHING RETURNING id`,
      [channel, a.headers, a.body, a.bodySha256, a.bodyLength, verified, out, outcome, now(), notifyId],
    )
    return r?.id ?? null
  }

  /** Audit retention, as payments': unverified callbacks older than `olderThanMs` go in bounded batches; verified ones stay. */
  async function pruneNotifies(olderThanMs: number): Promise<number> {
    const before = new Date(now().getTime() - olderThanMs)
    let n = 0
    for (let i = 0; i < PRUNE_BATCHES_PER_SWEEP; i++) {
      const r = await db.query(
        'DELETE FROM credit_notifies WHERE id IN (SELECT id FROM credit_notifies WHERE NOT verified AND received_at < $1 ORDER BY received_at LIMIT $2)',
        [before, PRUNE_BATCH],
      )
      n += r.rowCount
      if (r.rowCount < PRUNE_BATCH) break
    }
    return n
  }

  /** One event on one credit order, in one transaction; a repeat finds the state moved and changes nothing. */
  async function apply(q: Tx, c: CreditRow, e: CreditEvent): Promise<CreditNotifyOutcome> {
    const at = now()
    if (c.kind === 'rental') {
      if (e.type === 'confirmed') return rentals.confirmed(q, c, e.waived ?? 0, e.frozen, e.platformId, at)
      if (e.type === 'charged') return rentals.charged(q, c, e.amount ?? -1, e.platformId ?? '', at)
      return 'ignored'
    }
    if (c.kind === 'pay_after_use') {
      if (e.type === 'confirmed') return payAfterUse.confirmed(q, c, e.platformId, at)
      if (e.type === 'denied' || e.type === 'cancelled') return payAfterUse.ended(q, c, e.type === 'denied' ? 'deny' : 'cancel', at)
      if (e.type === 'charged') return payAfterUse.charged(q, c, e.amount ?? -1, at)
      return 'ignored'
    }
    if (e.type === 'confirmed') return membership.confirmed(q, c, e.platformId, at)
    if (e.type === 'denied' || e.type === 'cancelled') return membership.denied(q, c, at)
    if (e.type === 'charged') return membership.settled(q, c, e.amount ?? -1, at)
    return 'ignored'
  }

  async function handleNotify(channel: 'wechat' | 'alipay', raw: RawNotify): Promise<{ accepted: boolean; outcome: CreditNotifyOutcome; message: string }> {
    const verifier = providers.byId[channel]
    if (!verifier) {
      await record(db, channel, raw, false, null, 'wrong_channel')
      return { accepted: false, outcome: 'wrong_channel', message: 'channel not configured' }
    }
    const v = verifier.verifyNotify(raw)
    if (!v.ok) {
      await record(db, channel, raw, false, null, v.reason)
      return { accepted: false, outcome: v.reason, message: v.message }
    }
    const e = v.event
    if (!e) {
      await record(db, channel, raw, true, null, 'ignored')
      return { accepted: true, outcome: 'ignored', message: 'nothing to change' }
    }
    // Alipay's notify_id (the same on every resend): a replay is recognised with one index
    // lookup and changes nothing (the moves are conditional anyway; this makes it cheap and
    // visible). The id is claimed in the effect's transaction, before the effect.
    const notifyId = channel === 'alipay' ? (new URLSearchParams(raw.body).get('notify_id')?.slice(0, 128) ?? null) : null
    const replay = async () => {
      await record(db, channel, raw, true, e.outOrderNo, 'duplicate')
      return { accepted: true, outcome: 'duplicate' as const, message: 'replayed notify_id' }
    }
    if (notifyId && (await db.maybeOne('SELECT 1 FROM credit_notifies WHERE channel = $1 AND notify_id = $2', [channel, notifyId]))) return replay()
    const c = await db.maybeOne<CreditRow>('SELECT * FROM credit_orders WHERE out_order_no = $1', [e.outOrderNo])
    const refuse = async (outcome: CreditNotifyOutcome, message: string) => {
      await record(db, channel, raw, true, e.outOrderNo, outcome)
      return { accepted: false, outcome, message }
    }
    if (!c || CHANNEL_OF[c.provider] !== channel) return refuse('unknown_order', 'unknown out_order_no')
    const owner = providers.byId[c.provider] ?? verifier
    if (e.appId !== null && e.appId !== owner.appId) return refuse('mismatch', 'appid does not match')
    // Signed by the platform is not enough: it must be for this shop's merchant account, as payments checks.
    if (owner.merchantId && e.merchantId !== null && e.merchantId !== owner.merchantId) return refuse('mismatch', 'merchant does not match')
    if (e.type === 'confirmed' && e.amount !== undefined && e.amount !== c.amount) return refuse('mismatch', 'amount does not match')
    const outcome = await db.tx(async (q): Promise<CreditNotifyOutcome | 'replay'> => {
      const claimed = notifyId ? await record(q, channel, raw, true, e.outOrderNo, 'received', notifyId) : null
      if (notifyId && claimed === null) return 'replay'
      const o = await apply(q, c, e)
      // A mismatch keeps no notify id, so the platform's resend of it is looked at again.
      if (claimed !== null) await q.query('UPDATE credit_notifies SET outcome = $2, notify_id = CASE WHEN $2 = \'mismatch\' THEN NULL ELSE notify_id END WHERE id = $1', [claimed, o])
      else await record(q, channel, raw, true, e.outOrderNo, o)
      return o
    })
    if (outcome === 'replay') return replay()
    return { accepted: outcome !== 'mismatch', outcome, message: outcome }
  }

  /** Asks the platform about one waiting credit order and applies its answer like a callback. */
  async function reconcileOne(c: CreditRow): Promise<void> {
    const p = providers.byId[c.provider]
    if (!p) return
    if (c.state === 'settling' || c.state === 'charging') {
      if (c.kind === 'rental') await rentals.charge(c.id)
      else if (c.kind === 'pay_after_use') await payAfterUse.charge(c.id)
      else await membership.charge(c.id)
      return
    }
    const a = await p.query({ kind: c.kind, outOrderNo: c.out_order_no, authorized: c.amount }).catch(() => null)
    if (!a || a.state === 'waiting' || a.state === 'charged') return
    const e: CreditEvent = { outOrderNo: c.out_order_no, type: a.state, waived: a.waived, frozen: a.frozen, platformId: a.platformId, appId: null, merchantId: null }
    if (c.kind === 'rental' && e.type === 'cancelled') {
      await rentals.end(c.id, 'expire')
      return
    }
    await db.tx((q) => apply(q, c, e))
  }

  async function reconcileByOut(out: string): Promise<void> {
    const c = await db.maybeOne<CreditRow>('SELECT * FROM credit_orders WHERE out_order_no = $1', [out])
    if (c) await reconcileOne(c)
  }

  /** Confirms not given within this long expire (the unit held by a rental goes back). */
  const CONFIRM_TTL_MS = 30 * 60_000

  async function sweep(): Promise<number> {
    const at = now()
    let n = 0
    // Waiting for the platform (no callback yet) or a charge not yet confirmed: ask.
    const waiting = await db.query<CreditRow>(
      `SELECT * FROM credit_orders WHERE (state IN ('created', 'signing') AND confirm_ref IS NOT NULL AND updated_at <= $1)
         OR (state IN ('settling', 'charging') AND (charge_requested_at IS NULL OR charge_requested_at <= $1)) ORDER BY id LIMIT 200`,
      [new Date(at.getTime() - 60_000)],
    )
    // Each record on its own: one that throws (a provider no longer configured, a bad row) is
    // reported and every later record still gets its timer.
    const report = (c: { out_order_no?: string; id: number }) => (err: unknown) => hooks.onBackgroundError(err, `credit timer for ${c.out_order_no ?? `#${c.id}`}`)
    await eachIsolated(waiting.rows, (c) => reconcileOne(c), (err, c) => report(c)(err))
    const stale = await db.query<CreditRow>("SELECT * FROM credit_orders WHERE kind = 'rental' AND state = 'created' AND created_at <= $1 ORDER BY id LIMIT 200", [new Date(at.getTime() - CONFIRM_TTL_MS)])
    n += await eachIsolated(stale.rows, async (c) => (await rentals.end(c.id, 'expire'), true), (err, c) => report(c)(err))
    const signing = await db.query<{ id: number }>("SELECT id FROM credit_orders WHERE kind = 'membership' AND state = 'signing' AND created_at <= $1 ORDER BY id LIMIT 200", [new Date(at.getTime() - CONFIRM_TTL_MS)])
    n += await eachIsolated(signing.rows, (c) => move(db, membershipMachine, c.id, 'expire', 'system', at, 'ended_at = $3'), (err, c) => report(c)(err))
    for (const part of [rentals.sweep, payAfterUse.sweep, membership.sweep]) n += await part(hooks.onBackgroundError)
    return n
  }

  // The sandbox's own later callbacks go through the same handler as a platform's.
  if (providers.sandbox) providers.sandbox.deliver = (channel, raw) => handleNotify(channel, raw)

  /** Rental products are rented (POST /api/rentals), never sold: the first of these SKUs that is one, or null. */
  const rentalAmong = (skuIds: readonly number[]) => rentalProductAmong(db, skuIds)
  /** Admin: ledger entries by kind and/or reference. */
  const ledger = (filter: { kind?: string; ref?: string }) => ledgerEntries(db, filter)

  // A rental product's terms, for the catalog editor (credit owns product_rentals; the catalog calls these in its transaction).
  const productTerms = { of: rentalTermsOf, set: setRentalTerms }

  /** Admin: the callback audit rows, newest first, in the shape payments' notifies list uses. */
  const notifies = (q: { verified?: boolean; limit: number; offset: number }) => listNotifyAudit(db, 'credit', q)

  return { providers, rentals, payAfterUse, membership, handleNotify, reconcileByOut, sweep, pruneNotifies, rentalAmong, ledger, productTerms, notifies }
}

export type CreditService = ReturnType<typeof creditService>
