import QRCode from 'qrcode'
import type { Order } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import { parseSlot, slotProblem, type AdminPickupRow, type PickupSettings, type PickupStatus, type VerifyPickupInput } from '../../../src/domain/stores'
import type { Db, Tx } from '../../db'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { enqueueOrderMessage } from '../messages'
import { findOrder, lockOrder, orderStatus, type OrderPickups, type OrderService, type PickupFulfilment } from '../orders'
import type { RefundService } from '../payments'
import type { ShippingService } from '../shipping'
import { recordAudit, type AuditActor } from '../staff'
import { pickupStore } from '../stores'
import { dueForRefund, insertPickup, isPickupOrder, listPickups, lockPickup, lockWaitingOrSkip, markExpired, markPicked, pickupByCode, readSettings, takeReminders, writeSettings, type PickupFilter } from './repository'

export const AUTO_REFUND_REASON = '超时未自提，自动退款'
const VERIFY_NOTE = '门店核销'
const BATCH = 100

export interface PickupServiceOptions {
  now: () => Date
  orders: Pick<OrderService, 'transitionIn'>
  shipping: Pick<ShippingService, 'shipIn'>
  refunds: Pick<RefundService, 'requestIn' | 'submit'>
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface PickupService extends OrderPickups {
  /** GET /api/orders/:id/pickup-qr: the shopper's own pickup order's code and its QR (a PNG data URL). */
  qr(userId: number, orderId: number): Promise<{ code: string; qr: string }>
  /** POST /api/admin/pickups/verify: the order shipped (kind pickup) and received in one transaction; answers it, completed. */
  verify(input: VerifyPickupInput, actor: AuditActor): Promise<Order>
  list(f: PickupFilter): Promise<{ items: AdminPickupRow[]; total: number }>
  settings(): Promise<PickupSettings>
  updateSettings(s: PickupSettings, actor: AuditActor): Promise<PickupSettings>
  /** shipping's holdShipping: a pickup order is verified at the store, never shipped (409 PICKUP_ORDER). */
  refuseShipping(q: Tx, orderId: number): Promise<void>
  /** orders' onTransition: paid → pickup_ready; ended unpaid or refunded → the pickup expires. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** Reminds unpicked orders once, refunds them once after refundAfterDays; answers how many moved. */
  sweep(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Pickup at a store (门店自提, modules/pickup). */
    pickups: PickupService
  }
}

/** An order that ends without its goods picked up takes its pickup with it. */
const ENDS_PICKUP: readonly OrderStatus[] = ['cancelled', 'closed', 'refunding', 'refunded']
const DONE: readonly PickupStatus[] = ['picked', 'expired']

export function pickupService(db: Db, o: PickupServiceOptions): PickupService {
  const background = (err: unknown, what: string) => o.onBackgroundError?.(err, what)

  async function check(f: PickupFulfilment, now: Date): Promise<{ stockStoreId: number | null }> {
    if (!parseSlot(f.slot)) throw badInput('自提时间格式不对，应为 "YYYY-MM-DD HH:mm-HH:mm"', 'slot')
    const store = await pickupStore(db, f.storeId)
    if (!store?.active) throw notFound('门店', 'STORE_NOT_FOUND')
    if (!store.pickup) throw conflict('STORE_NO_PICKUP', `「${store.name}」暂不支持到店自提`)
    const problem = slotProblem(store.hours, f.slot, now)
    if (problem) throw new AppError(409, 'SLOT_UNAVAILABLE', problem, { field: 'slot' })
    return { stockStoreId: store.stockMode === 'own' ? store.id : null }
  }

  async function createIn(q: Tx, orderId: number, f: PickupFulfilment, now: Date): Promise<void> {
    const slot = parseSlot(f.slot)
    if (!slot) throw badInput('自提时间格式不对', 'slot')
    await insertPickup(q, { orderId, storeId: f.storeId, slot: f.slot, slotEnd: slot.end, at: now })
  }

  async function verify(input: VerifyPickupInput, actor: AuditActor): Promise<Order> {
    const found = await pickupByCode(db, input.code)
    if (!found) throw notFound('取货码', 'PICKUP_NOT_FOUND')
    const orderId = found.orderId
    await db.tx(async (q) => {
      // The order row first, then the pickup's: the order every refund and transition takes them in (no deadlock).
      await lockOrder(q, orderId)
      const p = await lockPickup(q, orderId)
      // Locked, so of two verifies of one code the second sees the first's 'picked'.
      if (!p || p.status === 'picked') throw conflict('PICKUP_USED', '这个取货码已核销，不能重复使用')
      if (p.status === 'expired') throw conflict('PICKUP_EXPIRED', '这个自提订单已失效（已取消或已退款）')
      if (input.storeId !== undefined && input.storeId !== p.storeId) throw conflict('WRONG_STORE', '这个取货码不属于本门店')
      const status = await orderStatus(q, orderId)
      if (status === 'refunding' || status === 'refunded') throw conflict('ORDER_REFUNDED', '订单已退款，不能核销')
      if (status !== 'paid') throw conflict('ORDER_NOT_PAID', '订单尚未付款，不能核销')
      const at = o.now()
      // Shipped as a pickup (WeChat's logistics_type 4, the shipping module's upload), then received at once.
      await o.shipping.shipIn(q, orderId, { kind: 'pickup', parcels: [] }, at)
      const t = await o.orders.transitionIn(q, orderId, 'confirm', 'system', at, { note: VERIFY_NOTE })
      if (!t.ok) throw conflict('INVALID_STATE', '订单当前状态不能核销')
      await markPicked(q, orderId, at, actor.staffId)
      await recordAudit(q, actor, { action: 'pickup.verify', entity: 'order', entityId: orderId, before: { status: 'paid', pickup: 'waiting' }, after: { status: 'completed', pickup: 'picked', storeId: p.storeId } })
    })
    return (await findOrder(db, orderId)) as Order
  }

  async function qr(userId: number, orderId: number): Promise<{ code: string; qr: string }> {
    const order = await findOrder(db, orderId, userId)
    if (!order) throw notFound('订单', 'ORDER_NOT_FOUND')
    if (!order.pickup) throw notFound('自提信息', 'PICKUP_NOT_FOUND')
    if (DONE.includes(order.pickup.status)) throw conflict('PICKUP_DONE', order.pickup.status === 'picked' ? '订单已核销提货' : '自提订单已失效')
    const code = order.pickup.code
    return { code, qr: await QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 1, width: 360 }) }
  }

  async function updateSettings(s: PickupSettings, actor: AuditActor): Promise<PickupSettings> {
    await db.tx(async (q) => {
      const before = await readSettings(q)
      await writeSettings(q, s, o.now())
      await recordAudit(q, actor, { action: 'pickup_settings.update', entity: 'pickup_settings', entityId: 1, before, after: s })
    })
    return readSettings(db)
  }

  async function refuseShipping(q: Tx, orderId: number): Promise<void> {
    if (await isPickupOrder(q, orderId)) throw conflict('PICKUP_ORDER', '自提订单由门店核销取货，无需发货')
  }

  async function onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void> {
    if (ENDS_PICKUP.includes(to)) await markExpired(q, orderId)
    else if (to === 'paid' && (await isPickupOrder(q, orderId))) await enqueueOrderMessage(q, orderId, 'pickup_ready', at, `pickup:${orderId}:ready`)
  }

  async function remind(now: Date, hours: number): Promise<number> {
    const cutoff = new Date(now.getTime() - hours * 3600_000)
    return db.tx(async (q) => {
      const ids = await takeReminders(q, cutoff, now, BATCH)
      // The key too makes it one per order, whatever happens to reminded_at.
      for (const id of ids) await enqueueOrderMessage(q, id, 'pickup_reminder', now, `pickup:${id}:reminder`)
      return ids.length
    })
  }

  /** One unpicked order: expired and refunded in full (its units back to the store's shelf) in one transaction, once. */
  async function expireOne(orderId: number): Promise<boolean> {
    const refundId = await db.tx(async (q) => {
      await lockOrder(q, orderId)
      // Another sweeper holds it: that one refunds it. Not waiting any more: picked up meanwhile.
      if (!(await lockWaitingOrSkip(q, orderId))) return null
      if ((await orderStatus(q, orderId)) !== 'paid') return null
      if (!(await markExpired(q, orderId))) return null
      return o.refunds.requestIn(q, orderId, { reason: AUTO_REFUND_REASON, restock: true }, 'system')
    })
    if (refundId === null) return false
    // Submitted after the commit: the refund row is durable before the platform is asked.
    await o.refunds.submit(refundId).catch((err: unknown) => background(err, `refund ${refundId} of unpicked order ${orderId}`))
    return true
  }

  async function expire(now: Date, days: number): Promise<number> {
    const cutoff = new Date(now.getTime() - days * 86_400_000)
    let n = 0
    for (const id of await dueForRefund(db, cutoff, BATCH)) {
      try {
        if (await expireOne(id)) n += 1
      } catch (err) {
        background(err, `auto-refund of unpicked order ${id}`)
      }
    }
    return n
  }

  return {
    check,
    createIn,
    verify,
    qr,
    list: (f) => listPickups(db, f),
    settings: () => readSettings(db),
    updateSettings,
    refuseShipping,
    onOrderTransition,
    async sweep() {
      const s = await readSettings(db)
      const now = o.now()
      const reminded = s.remindAfterHours > 0 ? await remind(now, s.remindAfterHours) : 0
      return reminded + (await expire(now, s.refundAfterDays))
    },
  }
}
