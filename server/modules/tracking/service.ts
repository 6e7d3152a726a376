import { CARRIERS, carrierName, type FulfilmentKind, type OrderTracking, type ParcelTrace, type TrackingEvent } from '../../../src/domain/shipping'
import type { Db, Tx } from '../../db'
import { AppError, notFound } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { ProviderError, type RawNotify, type TrackedParcel, type TrackingFacets, type TrackingSnapshot, type TrackingUpdate } from '../../platforms/types'
import { enqueueOrderEvent } from '../messages'
import { findOrder } from '../orders'
import { recordAudit, type AuditActor } from '../staff'
import * as repo from './repository'
import type { ParcelRow } from './repository'

/**
 * What the shipping module (delivery, at its ship transaction) and the after-sales module
 * (kind 'return', a shopper's return shipment) hand over. `kind` is how the order went out
 * (FULFILMENT_KINDS: express / same_city parcels are tracked; virtual / pickup have none), or
 * 'return'. A parcel already watched for the order (same carrier and number) is left as it is.
 */
export interface WatchInput {
  orderId: number
  kind: FulfilmentKind | 'return'
  parcels: { carrier: string; trackingNo: string }[]
  at: Date
}

export interface TrackingDeps {
  now: () => Date
  /** Where the provider pushes: `${NOTIFY_BASE_URL}/api/tracking/notify/kuaidi100`. */
  notifyUrl: string
  /** The polling fallback: parcels silent this long are asked (TRACKING_POLL_AFTER). */
  pollAfterMs: number
  /** Parcels subscribed / asked per sweep, so a backlog can't hold the sweeper for long. */
  sweepLimit?: number
  /** A subscription that failed is tried again after this long. */
  subscribeRetryMs?: number
  onBackgroundError: (err: unknown, what: string) => void
}

export type PushResult = { accepted: true; applied: number } | { accepted: false; outcome: 'bad_signature' | 'bad_format'; message: string }

/** Whether `next` tells us more than what we have: never back from delivered, never an older trace. */
export function isNewer(have: Pick<ParcelRow, 'state' | 'events'>, next: { state: ParcelRow['state']; events: TrackingEvent[] }): boolean {
  if (have.state === 'delivered' && next.state !== 'delivered') return false
  const a = have.events[0]?.at
  const b = next.events[0]?.at
  if (a !== undefined && (b === undefined || b < a)) return false
  if (a === b && next.events.length < have.events.length) return false
  // Compared field by field: jsonb gives the events back with their keys in its own order.
  const same = (x: TrackingEvent[], y: TrackingEvent[]) => x.length === y.length && x.every((e, i) => e.at === y[i].at && e.text === y[i].text && e.area === y[i].area)
  return have.state !== next.state || !same(have.events, next.events)
}

/**
 * Whether two carrier codes are one carrier: ours ('SF') or Kuaidi100's ('shunfeng') for the
 * carriers we list, and, for one we don't, the code as the provider lower-cases it ('HTKY' is 'htky').
 */
export function sameCarrier(a: string, b: string): boolean {
  const norm = (x: string) => CARRIERS.find((c) => c.code === x || c.kuaidi100 === x)?.code ?? x.toLowerCase()
  return norm(a) === norm(b)
}

function trace(p: ParcelRow): ParcelTrace & { direction: 'delivery' | 'return' } {
  return { carrier: p.carrier, carrierName: carrierName(p.carrier), trackingNo: p.tracking_no, state: p.state, events: p.events, updatedAt: iso(p.updated_at), direction: p.kind }
}

const asTracked = (p: ParcelRow): TrackedParcel => ({ carrier: p.carrier, trackingNo: p.tracking_no, phone: p.phone_tail })

export function trackingService(db: Db, facets: TrackingFacets, deps: TrackingDeps) {
  const { facet } = facets
  const limit = deps.sweepLimit ?? 20
  const retryMs = deps.subscribeRetryMs ?? 5 * 60_000

  /** Work started after a commit and not awaited by the caller, kept so idle() can wait for it. */
  const running = new Set<Promise<void>>()
  const background = (work: () => Promise<void>) => {
    const p = work().finally(() => running.delete(p))
    running.add(p)
  }

  /** Asks the provider to follow one parcel; a failure is kept on the row and the sweep tries again. */
  async function subscribeOne(id: number): Promise<boolean> {
    const p = await repo.parcelById(db, id)
    if (!p || p.subscribed_at) return false
    try {
      await facet.subscribe(asTracked(p), deps.notifyUrl)
      await repo.markSubscribed(db, id, deps.now(), null)
      return true
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err
      await repo.markSubscribed(db, id, deps.now(), err.message.slice(0, 500))
      return false
    }
  }

  /**
   * Applies a trace to one parcel, in the caller's transaction. The order's parcels are locked
   * first (lockParcelsOfOrder), so two pushes at once, for the same parcel or two parcels of one
   * order, take turns. order_delivered is enqueued when the order's last delivery parcel is
   * delivered (every parcel arrived, not the first of several); its dedupe key makes it once.
   */
  async function applyIn(q: Tx, parcelId: number, orderId: number, t: { state: ParcelRow['state']; events: TrackingEvent[] }): Promise<boolean> {
    const all = await repo.lockParcelsOfOrder(q, orderId)
    const p = all.find((x) => x.id === parcelId)
    if (!p || !isNewer(p, t)) return false
    const now = deps.now()
    await repo.saveTrace(q, p.id, t, now)
    const deliveries = all.filter((x) => x.kind === 'delivery')
    if (p.kind === 'delivery' && t.state === 'delivered' && deliveries.every((x) => x.id === p.id || x.state === 'delivered')) {
      await enqueueOrderEvent(q, orderId, 'order_delivered', now)
    }
    return true
  }

  /** Where the provider says the parcel is, asked outside any transaction (no row lock held across the call); ProviderError passes through. */
  async function ask(p: ParcelRow): Promise<{ p: ParcelRow; snap: TrackingSnapshot }> {
    return { p, snap: await facet.query(asTracked(p)) }
  }

  /** The provider's answer applied, and the parcel marked as asked. */
  async function applyAnswer(q: Tx, a: { p: ParcelRow; snap: TrackingSnapshot }): Promise<boolean> {
    await repo.markChecked(q, a.p.id, deps.now())
    return applyIn(q, a.p.id, a.p.order_id, a.snap)
  }

  /** A verified update to every parcel with its carrier and number; how many changed. */
  async function apply(u: TrackingUpdate): Promise<number> {
    let applied = 0
    for (const p of (await repo.parcelsByNumber(db, u.trackingNo)).filter((x) => sameCarrier(x.carrier, u.carrier))) {
      if (await db.tx((q) => applyIn(q, p.id, p.order_id, u))) applied += 1
    }
    return applied
  }

  /** A push, verified before anything is read; unknown parcels are taken and ignored. */
  async function handlePush(raw: RawNotify): Promise<PushResult> {
    const v = facet.verifyPush(raw)
    if (!v.ok) return { accepted: false, outcome: v.reason, message: v.message }
    return { accepted: true, applied: await apply(v.update) }
  }

  async function forOrder(orderId: number, userId?: number): Promise<OrderTracking> {
    const order = await findOrder(db, orderId, userId)
    if (!order) throw notFound('订单')
    const parcels = await repo.parcelsOfOrder(db, orderId)
    const delivery = parcels.find((p) => p.kind === 'delivery')
    // Deliveries first, then returns; each in the order they were watched.
    const sorted = [...parcels.filter((p) => p.kind === 'delivery'), ...parcels.filter((p) => p.kind === 'return')]
    return { orderId, kind: delivery?.fulfilment ?? null, parcels: sorted.map(trace) }
  }

  return {
    /**
     * In the caller's (ship / return) transaction: the parcels are written with it, and the
     * provider is subscribed once it commits (never after a rollback), in the background. A
     * subscription that fails is kept for the sweep; it never fails or delays the caller's change.
     */
    async watch(q: Tx, input: WatchInput): Promise<void> {
      if (input.parcels.length === 0) return
      const order = await findOrder(q, input.orderId)
      if (!order) throw notFound('订单')
      // SF answers only with the receiver's phone; the last 4 digits are enough (and all we keep).
      const phone = order.address?.phone?.replace(/\D/g, '').slice(-4) || null
      const ids: number[] = []
      for (const parcel of input.parcels) {
        const id = await repo.insertParcel(q, {
          orderId: input.orderId,
          kind: input.kind === 'return' ? 'return' : 'delivery',
          fulfilment: input.kind === 'return' ? null : input.kind,
          carrier: parcel.carrier,
          trackingNo: parcel.trackingNo,
          phoneTail: phone,
          at: input.at,
        })
        if (id !== null) ids.push(id)
      }
      // Not awaited: the ship answer mustn't wait on Kuaidi100 (up to its timeout per parcel when it is down).
      q.afterCommit(() => {
        background(async () => {
          for (const id of ids) await subscribeOne(id).catch((err) => deps.onBackgroundError(err, `subscribing parcel ${id}`))
        })
      })
    },

    /** Resolves when the subscriptions started by watch() so far are done (tests; a closing server). */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running])
    },

    /** POST /api/tracking/notify/kuaidi100. */
    handlePush,
    apply,

    forOrder,

    /** What the push endpoint answers, as the provider expects it. */
    pushAnswer: (r: PushResult) => facet.pushAnswer(r.accepted, r.accepted ? '成功' : r.message),

    /** POST /api/admin/orders/:id/tracking/refresh: asks the provider about every parcel now, audited with what it said. */
    async refresh(orderId: number, actor: AuditActor): Promise<OrderTracking> {
      const before = await forOrder(orderId)
      const parcels = await repo.parcelsOfOrder(db, orderId)
      try {
        const answers: { p: ParcelRow; snap: TrackingSnapshot }[] = []
        for (const p of parcels) answers.push(await ask(p))
        await db.tx(async (q) => {
          for (const a of answers) await applyAnswer(q, a)
          const after = await repo.parcelsOfOrder(q, orderId)
          await recordAudit(q, actor, {
            action: 'order.tracking_refresh',
            entity: 'order',
            entityId: orderId,
            before: before.parcels.map((p) => ({ carrier: p.carrier, trackingNo: p.trackingNo, state: p.state })),
            after: after.map((p) => ({ carrier: p.carrier, trackingNo: p.tracking_no, state: p.state })),
          })
        })
      } catch (err) {
        if (err instanceof ProviderError) throw new AppError(502, 'TRACKING_PROVIDER_ERROR', '物流查询暂时不可用，请稍后再试')
        throw err
      }
      return forOrder(orderId)
    },

    /**
     * The periodic sweep: subscriptions that failed (tried again after subscribeRetryMs), then
     * the polling fallback for parcels not final the provider has been silent about for
     * pollAfterMs. At most sweepLimit of each per run. Answers how many parcels it moved on.
     */
    async sweep(): Promise<number> {
      let moved = 0
      const now = deps.now()
      for (const id of await repo.dueForSubscribe(db, now, retryMs, limit)) await subscribeOne(id)
      for (const id of await repo.dueForPoll(db, now, deps.pollAfterMs, limit)) {
        try {
          const p = await repo.parcelById(db, id)
          if (!p) continue
          const a = await ask(p)
          if (await db.tx((q) => applyAnswer(q, a))) moved += 1
        } catch (err) {
          if (!(err instanceof ProviderError)) throw err
          // Asked and not answered: wait another pollAfterMs rather than ask every sweep.
          await db.tx((q) => repo.markChecked(q, id, deps.now()))
          deps.onBackgroundError(err, `polling parcel ${id}`)
        }
      }
      return moved
    },

    /** Tests: the sandbox's Kuaidi100 (step a parcel, take its signed push); undefined with Kuaidi100 live. */
    sandboxDesk: facets.sandbox,

    /**
     * The sandbox's pushes (H5 preview) come in through the same verify code as the route's.
     * The sandbox forgets its parcels when the server stops: the open ones are handed back to it.
     */
    async connectSandbox(): Promise<void> {
      const desk = facets.sandbox
      if (!desk) return
      desk.setDeliver(handlePush)
      for (const p of await repo.openSubscribed(db, 500)) desk.resume({ ...asTracked(p), state: p.state, events: p.events }, deps.notifyUrl)
    },
  }
}

export type TrackingService = ReturnType<typeof trackingService>

declare module 'fastify' {
  interface FastifyInstance {
    /** Parcel tracking: watch() for the ship / return transactions, the push, the sweep (modules/tracking). */
    tracking: TrackingService
  }
}
