import type { CreateOrderInput, LineInput, Order } from '../../../src/domain/contract'
import type { FulfilmentInput } from '../../../src/domain/stores'
import type { Fen } from '../../../src/domain/money'
import { nextStatus, releasesStock, statusesAllowing, type OrderActor, type OrderEvent, type OrderStatus } from '../../../src/domain/order-state'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { specText, type SkuForSale } from '../catalog'
import { findAddress } from '../addresses'
import { removeSkus } from '../cart'
import { loadSkus, mergeLines, priceWithEngine, type PricingContext } from '../pricing'
import type { AppliedDiscount, PricingResult, Promotion } from '../../../src/domain/promotions/types'
import { withPoints, type PointsQuote } from '../../../src/domain/points'
import { pricingContext } from '../promotions'
import type { PromotionCache, ShopperLevels } from '../promotions'
import { parseJson } from '../../lib/rows'
import type { Inventory } from '../inventory'
import { orderNoPrefix } from './order-no'
import { findOrder, findOrderByKey } from './repository'
import { refuseBadGift } from './gift'
import { enqueueForStatus } from '../messages'
import { promotionUsage, type PromotionUsage } from './admin'

export type TransitionResult = { ok: true; to: OrderStatus } | { ok: false; reason: 'not_found' | 'bad_state' }

export interface TransitionOptions {
  /** Only this user's order (shopper actions). */
  userId?: number
  note?: string | null
  tracking?: { carrier: string; number: string }
}

export interface ApplyOptions extends TransitionOptions {
  /**
   * More work in the transition's own transaction, run only when it applied (the admin's audit
   * row: the change and its record commit together or not at all).
   */
  alsoIn?: (q: Tx) => Promise<void>
}

/** Limited-time units per (promotion, SKU) in a breakdown. */
function offerUnits(applied: readonly AppliedDiscount[]): { p: number; s: number; q: number }[] {
  return applied
    .filter((a) => a.kind === 'limited_time' && a.units)
    .flatMap((a) => (a.units ?? []).filter((u) => u.quantity > 0).map((u) => ({ p: a.id, s: u.skuId, q: u.quantity })))
    .sort((a, b) => a.p - b.p || a.s - b.s)
}

/** An unpaid order ended: its offer units, the shopper's per-user count and its coupons come back. */
async function releasePromotions(q: Queryable, orderId: number, userId: number, applied: readonly AppliedDiscount[]): Promise<void> {
  const units = offerUnits(applied)
  if (units.length > 0) {
    // Offer rows in (promotion, SKU) order, like order creation.
    await q.query(
      `SELECT 1 FROM promotion_items i JOIN json_to_recordset($1::json) AS x(p int, s int, q int) ON i.promotion_id = x.p AND i.sku_id = x.s
       ORDER BY i.promotion_id, i.sku_id FOR UPDATE OF i`,
      [JSON.stringify(units)],
    )
    await q.query(
      `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(p int, s int, q int)),
       i AS (UPDATE promotion_items i SET sold = GREATEST(i.sold - x.q, 0) FROM x WHERE i.promotion_id = x.p AND i.sku_id = x.s)
       UPDATE promotion_purchases u SET quantity = GREATEST(u.quantity - t.q, 0)
       FROM (SELECT p, sum(q)::int AS q FROM x GROUP BY p) t WHERE u.promotion_id = t.p AND u.user_id = $2`,
      [JSON.stringify(units), userId],
    )
  }
  if (applied.some((a) => a.source === 'coupon')) {
    await q.query("UPDATE user_coupons SET status = 'available', order_id = NULL, used_at = NULL WHERE order_id = $1", [orderId])
  }
}

/** The live limited-time offers on these lines' SKUs: (promotion, SKU) pairs, in lock order. */
function offersOn(promotions: readonly Promotion[], items: readonly LineInput[]): { p: number; s: number; perUserLimit: number | null }[] {
  const skus = new Set(items.map((l) => l.skuId))
  return promotions
    .flatMap((p) => (p.kind === 'limited_time' ? p.items.filter((i) => skus.has(i.skuId)).map((i) => ({ p: p.id, s: i.skuId, perUserLimit: p.perUserLimit })) : []))
    .sort((a, b) => a.p - b.p || a.s - b.s)
}

/**
 * Prices the order again with the offer rows locked: their stock left and the shopper's
 * units bought as they are now. Fewer offer units than the shopper was shown (someone else got
 * the last ones, or another order of theirs reached the limit) is refused: the shopper
 * confirms the new price instead of being charged more than they saw.
 */
async function priceUnderLock(
  q: Queryable,
  userId: number,
  items: readonly LineInput[],
  skus: ReadonlyMap<number, SkuForSale>,
  ctx: PricingContext,
  offers: { p: number; s: number; perUserLimit: number | null }[],
  shown: PricingResult,
): Promise<PricingResult> {
  const promotionIds = [...new Set(offers.map((o) => o.p))]
  const locked = await q.query<{ promotion_id: number; sku_id: number; price: number; left: number }>(
    `SELECT i.promotion_id, i.sku_id, i.price, CASE WHEN p.ended_at IS NULL THEN i.stock - i.sold ELSE 0 END AS left
     FROM promotion_items i JOIN promotions p ON p.id = i.promotion_id
     WHERE i.promotion_id = ANY($1::int[]) AND i.sku_id = ANY($2::int[])
     ORDER BY i.promotion_id, i.sku_id FOR UPDATE OF i`,
    [promotionIds, [...new Set(offers.map((o) => o.s))]],
  )
  const limited = [...new Set(offers.filter((o) => o.perUserLimit !== null).map((o) => o.p))]
  const purchased = { ...ctx.shopper.purchased }
  if (limited.length > 0) {
    // An upsert that changes nothing but takes the row lock, also for a shopper's first order.
    const rows = await q.query<{ promotion_id: number; quantity: number }>(
      `INSERT INTO promotion_purchases (promotion_id, user_id, quantity) SELECT unnest($1::int[]), $2, 0
       ON CONFLICT (promotion_id, user_id) DO UPDATE SET quantity = promotion_purchases.quantity RETURNING promotion_id, quantity`,
      [limited, userId],
    )
    for (const r of rows.rows) purchased[r.promotion_id] = r.quantity
  }
  const left = new Map(locked.rows.map((r) => [`${r.promotion_id}:${r.sku_id}`, r]))
  const promotions = ctx.promotions.map((p): Promotion => {
    if (p.kind !== 'limited_time' || !promotionIds.includes(p.id)) return p
    return {
      ...p,
      items: p.items.map((i) => {
        const r = left.get(`${p.id}:${i.skuId}`)
        return r ? { skuId: i.skuId, price: r.price, stockLeft: Math.max(0, r.left) } : i
      }),
    }
  })
  const priced = priceWithEngine(items, skus, { ...ctx, promotions, shopper: { ...ctx.shopper, purchased } })
  const got = new Map(offerUnits(priced.applied).map((u) => [`${u.p}:${u.s}`, u.q]))
  for (const u of offerUnits(shown.applied)) {
    if ((got.get(`${u.p}:${u.s}`) ?? 0) < u.q) {
      const sku = skus.get(u.s) as SkuForSale
      throw conflict('OFFER_CHANGED', `「${sku.title}」的限时特惠已抢光或已达限购数量，价格有变化，请重新确认订单`)
    }
  }
  return priced
}

/**
 * The order statement's writes for offers and coupons, only those this order has: a CTE over an
 * empty list still costs PostgreSQL its execution, and most orders have neither. Parameters
 * from $14 on (each variant is its own prepared statement).
 */
function promotionWrites(units: { p: number; s: number; q: number }[], byPromotion: { p: number; q: number }[], couponIds: number[]): { sql: string; params: unknown[]; coupons: string } {
  const parts: string[] = []
  const params: unknown[] = []
  const next = (v: unknown) => `$${13 + params.push(v)}`
  if (units.length > 0) {
    parts.push(`s AS (
      UPDATE promotion_items pi SET sold = pi.sold + x.q FROM o, json_to_recordset(${next(JSON.stringify(units))}::json) AS x(p int, s int, q int)
      WHERE pi.promotion_id = x.p AND pi.sku_id = x.s
    )`)
  }
  if (byPromotion.length > 0) {
    parts.push(`pu AS (
      INSERT INTO promotion_purchases (promotion_id, user_id, quantity) SELECT x.p, $2, x.q FROM o, json_to_recordset(${next(JSON.stringify(byPromotion))}::json) AS x(p int, q int)
      ON CONFLICT (promotion_id, user_id) DO UPDATE SET quantity = promotion_purchases.quantity + EXCLUDED.quantity
    )`)
  }
  if (couponIds.length > 0) {
    parts.push(`c AS (
      UPDATE user_coupons uc SET status = 'used', order_id = o.id, used_at = $10 FROM o
      WHERE uc.id = ANY(${next(couponIds)}::int[]) AND uc.user_id = $2 AND uc.status = 'available' AND uc.valid_from <= $10 AND uc.valid_to > $10
      RETURNING uc.id
    )`)
  }
  return { sql: parts.map((x) => `, ${x}`).join('\n'), params, coupons: couponIds.length > 0 ? '(SELECT count(*)::int FROM c)' : '0' }
}

class RepeatedKey extends Error {}

/**
 * The shown points taken off an order repriced under the offer locks. An offer whose price the
 * shop lowered in between can leave the goods worth less than those points: the shopper confirms
 * again (409), rather than a RangeError from the domain becoming a 500.
 */
export function pointsAgain(priced: PricingResult, quote: PointsQuote | null): PricingResult {
  if (!quote || quote.used === 0) return priced
  const goods = priced.lines.reduce((n, l) => n + l.payable, 0)
  if (quote.usedValue > goods) throw conflict('OFFER_CHANGED', '商品价格有变化，积分抵扣需重新计算，请重新确认订单')
  return withPoints(priced, quote.used, quote.usedValue)
}

/**
 * An order priced by its caller instead of the engine (no promotions, no coupons): the groups
 * module's group price, the points mall's money part. The unit price is still read from the
 * database; `unitPrice` here is what the shopper pays per unit, shown as a discount labelled
 * `label` (never above the catalog price: a higher one is cut to it).
 */
export interface FixedPrice {
  source: 'group' | 'mall' | 'plan'
  kind: 'group_buy' | 'points_redeem' | 'plan'
  /** The deal's or the mall item's id. */
  id: number
  label: string
  unitPrice: Fen
  shipping: Fen
}

export interface CreateOptions {
  fixed?: FixedPrice
  /**
   * In the new order's own transaction, after its stock was reserved: the caller's own rows
   * (a group seat, a redemption) commit with the order or not at all; throwing rolls it back.
   */
  inTx?: (q: Tx, order: { id: number; total: Fen; lines: { skuId: number; quantity: number }[] }) => Promise<void>
}

/** The PricingResult of a caller-priced order: one discount of (catalog − fixed) per unit. */
function fixedPricing(items: readonly LineInput[], skus: ReadonlyMap<number, SkuForSale>, f: FixedPrice): PricingResult {
  const lines = items.map((l) => {
    const s = skus.get(l.skuId) as SkuForSale
    const lineTotal = s.unitPrice * l.quantity
    const discount = Math.max(0, s.unitPrice - f.unitPrice) * l.quantity
    return { skuId: l.skuId, productId: s.productId, quantity: l.quantity, unitPrice: s.unitPrice, lineTotal, discount, payable: lineTotal - discount, labels: discount > 0 ? [f.label] : [] }
  })
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  const discount = lines.reduce((n, l) => n + l.discount, 0)
  return {
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal,
    discount,
    shipping: f.shipping,
    total: subtotal - discount + f.shipping,
    freeShippingGap: 0,
    applied: discount > 0 ? [{ source: f.source, id: f.id, kind: f.kind, label: f.label, amount: discount, lines: lines.map((l) => ({ skuId: l.skuId, amount: l.discount })) }] : [],
    coupons: [],
    selectedCouponIds: [],
    nudges: [],
  }
}

export interface OrderService {
  /**
   * The one way an order changes status, inside the caller's transaction (payments' notify,
   * refunds, credit's pay-after-use confirm, the sweeper, admin and shopper actions via
   * apply): a conditional UPDATE that only matches while the order is in a status the event
   * may start from (src/domain/order-state), so two concurrent changes can't both apply or
   * skip a state. The timeline entry and the shopper's message commit with it; an order that
   * ends unpaid gives back its offer units, coupons and stock (inventory) in the same
   * transaction. What must happen once that is durable (catalog and promotion caches dropped,
   * payment attempts and a pay-after-use credit order closed) is registered with
   * `q.afterCommit`, so it runs after the caller's commit, whoever the caller is.
   */
  transitionIn(q: Tx, orderId: number, event: OrderEvent, actor: OrderActor, at: Date, opts?: TransitionOptions): Promise<TransitionResult>
  /** `o`: a caller-priced order (groups, points mall) and the caller's rows in its transaction. */
  create(userId: number, input: CreateOrderInput, o?: CreateOptions): Promise<{ order: Order; created: boolean }>
  /** Applies an event, answering 404 / 409 as the API does. */
  apply(orderId: number, event: OrderEvent, actor: OrderActor, opts?: ApplyOptions): Promise<Order>
  /** Closes unpaid orders past their time and releases their stock; returns how many. */
  sweepExpired(): Promise<number>
  /** Usage of these promotions on paid orders (admin.ts promotionUsage), for the promotions admin list. */
  promotionUsage(promotionIds: number[]): Promise<Map<number, PromotionUsage>>
  /**
   * The checkout preview's points: the shopper's quote and the price with `requested` points
   * taken off (400 / 409 like the order). Null quote when points aren't wired.
   */
  pricePoints(userId: number, priced: PricingResult, requested: number): Promise<{ priced: PricingResult; quote: PointsQuote | null }>
  /** The checkout preview's fulfilment: a pickup's store and slot checked as the order would (400 / 404 / 409). */
  checkFulfilment(f: FulfilmentInput | undefined): Promise<void>
}

const STATE_MESSAGE: Partial<Record<OrderEvent, string>> = {
  cancel: '只有待付款的订单可以取消',
  confirm: '只有待收货的订单可以确认收货',
  ship: '只有待发货（已付款）的订单可以发货',
  pay: '订单当前状态不能付款',
}

export interface OrderServiceOptions {
  now: () => Date
  ttlMs: number
  /** The live promotions (cached); dropped when an order moves a limited-time offer's stock. */
  promotions: PromotionCache
  inventory: Inventory
  /**
   * After an order ended unpaid (cancelled, closed) has committed: payments close its open
   * attempts, credit cancels its pay-after-use order. Read when the order ends, so app.ts can
   * wire it after building payments and credit (which themselves call transitionIn).
   */
  onEndedUnpaid?: (orderId: number) => Promise<void>
  /**
   * Inside the transition's own transaction, after the change (like the shopper's message):
   * the shipping module enqueues what the platforms must be told (Alipay's order sync on pay,
   * confirm and refund). Read at call time, so app.ts can wire it after building shipping.
   */
  onTransition?: (q: Tx, orderId: number, to: OrderStatus, at: Date) => Promise<void>
  /**
   * Inside the new order's own transaction, after its stock was reserved: the gifts module
   * writes a gift order's gift row (a gift exists exactly when its order does). `lines` are the
   * merged lines as priced. Read at call time (app.ts wires it after building gifts).
   */
  onCreatedIn?: (q: Tx, orderId: number, userId: number, input: CreateOrderInput, lines: { skuId: number; quantity: number }[]) => Promise<void>
  /**
   * Points at checkout (积分抵扣, modules/points): the quote for a priced order and the spend in
   * the order's own transaction. Read at call time (app.ts wires it after building points).
   */
  points?: OrderPoints
  /** Member levels (modules/levels): the shopper's level and its free shipping in the price. */
  levels?: ShopperLevels
  /**
   * Pickup at a store (门店自提, modules/pickup): the store and slot checked before anything is
   * written, the pickup row in the order's own transaction. Read at call time (app.ts wires it
   * after building pickup, which itself needs orders). Absent: pickup orders are refused.
   */
  pickups?: OrderPickups
}

export type PickupFulfilment = Extract<FulfilmentInput, { type: 'pickup' }>

/** What orders asks of the pickup module for a pickup order; orders never touches its tables. */
export interface OrderPickups {
  /** 400 bad slot, 404 STORE_NOT_FOUND, 409 STORE_NO_PICKUP / SLOT_UNAVAILABLE; answers the store whose own stock the order takes (null: the warehouse). */
  check(f: PickupFulfilment, now: Date): Promise<{ stockStoreId: number | null }>
  /** In the order's transaction, after its stock was reserved: the pickup row and its code. */
  createIn(q: Tx, orderId: number, f: PickupFulfilment, now: Date): Promise<void>
}

/** What orders asks of the points ledger at checkout (modules/points' CheckoutPoints). */
export interface OrderPoints {
  /** What the shopper may spend on this priced order; throws 400 POINTS_OVER_LIMIT / 409 POINTS_NOT_ENOUGH for `requested`. */
  quote(userId: number, priced: PricingResult, requested: number): Promise<PointsQuote>
  /** Spends `points` for the order, in its transaction; throws 409 POINTS_NOT_ENOUGH when the balance is short (the order rolls back). */
  spendIn(q: Tx, userId: number, orderId: number, points: number, at: Date): Promise<void>
}

export function orderService(db: Db, opts: OrderServiceOptions): OrderService {
  const { inventory } = opts
  const deps = { db, promotions: opts.promotions, now: opts.now, levels: opts.levels }

  // After-commit callbacks rather than returned effects: the callers are other modules' own
  // transactions (a payment notify writes its audit row in the same one), and every one of
  // them would have to remember to flush returned effects; q.afterCommit can't be forgotten,
  // and db.tx runs the callbacks only once the COMMIT went through (never after a rollback).
  async function transitionIn(q: Tx, orderId: number, event: OrderEvent, actor: OrderActor, now: Date, o: TransitionOptions = {}): Promise<TransitionResult> {
    const from = statusesAllowing(event)
    const to = nextStatus(from[0], event, actor)
    if (!to) throw new Error(`${actor} may not ${event}`)
    const params: unknown[] = [orderId, from, to, o.tracking?.carrier ?? null, o.tracking?.number ?? null, actor, o.note ?? null, now]
    let where = 'id = $1 AND status = ANY($2::text[])'
    if (o.userId !== undefined) {
      params.push(o.userId)
      where += ` AND user_id = $${params.length}`
    }
    const releases = releasesStock(event)
    // The change and its timeline entry in one statement: one round trip fewer for every
    // transition, and the entry exists exactly when the update matched.
    const updated = await q.query<{ id: number; discounts?: AppliedDiscount[] | string; user_id?: number }>(
      `WITH u AS (
         UPDATE orders SET status = $3, expires_at = NULL,
           tracking_carrier = COALESCE($4, tracking_carrier), tracking_no = COALESCE($5, tracking_no),
           -- Payment time, for the dashboard's sales by day (migration 015): set with the move to paid.
           paid_at = CASE WHEN $3 = 'paid' THEN $8 ELSE paid_at END,
           -- Shipment and receipt times (migration 016): the auto-confirm timer and the after-sales window.
           shipped_at = CASE WHEN $3 = 'shipped' THEN $8 ELSE shipped_at END,
           received_at = CASE WHEN $3 = 'completed' THEN $8 ELSE received_at END
         WHERE ${where} RETURNING id${releases ? ', user_id, discounts' : ''}
       ),
       e AS (INSERT INTO order_events (order_id, status, actor, note, at) SELECT id, $3, $6, $7, $8 FROM u)
       SELECT * FROM u`,
      params,
    )
    if (updated.rows.length === 0) {
      const exists = await q.maybeOne(`SELECT 1 FROM orders WHERE id = $1 ${o.userId === undefined ? '' : 'AND user_id = $2'}`, o.userId === undefined ? [orderId] : [orderId, o.userId])
      return { ok: false, reason: exists ? 'bad_state' : 'not_found' }
    }
    if (releases) {
      const row = updated.rows[0]
      // What the unpaid order took goes back: offer units and the shopper's count first, then its
      // coupons, then SKU stock (the order creation takes them in this order too: no deadlocks).
      await releasePromotions(q, orderId, row.user_id as number, parseJson(row.discounts ?? []))
      const lines = await q.query<{ sku_id: number; quantity: number }>('SELECT sku_id, quantity FROM order_items WHERE order_id = $1', [orderId])
      await inventory.release(
        q,
        lines.rows.map((l) => ({ skuId: l.sku_id, quantity: l.quantity })),
        { reason: event === 'cancel' ? 'cancel' : 'close', orderId },
      )
      q.afterCommit(async () => {
        opts.promotions.clear()
        await opts.onEndedUnpaid?.(orderId)
      })
    }
    // The shopper's message (paid, shipped, refunded) commits with the change or not at all.
    await enqueueForStatus(q, orderId, to, now)
    await opts.onTransition?.(q, orderId, to, now)
    return { ok: true, to }
  }

  async function apply(orderId: number, event: OrderEvent, actor: OrderActor, o: ApplyOptions = {}): Promise<Order> {
    const r = await db.tx(async (q) => {
      const t = await transitionIn(q, orderId, event, actor, opts.now(), o)
      if (t.ok && o.alsoIn) await o.alsoIn(q)
      return t
    })
    if (!r.ok && r.reason === 'not_found') throw notFound('订单', 'ORDER_NOT_FOUND')
    if (!r.ok) throw conflict('INVALID_STATE', STATE_MESSAGE[event] ?? '订单当前状态不能这样操作')
    return (await findOrder(db, orderId)) as Order
  }

  async function create(userId: number, input: CreateOrderInput, o: CreateOptions = {}): Promise<{ order: Order; created: boolean }> {
    try {
      return await createOnce(userId, input, o)
    } catch (err) {
      // The engine's own pick lost a coupon to another order of this shopper meanwhile: price
      // again without it. A coupon the shopper chose is their call, so that stays a 409.
      if (!o.fixed && input.couponIds === undefined && err instanceof AppError && err.code === 'COUPON_NOT_USABLE') return createOnce(userId, input, o)
      throw err
    }
  }

  /** A pickup order's store and slot; a gift or a caller-priced order (group, mall, plan) is delivered only. */
  async function checkPickup(f: PickupFulfilment, input: Pick<CreateOrderInput, 'gift'>, o: CreateOptions): Promise<{ stockStoreId: number | null }> {
    if (input.gift || o.fixed) throw new AppError(400, 'PICKUP_NOT_SUPPORTED', '这类订单不支持门店自提', { field: 'fulfilment' })
    if (!opts.pickups) throw new AppError(400, 'PICKUP_NOT_SUPPORTED', '暂不支持门店自提', { field: 'fulfilment' })
    return opts.pickups.check(f, opts.now())
  }

  async function createOnce(userId: number, input: CreateOrderInput, o: CreateOptions): Promise<{ order: Order; created: boolean }> {
    refuseBadGift(input)
    const pickup = input.fulfilment?.type === 'pickup' ? input.fulfilment : null
    const items: LineInput[] = mergeLines(input.items)
    // Independent reads, side by side (PostgreSQL runs them on separate connections).
    const [repeat, skus, a, ctx] = await Promise.all([
      findOrderByKey(db, userId, input.idempotencyKey),
      loadSkus(db, items).catch((err: unknown) => err as Error),
      // A pickup order has no address (the shopper collects it at the store).
      input.addressId === undefined || pickup ? null : findAddress(db, userId, input.addressId),
      // A caller-priced order takes no promotions or coupons: nothing to load.
      o.fixed ? null : pricingContext(deps, userId, input.couponIds ?? 'best').catch((err: unknown) => err as Error),
    ])
    if (repeat) return { order: repeat, created: false }
    if (skus instanceof Error) throw skus
    if (ctx instanceof Error) throw ctx
    // After the repeat check: a retried pickup order answers the first one even once its slot passed.
    const stockAt = pickup ? await checkPickup(pickup, input, o) : null
    if (pickup && ctx) ctx.pickup = true
    let address: Order['address'] = null
    if (input.addressId !== undefined && !pickup) {
      if (!a) throw notFound('收货地址', 'ADDRESS_NOT_FOUND')
      // A snapshot: editing the address book later doesn't move a placed order.
      address = { name: a.name, phone: a.phone, region: a.region, detail: a.detail }
    }
    // Unit prices come from the database (loadSkus); the client only chose SKUs, quantities and coupons.
    // This price is the one the shopper was shown; a bad coupon choice is refused here, before any write.
    const engine = o.fixed || !ctx ? fixedPricing(items, skus, o.fixed as FixedPrice) : priceWithEngine(items, skus, ctx)
    // Points (积分抵扣) on the engine's price; a caller-priced order (group, mall) takes none.
    const quote = !o.fixed && (input.points ?? 0) > 0 && opts.points ? await opts.points.quote(userId, engine, input.points ?? 0) : null
    const shown = quote ? withPoints(engine, quote.used, quote.usedValue) : engine
    const offers = ctx ? offersOn(ctx.promotions, items) : []
    const now = opts.now()
    const expiresAt = new Date(now.getTime() + opts.ttlMs)

    // Statements per order are kept few: each is a round trip while the SKU row is locked.
    let placed: { id: number; orderNo: string; priced: PricingResult; itemIds: Map<number, number> }
    try {
      placed = await db.tx(async (q) => {
        // Limited-time offers on these SKUs: their rows (and the shopper's per-user count) are
        // locked and the order is priced with what was read under the lock, so concurrent orders
        // can't sell more offer units than its stock or the shopper's limit allows.
        // Repriced under the offer locks (the same units, or a 409), then the same points off again.
        const priced = offers.length > 0 && ctx ? pointsAgain(await priceUnderLock(q, userId, items, skus, ctx, offers, engine), quote) : shown
        const units = offerUnits(priced.applied)
        // The shopper's count is kept for offers with a per-user limit (their rows were locked above).
        const counted = new Set(offers.filter((o) => o.perUserLimit !== null).map((o) => o.p))
        const byPromotion = [...units.reduce((m, u) => (counted.has(u.p) ? m.set(u.p, (m.get(u.p) ?? 0) + u.q) : m), new Map<number, number>())].map(([p, qty]) => ({ p, q: qty }))
        const extra = promotionWrites(units, byPromotion, priced.selectedCouponIds)
        // The order, its items, its first timeline entry, the offer units sold, the shopper's count
        // and the coupons used: one statement (one round trip). On a repeated key the order insert
        // does nothing, and so does everything that hangs off it.
        const inserted = await q.maybeOne<{ id: number; order_no: string; coupons: number; item_ids: { id: number; sku: number }[] | string }>(
          `WITH n AS (SELECT nextval('orders_id_seq')::int AS id),
           o AS (
             INSERT INTO orders (id, order_no, user_id, status, idempotency_key, subtotal, shipping, discount, total, address, note, created_at, expires_at, discounts, platform)
             SELECT n.id, $1 || lpad(n.id::text, 8, '0'), $2, 'created', $3, $4, $5, $6, $7, $8, $9, $10, $11, $13::jsonb,
                    (SELECT platform FROM users WHERE id = $2) FROM n
             ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id, order_no
           ),
           i AS (
             INSERT INTO order_items (order_id, sku_id, product_id, title, image, specs, unit_price, quantity, line_total, discount)
             SELECT o.id, x.sku_id, x.product_id, x.title, x.image, x.specs, x.unit_price, x.quantity, x.line_total, x.discount
             FROM o, json_to_recordset($12::json) AS x(sku_id int, product_id int, title text, image text, specs json, unit_price int, quantity int, line_total int, discount int)
             RETURNING id, sku_id
           ),
           e AS (
             INSERT INTO order_events (order_id, status, actor, note, at) SELECT o.id, 'created', 'shopper', NULL, $10 FROM o
           )${extra.sql}
           SELECT id, order_no, ${extra.coupons} AS coupons, (SELECT json_agg(json_build_object('id', i.id, 'sku', i.sku_id)) FROM i) AS item_ids FROM o`,
          [
            orderNoPrefix(now),
            userId,
            input.idempotencyKey,
            priced.subtotal,
            priced.shipping,
            priced.discount,
            priced.total,
            address ? JSON.stringify(address) : null,
            input.note || null,
            now,
            expiresAt,
            JSON.stringify(
              priced.lines.map((l) => {
                const s = skus.get(l.skuId) as SkuForSale
                return { sku_id: l.skuId, product_id: s.productId, title: s.title, image: s.image, specs: s.specs, unit_price: l.unitPrice, quantity: l.quantity, line_total: l.lineTotal, discount: l.discount }
              }),
            ),
            JSON.stringify(priced.applied),
            ...extra.params,
          ],
        )
        // A concurrent request with the same key got there first (PostgreSQL made us wait for it).
        if (!inserted) throw new RepeatedKey()
        // A chosen coupon was used by another order meanwhile (or expired): nothing of this order stays.
        if (inserted.coupons !== priced.selectedCouponIds.length) throw conflict('COUPON_NOT_USABLE', '所选优惠券已被使用或已失效，请重新选择')

        if (input.fromCart) {
          await removeSkus(q, userId, items.map((l) => l.skuId))
        }
        // Reserve stock last, so the SKU rows stay locked only until the commit that follows.
        // Inventory takes SKUs in id order (no deadlocks between two orders), each a conditional
        // decrement that fails instead of going below zero. One failure rolls back everything.
        // A pickup at a store keeping its own stock takes the units from that store's shelf.
        const storeId = stockAt?.stockStoreId ?? null
        const taken = await inventory.reserve(q, priced.lines, { reason: 'order', orderId: inserted.id, storeId })
        if (!taken.ok) {
          const sku = skus.get(taken.skuId) as SkuForSale
          const name = `「${sku.title}（${specText(sku.specs)}）」`
          if (storeId !== null) throw new AppError(409, 'STORE_OUT_OF_STOCK', taken.left > 0 ? `${name}在该门店仅剩 ${taken.left} 件` : `${name}在该门店已无库存`, { field: 'skuId', skuId: taken.skuId })
          throw conflict('SOLD_OUT', taken.left > 0 ? `${name}库存不足，仅剩 ${taken.left} 件` : `${name}已售罄`)
        }
        // The points after the stock, like the points mall's spend (its inTx runs after the
        // reserve too): SKU rows, then the shopper's points account, in every transaction.
        if (quote && quote.used > 0) await (opts.points as OrderPoints).spendIn(q, userId, inserted.id, quote.used, now)
        const placedLines = priced.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }))
        await opts.onCreatedIn?.(q, inserted.id, userId, input, placedLines)
        if (pickup) await (opts.pickups as OrderPickups).createIn(q, inserted.id, pickup, now)
        await o.inTx?.(q, { id: inserted.id, total: priced.total, lines: placedLines })
        return { id: inserted.id, orderNo: inserted.order_no, priced, itemIds: new Map(parseJson(inserted.item_ids).map((x) => [x.sku, x.id])) }
      })
    } catch (err) {
      if (err instanceof RepeatedKey) {
        const first = await findOrderByKey(db, userId, input.idempotencyKey)
        if (first) return { order: first, created: false }
        throw new AppError(409, 'RETRY', '请重试')
      }
      throw err
    }
    if (offers.length > 0) opts.promotions.clear()
    // A gift order's answer carries its gift (the card's code), written by the hook: read it back.
    // …and so does a pickup order (its code).
    if (input.gift || pickup) return { order: (await findOrder(db, placed.id)) as Order, created: true }
    const { priced } = placed
    // Everything the answer holds was just written: no need to read it back.
    const order: Order = {
      id: placed.id,
      orderNo: placed.orderNo,
      status: 'created',
      items: priced.lines.map((l) => {
        const s = skus.get(l.skuId) as SkuForSale
        return { id: placed.itemIds.get(l.skuId) as number, skuId: l.skuId, productId: s.productId, title: s.title, image: s.image, specs: s.specs, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal, discount: l.discount, refundedQuantity: 0 }
      }),
      itemCount: priced.itemCount,
      subtotal: priced.subtotal,
      shipping: priced.shipping,
      discount: priced.discount,
      total: priced.total,
      address,
      note: input.note || null,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      tracking: null,
      timeline: [{ status: 'created', at: now.toISOString(), note: null }],
      refundedTotal: 0,
      refunds: [],
      discounts: priced.applied,
      shippedAt: null,
      receivedAt: null,
    }
    return { order, created: true }
  }

  async function sweepExpired(): Promise<number> {
    let closed = 0
    for (;;) {
      const due = await db.query<{ id: number }>(
        'SELECT id FROM orders WHERE status = ANY($1::text[]) AND expires_at <= $2 ORDER BY expires_at LIMIT 100',
        [statusesAllowing('close'), opts.now()],
      )
      for (const { id } of due.rows) {
        // Each order on its own: a payment arriving meanwhile wins, the update then matches nothing.
        const r = await db.tx((q) => transitionIn(q, id, 'close', 'system', opts.now(), { note: '超时未支付，订单已自动关闭' }))
        if (r.ok) closed += 1
      }
      if (due.rows.length < 100) return closed
    }
  }

  async function pricePoints(userId: number, priced: PricingResult, requested: number): Promise<{ priced: PricingResult; quote: PointsQuote | null }> {
    if (!opts.points) return { priced, quote: null }
    const quote = await opts.points.quote(userId, priced, requested)
    return { priced: withPoints(priced, quote.used, quote.usedValue), quote }
  }

  async function checkFulfilment(f: FulfilmentInput | undefined): Promise<void> {
    if (f?.type === 'pickup') await checkPickup(f, {}, {})
  }

  return { transitionIn, create, apply, sweepExpired, promotionUsage: (ids) => promotionUsage(db, ids), pricePoints, checkFulfilment }
}
