import type { CreateOrderInput, LineInput, Order, PricePreview } from '../../../src/domain/contract'
import type { FulfilmentInput } from '../../../src/domain/stores'
import type { FastifyInstance } from 'fastify'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { findAddress } from '../addresses'
import { loadSkus, mergeLines, priceWithEngine, toPreview } from '../pricing'
import { pricingContext } from '../promotions'
import { refuseBadGift } from './gift'
import { findOrder } from './repository'

/**
 * The shopper's order actions that involve credit (pay after use) or the sweeper: what
 * orders/routes.ts used to do inline. `app` supplies the services (orders, credit), built
 * after this module, so they are read at call time.
 */
type Deps = Pick<FastifyInstance, 'db' | 'orders' | 'credit' | 'now' | 'sweepExpiredOrders' | 'promotions' | 'shipping'>

/**
 * The checkout's price: the address must be the shopper's; without couponIds the engine picks
 * the best of their coupons ([] = none); `points` are taken off as the order would (积分抵扣),
 * and the answer's `points` says what the shopper may spend.
 */
export async function previewOrder(app: Deps, userId: number, input: { items: LineInput[]; addressId?: number; couponIds?: number[]; points?: number; fulfilment?: FulfilmentInput }): Promise<PricePreview> {
  const pickup = input.fulfilment?.type === 'pickup'
  // A pickup order: its store and slot as the order checks them, no address, no shipping fee.
  if (pickup) await app.orders.checkFulfilment(input.fulfilment)
  else if (input.addressId !== undefined && !(await findAddress(app.db, userId, input.addressId))) throw notFound('收货地址', 'ADDRESS_NOT_FOUND')
  const ctx = { ...(await pricingContext(app, userId, input.couponIds ?? 'best')), pickup }
  const items = mergeLines(input.items)
  const skus = await loadSkus(app.db, items)
  const { priced, quote } = await app.orders.pricePoints(userId, priceWithEngine(items, skus, ctx), input.points ?? 0)
  const preview = toPreview(priced, skus, ctx)
  return quote ? { ...preview, points: quote } : preview
}

/** Places an order: rental products refused, pay after use checked and attached. 201 vs 200 is `created`. */
export async function placeOrder(app: Deps, userId: number, input: CreateOrderInput & { paymentMode?: 'pay_now' | 'pay_after_use' }): Promise<{ order: Order; created: boolean }> {
  // A bad gift is refused before anything is asked of credit (a gift is never paid after use).
  refuseBadGift(input)
  // Rental products are rented (POST /api/rentals), never sold: their SKU price is the daily rate.
  const rented = await app.credit.rentalAmong(input.items.map((l) => l.skuId))
  if (rented) throw badInput(`「${rented.title}」是租赁商品，请在商品页选择免押租赁`)
  if (input.paymentMode === 'pay_after_use') {
    if (input.fulfilment?.type === 'pickup') throw new AppError(400, 'PICKUP_NOT_SUPPORTED', '先享后付订单暂不支持门店自提', { field: 'fulfilment' })
    const e = await app.credit.payAfterUse.eligibility(userId)
    if (!e.available) throw conflict('PAY_AFTER_USE_UNAVAILABLE', e.reason ?? '暂不支持先享后付')
  }
  const { order, created } = await app.orders.create(userId, input)
  // Pay after use: the order's credit order, confirmed through POST /orders/:id/credit. Only for
  // the order this call created: a repeated idempotency key answers the first order, which may
  // be a pay-now order already paid (or closed), and a credit order on it would charge twice.
  if (input.paymentMode === 'pay_after_use' && created) await app.credit.payAfterUse.attach(userId, order.id)
  // An order this call just placed to pay now has no credit order: nothing to read back.
  if (created && input.paymentMode !== 'pay_after_use') return { order, created }
  return { order: await withCredit(app, order), created }
}

/** The shopper's own order; one past its time but not yet swept is closed first, so the shopper never sees a payable ghost. */
export async function shopperOrder(app: Deps, userId: number, orderId: number): Promise<Order> {
  let order = await findOrder(app.db, orderId, userId)
  if (!order) throw notFound('订单', 'ORDER_NOT_FOUND')
  if (order.status === 'created' && order.expiresAt && Date.parse(order.expiresAt) <= app.now().getTime()) {
    await app.sweepExpiredOrders()
    order = (await findOrder(app.db, orderId, userId)) ?? order
  }
  return withCredit(app, order)
}

/**
 * Confirm receipt; paid after use, it collects the payment. An order WeChat confirms
 * (weappOrderConfirm, GET /orders/:id/receipt) must have been confirmed there first: the
 * shipping module asks WeChat's get_order, else 409 RECEIPT_NOT_CONFIRMED.
 */
export async function confirmReceipt(app: Deps, userId: number, orderId: number): Promise<Order> {
  await app.shipping.checkReceipt(userId, orderId)
  const order = await app.orders.apply(orderId, 'confirm', 'shopper', { userId, note: '买家确认收货' })
  await app.credit.payAfterUse.collect(orderId, 'shopper')
  return withCredit(app, order)
}

async function withCredit(app: Deps, order: Order): Promise<Order> {
  const credit = await app.credit.payAfterUse.info(order.id)
  if (credit) order.credit = credit
  return order
}
