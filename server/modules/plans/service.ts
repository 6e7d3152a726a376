import type { Fen } from '../../../src/domain/money'
import type { OrderStatus } from '../../../src/domain/order-state'
import { shopDay } from '../../../src/domain/points'
import { addDays, cutoffAt, earliestFirstDate, isDay, PLAN_INTERVALS, planQuote, planRefund, planUnitPrice, nextOutgoingDate, postponeProblem, schedule, skipProblem, type CreatePlanInput, type PlanInterval, type PlanOffer, type PlanQuote, type PlanView } from '../../../src/domain/plans'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { parseJson } from '../../lib/rows'
import { findAddress } from '../addresses'
import { lockOrder, type OrderService } from '../orders'
import type { RefundService } from '../payments'
import type { ShippingService } from '../shipping'
import * as repo from './repository'

export interface PlanDeps {
  now: () => Date
  orders: Pick<OrderService, 'create'>
  refunds: Pick<RefundService, 'requestIn' | 'submit'>
  /** WeChat's 特殊发货报备 when the first delivery is more than 15 days after payment (asked lazily: shipping is built later). */
  lateShip?: () => Pick<ShippingService, 'reportLateShipIn'>
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface PlanPreviewInput {
  skuId: number
  deliveries: number
  interval: PlanInterval
  firstDate: string
  /** Units per delivery (default 1). */
  quantity?: number
}

/** The shopper's side of periodic purchase (周期购) and the order hooks app.ts wires. */
export interface PlanCore {
  offer(productId: number): Promise<PlanOffer>
  /** The product page's question "is there a 周期购?": the enabled offer in a list, or none (no 404 for the usual answer). */
  offers(productId: number): Promise<{ items: PlanOffer[] }>
  preview(input: PlanPreviewInput): Promise<PlanQuote>
  create(userId: number, input: CreatePlanInput & { quantity?: number }): Promise<{ planId: number; orderId: number }>
  mine(userId: number): Promise<{ items: PlanView[] }>
  view(userId: number, id: number): Promise<PlanView>
  skip(userId: number, id: number, n: number): Promise<PlanView>
  /** 顺延: a scheduled delivery to a later day before the next one (400 BAD_DATE, 409 as skip). */
  postpone(userId: number, id: number, n: number, date: string): Promise<PlanView>
  changeAddress(userId: number, id: number, addressId: number): Promise<PlanView>
  cancel(userId: number, id: number): Promise<{ plan: PlanView; refund: Fen }>
  /** orders' onTransition: paid → the plan starts; ended unpaid, refunding or refunded in full → cancelled. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** shipping's holdShipping: a plan order ships delivery by delivery, never through the one-shot ship (409 PLAN_ORDER). */
  refuseShipping(q: Queryable, orderId: number): Promise<void>
  /** shipping's holdConfirm: not auto-confirmed until its last delivery shipped (and that one long enough ago). */
  holdConfirm(q: Queryable, orderId: number, shippedBefore: Date): Promise<boolean>
}

const CANCEL_REASON = '周期购取消，退还未配送期数'
const MAX_AHEAD_DAYS = 60

/** The offer's terms for this request, or a 400 naming the field. */
function terms(offer: PlanOffer, input: PlanPreviewInput): number {
  if (!PLAN_INTERVALS.includes(input.interval) || !offer.intervals.includes(input.interval)) throw badInput('这个商品不提供该配送周期', 'interval')
  const option = offer.options.find((o) => o.deliveries === input.deliveries)
  if (!option) throw badInput('这个商品不提供该期数', 'deliveries')
  return option.percentOff
}

export function planCore(db: Db, deps: PlanDeps): PlanCore {
  const background = deps.onBackgroundError ?? (() => {})

  async function liveOffer(productId: number): Promise<PlanOffer> {
    const offer = await repo.findOffer(db, productId)
    if (!offer?.enabled) throw notFound('周期购', 'PLAN_NOT_OFFERED')
    return offer
  }

  /** The price and the dates of a plan as it would be bought now (400 naming the bad field). */
  async function quote(input: PlanPreviewInput): Promise<{ quote: PlanQuote; offer: PlanOffer; productId: number }> {
    const sku = await repo.skuForPlan(db, input.skuId)
    if (!sku) throw notFound('商品规格', 'SKU_NOT_FOUND')
    const offer = await liveOffer(sku.productId)
    const percentOff = terms(offer, input)
    const quantity = input.quantity ?? 1
    const now = deps.now()
    if (!isDay(input.firstDate)) throw badInput('首次配送日期格式应为 YYYY-MM-DD', 'firstDate')
    if (input.firstDate < earliestFirstDate(now, offer.cutoffHours)) throw badInput('首次配送日期太早，请选择更晚的日期', 'firstDate')
    if (input.firstDate > addDays(shopDay(now), MAX_AHEAD_DAYS)) throw badInput(`首次配送日期须在 ${MAX_AHEAD_DAYS} 天内`, 'firstDate')
    const dates = schedule(input.firstDate, input.interval, input.deliveries, await repo.holidays(db))
    return { quote: { dates, ...planQuote(sku.price, quantity, input.deliveries, percentOff) }, offer, productId: sku.productId }
  }

  /**
   * The shopper's plan; with `lock`, its order row then its own row locked, in the order the
   * order hooks (payments, refunds) take them, so a cancel and an admin refund never deadlock.
   */
  async function own(userId: number, id: number, lock: Tx | null = null): Promise<repo.PlanRow> {
    const p = await repo.planById(lock ?? db, id)
    if (!p || p.user_id !== userId) throw notFound('周期购', 'PLAN_NOT_FOUND')
    if (!lock) return p
    await lockOrder(lock, p.order_id)
    return (await repo.planById(lock, id, true)) as repo.PlanRow
  }

  const viewOf = async (id: number) => repo.planView(db, (await repo.planById(db, id)) as repo.PlanRow)

  /** The plan's repeated-key answer, or a 409 when the key went to another kind of order. */
  async function repeated(userId: number, key: string, orderId: number): Promise<{ planId: number; orderId: number }> {
    const p = await repo.planByKey(db, userId, key)
    if (!p || p.order_id !== orderId) throw conflict('IDEMPOTENCY_KEY_REUSED', '这个请求号已用于另一笔订单，请重试')
    return { planId: p.id, orderId }
  }

  return {
    offer: liveOffer,
    offers: async (productId) => {
      const offer = await repo.findOffer(db, productId)
      return { items: offer?.enabled ? [offer] : [] }
    },

    preview: async (input) => (await quote(input)).quote,

    async create(userId, input) {
      const known = await repo.planByKey(db, userId, input.idempotencyKey)
      if (known) return { planId: known.id, orderId: known.order_id }
      const { quote: q, offer, productId } = await quote(input)
      const quantity = input.quantity ?? 1
      const address = await findAddress(db, userId, input.addressId)
      if (!address) throw notFound('收货地址', 'ADDRESS_NOT_FOUND')
      const snapshot: PlanView['address'] = { name: address.name, phone: address.phone, region: address.region, detail: address.detail }
      let planId = 0
      // One order for every delivery (paid once): the plan's unit price per unit, free shipping; the plan rows commit with it.
      const r = await deps.orders.create(
        userId,
        { items: [{ skuId: input.skuId, quantity: quantity * input.deliveries }], addressId: input.addressId, idempotencyKey: input.idempotencyKey },
        {
          fixed: { source: 'plan', kind: 'plan', id: productId, label: '周期购优惠', unitPrice: planUnitPrice(q.unitPrice, q.percentOff), shipping: 0 },
          inTx: async (tx, order) => {
            const at = deps.now()
            const p = await tx.one<{ id: number }>(
              `INSERT INTO plans (user_id, order_id, product_id, sku_id, quantity, interval, delivery_count, first_date, percent_off, unit_price, options, cutoff_hours, address, status, idempotency_key, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14, $15) RETURNING id`,
              [userId, order.id, productId, input.skuId, quantity, input.interval, input.deliveries, input.firstDate, q.percentOff, q.unitPrice, JSON.stringify(offer.options), offer.cutoffHours, JSON.stringify(snapshot), input.idempotencyKey, at],
            )
            planId = p.id
            for (const [i, date] of q.dates.entries()) await repo.insertDelivery(tx, planId, i + 1, date, snapshot)
          },
        },
      )
      return r.created ? { planId, orderId: r.order.id } : repeated(userId, input.idempotencyKey, r.order.id)
    },

    async mine(userId) {
      const { rows } = await repo.plansOf(db, { userId }, 100, 0)
      return { items: await Promise.all(rows.map((p) => repo.planView(db, p))) }
    },

    view: async (userId, id) => repo.planView(db, await own(userId, id)),

    async skip(userId, id, n) {
      await db.tx(async (q) => {
        const p = await own(userId, id, q)
        if (p.status !== 'active' && p.status !== 'pending') throw conflict('PLAN_NOT_ACTIVE', '周期购已结束或已取消')
        const ds = await repo.deliveriesOf(q, p.id)
        const d = ds.find((x) => x.n === n)
        if (!d) throw notFound('配送期', 'DELIVERY_NOT_FOUND')
        const problem = skipProblem({ status: d.status, cutoffAt: cutoffAt(d.date, p.cutoff_hours) }, deps.now())
        if (problem) throw conflict(problem.code, problem.message)
        if (!(await repo.moveDelivery(q, p.id, n, 'scheduled', 'skipped'))) throw conflict('DELIVERY_NOT_SCHEDULED', '这一期已发货、已跳过或已取消')
        // The plan still delivers N: one more at the end, on the rhythm's next slot.
        const last = Math.max(...ds.map((x) => x.n))
        const date = schedule(p.first_date, p.interval, last + 1, await repo.holidays(q))[last]
        await repo.insertDelivery(q, p.id, last + 1, date, parseJson(p.address))
      })
      return viewOf(id)
    },

    async postpone(userId, id, n, date) {
      await db.tx(async (q) => {
        const p = await own(userId, id, q)
        if (p.status !== 'active' && p.status !== 'pending') throw conflict('PLAN_NOT_ACTIVE', '周期购已结束或已取消')
        const ds = await repo.deliveriesOf(q, p.id)
        const d = ds.find((x) => x.n === n)
        if (!d) throw notFound('配送期', 'DELIVERY_NOT_FOUND')
        // The next delivery in time that will still go out bounds the move (skipped and cancelled ones don't).
        const next = nextOutgoingDate(d, ds)
        const problem = postponeProblem({ status: d.status, date: d.date, cutoffAt: cutoffAt(d.date, p.cutoff_hours) }, date, next, await repo.holidays(q), deps.now())
        if (problem) throw problem.code === 'BAD_DATE' ? badInput(problem.message, 'date') : conflict(problem.code, problem.message)
        if (!(await repo.postponeDelivery(q, p.id, n, d.date, date))) throw conflict('DELIVERY_NOT_SCHEDULED', '这一期已发货、已跳过或已取消')
      })
      return viewOf(id)
    },

    async changeAddress(userId, id, addressId) {
      await db.tx(async (q) => {
        const p = await own(userId, id, q)
        if (p.status !== 'active' && p.status !== 'pending') throw conflict('PLAN_NOT_ACTIVE', '周期购已结束或已取消')
        const a = await findAddress(q, userId, addressId)
        if (!a) throw notFound('收货地址', 'ADDRESS_NOT_FOUND')
        const snapshot = JSON.stringify({ name: a.name, phone: a.phone, region: a.region, detail: a.detail })
        await q.query('UPDATE plans SET address = $2 WHERE id = $1', [p.id, snapshot])
        // Deliveries past their cut-off are already being packed: they keep the address they had.
        const open = (await repo.deliveriesOf(q, p.id)).filter((d) => d.status === 'scheduled' && deps.now().getTime() < Date.parse(cutoffAt(d.date, p.cutoff_hours)))
        if (open.length) await q.query('UPDATE plan_deliveries SET address = $2 WHERE plan_id = $1 AND n = ANY($3::int[])', [p.id, snapshot, open.map((d) => d.n)])
      })
      return viewOf(id)
    },

    async cancel(userId, id) {
      let refundId: number | null = null
      let refund = 0
      await db.tx(async (q) => {
        // The plan row locked first: a second cancel waits here, then finds it cancelled (409), so one refund.
        const p = await own(userId, id, q)
        if (p.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', p.status === 'pending' ? '订单未付款，请直接取消订单' : '周期购已结束或已取消')
        const ds = await repo.deliveriesOf(q, p.id)
        const delivered = ds.filter((d) => d.status === 'shipped').length
        const paid = (await q.one<{ total: number }>('SELECT total FROM orders WHERE id = $1', [p.order_id])).total
        refund = planRefund({ paid, unitPrice: p.unit_price, quantity: p.quantity, deliveries: p.delivery_count, delivered, options: parseJson(p.options) }).refund
        const at = deps.now()
        // Moved first: the order's own move to refunding (a refund of everything) comes back through onOrderTransition and finds nothing to do.
        await repo.movePlan(q, p.id, ['active'], 'cancelled', at, refund)
        await q.query("UPDATE plan_deliveries SET status = 'cancelled' WHERE plan_id = $1 AND status = 'scheduled'", [p.id])
        const undelivered = (p.delivery_count - delivered) * p.quantity
        // 'system': the plan's rule refunds (the shopper asked, but a shopper may not move an order to refunding themselves).
        if (refund > 0 && undelivered > 0)
          refundId = await deps.refunds.requestIn(q, p.order_id, { lines: [{ skuId: p.sku_id, quantity: undelivered }], amount: refund, reason: CANCEL_REASON, restock: true }, 'system')
      })
      if (refundId !== null) {
        const rid = refundId
        await deps.refunds.submit(rid).catch((err: unknown) => (err instanceof AppError ? background(err, `refund ${rid} of plan ${id}`) : Promise.reject(err)))
      }
      return { plan: await viewOf(id), refund }
    },

    async onOrderTransition(q, orderId, to, at) {
      if (to === 'paid') {
        const p = await repo.planByOrder(q, orderId, true)
        if (!p || !(await repo.movePlan(q, p.id, ['pending'], 'active', at))) return
        // A first delivery more than 15 days away is reported to WeChat, which otherwise expects
        // shipping within days of payment (the shipping module decides whether it applies).
        const first = (await repo.deliveriesOf(q, p.id)).find((d) => d.status === 'scheduled')
        if (first && deps.lateShip) await deps.lateShip().reportLateShipIn(q, orderId, at, new Date(`${first.date}T10:00:00+08:00`))
        return
      }
      if (to !== 'cancelled' && to !== 'closed' && to !== 'refunding' && to !== 'refunded') return
      const p = await repo.planByOrder(q, orderId, true)
      if (!p || (p.status !== 'pending' && p.status !== 'active')) return
      // The whole order ended or is refunded in full (an admin's refund, say): nothing more ships.
      if (await repo.movePlan(q, p.id, ['pending', 'active'], 'cancelled', at)) await q.query("UPDATE plan_deliveries SET status = 'cancelled' WHERE plan_id = $1 AND status = 'scheduled'", [p.id])
    },

    async refuseShipping(q, orderId) {
      if (await repo.planByOrder(q, orderId)) throw conflict('PLAN_ORDER', '周期购订单请在周期购配送单中逐期发货')
    },

    async holdConfirm(q, orderId, shippedBefore) {
      const p = await repo.planByOrder(q, orderId)
      if (!p) return false
      if (p.status !== 'completed') return p.status === 'active'
      const last = await q.maybeOne<{ at: Date | null }>("SELECT max(shipped_at) AS at FROM plan_deliveries WHERE plan_id = $1 AND status = 'shipped'", [p.id])
      return !!last?.at && new Date(last.at).getTime() > shippedBefore.getTime()
    },
  }
}
