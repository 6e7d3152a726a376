import crypto from 'node:crypto'
import type { OrderStatus } from '../../../src/domain/order-state'
import { checkMallItem } from '../../../src/domain/mall'
import type { AdminMallItem, AdminRedemption, MallItemInput, MallItemView, PointsLedgerApi, RedeemInput, RedeemResult } from '../../../src/domain/points'
import type { Refund } from '../../../src/domain/contract'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import type { OrderService } from '../orders'
import { issueIn } from '../promotions'
import { recordAudit, type AuditActor } from '../staff'
import {
  adminRedemptions,
  findItem,
  findRedemptionByKey,
  findRedemptionByOrder,
  heldBy,
  insertItem,
  insertRedemption,
  listItems,
  lockItem,
  shopItems,
  toAdminItem,
  toResult,
  updateItem,
  type MallItemRow,
  type RedemptionRow,
} from './repository'

export interface MallDeps {
  now: () => Date
  /** The points ledger (modules/points): spends and returns commit with the redemption. */
  ledger: PointsLedgerApi & { balanceOf(userId: number): Promise<number> }
  /** Product and gift items become caller-priced orders; a points-only one is paid in its own transaction. */
  orders: Pick<OrderService, 'create' | 'transitionIn'>
}

export interface MallService {
  items(viewerId: number | null): Promise<MallItemView[]>
  redeem(userId: number, input: RedeemInput): Promise<RedeemResult>
  /** orders' onTransition: a points + money order paid → done; an order ended unpaid → points and the unit back, cancelled. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** payments' onRefundFinished: a points + money order refunded in full gives its points and unit back too. */
  onRefundFinished(q: Tx, refund: Pick<Refund, 'orderId'>, at: Date): Promise<void>
  adminItems(): Promise<{ items: AdminMallItem[] }>
  createItem(actor: AuditActor, input: MallItemInput): Promise<AdminMallItem>
  updateItem(actor: AuditActor, id: number, input: MallItemInput): Promise<AdminMallItem>
  adminRedemptions(page: number, pageSize: number): Promise<{ items: AdminRedemption[]; total: number; page: number; pageSize: number }>
}

const soldOut = () => conflict('MALL_SOLD_OUT', '该商品已兑完')
const itemGone = () => notFound('兑换商品', 'MALL_ITEM_NOT_FOUND')
/** Thrown inside a transaction to roll it back when the key turned out to be a repeat. */
class Repeated extends Error {}

export function mallService(db: Db, deps: MallDeps): MallService {
  const { now, ledger } = deps

  /**
   * Under the item's lock: the checks, the redemption row, the points spent and the unit taken.
   * Any refusal throws and the caller's transaction (the order's, for goods) rolls back whole.
   */
  async function takeUnit(q: Tx, seen: MallItemRow, userId: number, key: string, orderId: number | null, status: RedemptionRow['status'], at: Date) {
    const item = await lockItem(q, seen.id)
    if (!item || !item.active) throw itemGone()
    if (await findRedemptionByKey(q, userId, key)) throw new Repeated()
    // The order was priced from the row read before the lock: an edit meanwhile means asking again.
    if (item.points !== seen.points || item.price !== seen.price || item.sku_id !== seen.sku_id || item.kind !== seen.kind) throw conflict('MALL_ITEM_CHANGED', '兑换商品信息已更新，请刷新后重试')
    if (item.redeemed >= item.stock) throw soldOut()
    if (item.per_user_limit !== null && (await heldBy(q, item.id, userId)) >= item.per_user_limit) throw conflict('MALL_LIMIT', `每人限兑 ${item.per_user_limit} 次`)
    const id = await insertRedemption(q, { itemId: item.id, userId, key, points: item.points, price: item.price, status, orderId, at })
    if (id === null) throw new Repeated()
    const spent = await ledger.debitIn(q, { userId, points: item.points, kind: 'mall', key: `mall:${id}`, title: `兑换「${item.title}」`, orderId, at })
    if (!spent.ok) throw conflict('POINTS_NOT_ENOUGH', `积分不足，兑换需要 ${item.points} 积分`)
    // The CHECK (redeemed <= stock) is the last guard; the lock already made this safe.
    await q.query('UPDATE mall_items SET redeemed = redeemed + 1 WHERE id = $1', [item.id])
    return { id, balance: spent.balance }
  }

  /** The answer to a repeated request: the first one's, with the balance as it is now. */
  async function repeatOf(r: RedemptionRow): Promise<RedeemResult> {
    return toResult(r, await ledger.balanceOf(r.user_id))
  }

  async function redeemCoupon(userId: number, item: MallItemRow, key: string): Promise<RedeemResult> {
    const at = now()
    const done = await db.tx(async (q) => {
      const taken = await takeUnit(q, item, userId, key, null, 'done', at)
      const couponId = await issueIn(q, item.coupon_batch_id as number, userId, at)
      await q.query('UPDATE mall_redemptions SET user_coupon_id = $2 WHERE id = $1', [taken.id, couponId])
      return { redemptionId: taken.id, balance: taken.balance, orderId: null, couponId, status: 'done' as const }
    })
    return done
  }

  async function redeemGoods(userId: number, item: MallItemRow, key: string, addressId: number): Promise<RedeemResult> {
    let result: RedeemResult | null = null
    // A gift ships free for points only; a product's money part is paid like any order.
    const unitPrice = item.kind === 'gift' ? 0 : item.price
    const { order, created } = await deps.orders.create(
      userId,
      { items: [{ skuId: item.sku_id as number, quantity: 1 }], addressId, idempotencyKey: `mall:${key}` },
      {
        fixed: { source: 'mall', kind: 'points_redeem', id: item.id, label: '积分兑换', unitPrice, shipping: 0 },
        inTx: async (q, o) => {
          const at = now()
          const paidNow = o.total === 0
          const taken = await takeUnit(q, item, userId, key, o.id, paidNow ? 'done' : 'awaiting_payment', at)
          // Nothing to pay: the order is paid here, in its own transaction (no payment row; shipping
          // then uploads nothing to the platforms, as for any order without a platform payment).
          if (paidNow) {
            const t = await deps.orders.transitionIn(q, o.id, 'pay', 'system', at, { note: '积分兑换，无需支付' })
            if (!t.ok) throw new AppError(500, 'INTERNAL', '兑换订单未能完成')
          }
          result = { redemptionId: taken.id, balance: taken.balance, orderId: o.id, couponId: null, status: paidNow ? 'done' : 'awaiting_payment' }
        },
      },
    )
    if (created && result) return result
    const first = await findRedemptionByOrder(db, order.id)
    if (!first) throw new AppError(409, 'RETRY', '请重试')
    return repeatOf(first)
  }

  async function redeem(userId: number, input: RedeemInput): Promise<RedeemResult> {
    const key = input.idempotencyKey ?? `auto:${crypto.randomUUID()}`
    const repeat = await findRedemptionByKey(db, userId, key)
    if (repeat) return repeatOf(repeat)
    const item = await findItem(db, input.itemId)
    if (!item || !item.active) throw itemGone()
    if (item.kind !== 'coupon' && input.addressId === undefined) throw new AppError(400, 'ADDRESS_REQUIRED', '请选择收货地址')
    // Quick answers before any write; the same checks run again under the item's lock.
    if (item.redeemed >= item.stock) throw soldOut()
    try {
      return item.kind === 'coupon' ? await redeemCoupon(userId, item, key) : await redeemGoods(userId, item, key, input.addressId as number)
    } catch (err) {
      if (!(err instanceof Repeated)) throw err
      const first = await findRedemptionByKey(db, userId, key)
      if (!first) throw new AppError(409, 'RETRY', '请重试')
      return repeatOf(first)
    }
  }

  /** The redemption of this order cancelled once (conditional), its unit and points given back; `why` ends the ledger entry's title. */
  async function giveBack(q: Tx, orderId: number, at: Date, why: string, onlyWhere = 'TRUE'): Promise<void> {
    const r = await q.maybeOne<RedemptionRow & { title: string }>(
      `UPDATE mall_redemptions m SET status = 'cancelled' FROM mall_items i
       WHERE m.order_id = $1 AND m.status <> 'cancelled' AND i.id = m.item_id AND ${onlyWhere} RETURNING m.*, i.title`,
      [orderId],
    )
    if (!r) return
    // No order_id on the return: the points module's per-order sums (checkout spent, returned) stay its own.
    await q.query('UPDATE mall_items SET redeemed = redeemed - 1 WHERE id = $1', [r.item_id])
    await ledger.creditIn(q, { userId: r.user_id, points: r.points, kind: 'return', key: `mall:${r.id}:return`, title: `兑换「${r.title}」${why}，积分退回`, at })
  }

  async function onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void> {
    if (to === 'paid') await q.query("UPDATE mall_redemptions SET status = 'done' WHERE order_id = $1 AND status = 'awaiting_payment'", [orderId])
    else if (to === 'cancelled' || to === 'closed') await giveBack(q, orderId, at, '未支付')
  }

  async function onRefundFinished(q: Tx, refund: Pick<Refund, 'orderId'>, at: Date): Promise<void> {
    // Only when nothing of the order's money is left with the shop: a partial refund keeps the points spent.
    await giveBack(q, refund.orderId, at, '已退款', `EXISTS (SELECT 1 FROM orders o WHERE o.id = m.order_id AND o.total > 0 AND o.refunded_total >= o.total)`)
  }

  /** Referenced rows exist (a 400 naming the field instead of a foreign-key error). */
  async function checkRefs(q: Queryable, input: MallItemInput): Promise<void> {
    const bad = checkMallItem(input)
    if (bad) throw badInput(bad.message, bad.field)
    if (input.couponBatchId !== null && !(await q.maybeOne('SELECT 1 FROM coupon_batches WHERE id = $1', [input.couponBatchId]))) throw badInput('优惠券批次不存在', 'couponBatchId')
    if (input.skuId !== null && !(await q.maybeOne('SELECT 1 FROM skus WHERE id = $1', [input.skuId]))) throw badInput('商品规格不存在', 'skuId')
  }

  return {
    items: (viewerId) => shopItems(db, viewerId),
    redeem,
    onOrderTransition,
    onRefundFinished,
    adminItems: async () => ({ items: (await listItems(db)).map(toAdminItem) }),
    async createItem(actor, input) {
      await checkRefs(db, input)
      return db.tx(async (q) => {
        const row = toAdminItem(await insertItem(q, input, now()))
        await recordAudit(q, actor, { action: 'mall_item.create', entity: 'mall_item', entityId: row.id, after: row })
        return row
      })
    },
    async updateItem(actor, id, input) {
      await checkRefs(db, input)
      return db.tx(async (q) => {
        const before = await lockItem(q, id)
        if (!before) throw itemGone()
        if (input.stock < before.redeemed) throw conflict('STOCK_BELOW_REDEEMED', `库存不能少于已兑换的 ${before.redeemed} 件`)
        const row = toAdminItem(await updateItem(q, id, input))
        await recordAudit(q, actor, { action: 'mall_item.update', entity: 'mall_item', entityId: id, before: toAdminItem(before), after: row })
        return row
      })
    },
    adminRedemptions: (page, pageSize) => adminRedemptions(db, page, pageSize),
  }
}
