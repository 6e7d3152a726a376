import { Readable } from 'node:stream'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { ORDER_STATUS_LABEL, type OrderStatus } from '../../../src/domain/order-state'
import { fenToYuan } from '../../../src/domain/money'
import { LIMITS } from '../../../src/domain/validation'
import { BOM, csvRow } from '../../lib/csv'
import { AppError, badInput, notFound } from '../../lib/errors'
import { id, idParams, idText, pageQuery, parse, quantity, text } from '../../lib/validate'
import { claimsOf } from '../gifts'
import { listOutbox } from '../messages'
import { AdminOrderQuery, countAdminOrders, exportLines, findOrder, listAdminOrders, orderBuyer, orderEvents, packingList, type AdminOrderFilter, type ExportLine } from '../orders'
import { shipInput } from '../shipping'
import { adminOf, recordAudit } from '../staff'

const Cancel = z.object({ reason: text(LIMITS.refundReason, '取消原因').optional() })

const RefundBody = z.object({
  lines: z
    .array(z.object({ skuId: id, quantity }), { error: 'lines 必须是数组' })
    .min(1, '请至少选择一件要退的商品')
    .max(100, '一次最多退 100 行')
    .optional(),
  reason: text(LIMITS.refundReason, '退款原因', { min: 1 }),
  restock: z.boolean({ error: 'restock 必须是 true 或 false' }).optional(),
})

const RefundQuery = z.object({
  ...pageQuery,
  status: z.enum(['pending', 'succeeded', 'failed'], { error: 'status 只能是 pending、succeeded、failed' }).optional(),
  orderId: idText.optional(),
})

const NotifyQuery = z.object({
  ...pageQuery,
  source: z.enum(['payment', 'credit'], { error: 'source 只能是 payment、credit' }).optional(),
  verified: z.enum(['true', 'false'], { error: 'verified 只能是 true 或 false' }).optional(),
})

/** More orders than this in one export is a 400 asking for a narrower filter (a month of a busy shop still fits). */
export const EXPORT_MAX_ORDERS = 20_000
/** Listing both notify tables merges two sorted pages: deep pages would read too much of each. */
const NOTIFY_MAX_PAGE = 200

const CSV_HEADER = ['订单号', '下单时间', '付款时间', '状态', '平台', '买家', '收货人', '电话', '地址', '商品', '规格', '单价', '数量', '小计', '行优惠', '已退数量', '订单实付', '运费', '快递公司', '快递单号', '备注']
const PLATFORM_LABEL = { weapp: '微信', alipay: '支付宝', h5: 'H5' } as const

function csvLine(l: ExportLine): string {
  return csvRow([
    l.orderNo,
    l.createdAt,
    l.paidAt,
    ORDER_STATUS_LABEL[l.status],
    PLATFORM_LABEL[l.platform],
    l.buyer,
    l.receiver,
    l.phone,
    l.address,
    l.title,
    l.specs,
    fenToYuan(l.unitPrice),
    l.quantity,
    fenToYuan(l.lineTotal),
    fenToYuan(l.lineDiscount),
    l.refundedQuantity,
    fenToYuan(l.orderTotal),
    fenToYuan(l.shipping),
    l.carrier,
    l.trackingNo,
    l.note,
  ])
}

function filterOf(q: z.output<typeof AdminOrderQuery>): AdminOrderFilter {
  return { status: q.status as OrderStatus | undefined, from: q.from, to: q.to, phone: q.phone, orderNo: q.orderNo, platform: q.platform }
}

/** The caller, set by the admin scope's guard before any handler runs. */

/** Orders, refunds and notifies for the merchant; inside the admin scope (./scope.ts), which checks the caller. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/orders', { config: { permission: 'orders:read' } }, async (req) => {
    const q = parse(AdminOrderQuery, req.query)
    return listAdminOrders(app.db, filterOf(q), q.page ?? 1, q.pageSize ?? 20)
  })

  // One row per order line, streamed a batch of orders at a time (orders/admin.ts exportLines).
  app.get('/admin/orders.csv', { config: { permission: 'orders:read' } }, async (req, reply) => {
    const q = parse(AdminOrderQuery, req.query)
    const filter = filterOf(q)
    const n = await countAdminOrders(app.db, filter)
    if (n > EXPORT_MAX_ORDERS) throw new AppError(400, 'EXPORT_TOO_LARGE', `一次最多导出 ${EXPORT_MAX_ORDERS} 个订单（当前 ${n} 个），请缩小日期或状态范围`)
    async function* body() {
      yield BOM + csvRow(CSV_HEADER)
      for await (const batch of exportLines(app.db, filter)) yield batch.map(csvLine).join('')
    }
    const name = `orders-${q.from ?? 'all'}-${q.to ?? 'now'}.csv`
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body()))
  })

  app.get('/admin/orders/:id', { config: { permission: 'orders:read' } }, async (req) => {
    const { id: orderId } = parse(idParams, req.params)
    const order = await findOrder(app.db, orderId)
    if (!order) throw notFound('订单', 'ORDER_NOT_FOUND')
    const [buyer, events, payments, refunds, messages, giftClaims] = await Promise.all([
      orderBuyer(app.db, orderId),
      orderEvents(app.db, orderId),
      app.payments.attempts(orderId),
      app.payments.refunds.list({ orderId, page: 1, pageSize: 50 }),
      listOutbox(app.db, { orderId, page: 1, pageSize: 50 }),
      // A gift order's claims, each with the address its share ships to (AdminOrder.giftClaims).
      order.gift ? claimsOf(app.db, orderId) : null,
    ])
    return { order: giftClaims ? { ...order, giftClaims } : order, buyer, events, payments, refunds: refunds.items, messages: messages.items }
  })

  app.get('/admin/orders/:id/packing-list', { config: { permission: 'orders:read' } }, async (req) => {
    const { id: orderId } = parse(idParams, req.params)
    const list = await packingList(app.db, orderId)
    if (!list) throw notFound('订单', 'ORDER_NOT_FOUND')
    return list
  })

  app.post('/admin/orders/:id/ship', { config: { permission: 'orders:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    // ShipInput {kind, parcels}, or the old {carrier, trackingNo} (one express parcel); the shipping module does the rest.
    await app.shipping.ship(id, shipInput(req.body), adminOf(req))
    return findOrder(app.db, id)
  })

  // Unpaid orders only (the state machine's cancel): stock, offer units and coupons go back.
  app.post('/admin/orders/:id/cancel', { config: { permission: 'orders:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    const input = parse(Cancel, req.body ?? {})
    const note = input.reason ? `商家取消：${input.reason}` : '商家取消'
    return app.orders.apply(id, 'cancel', 'admin', {
      note,
      alsoIn: (q) => recordAudit(q, adminOf(req), { action: 'order.cancel', entity: 'order', entityId: id, before: { status: 'created' }, after: { status: 'cancelled', reason: input.reason ?? null } }),
    })
  })

  // Refunds: lines (or everything left) of a paid order back to the payer, through its platform.
  // The refund commits in its own transaction before the platform is asked; the audit row follows it.
  app.post('/admin/orders/:id/refunds', { config: { permission: 'refunds:write' } }, async (req, reply) => {
    const { id: orderId } = parse(idParams, req.params)
    const input = parse(RefundBody, req.body)
    const refund = await app.payments.refunds.request(orderId, input, 'admin')
    await recordAudit(app.db, adminOf(req), { action: 'refund.request', entity: 'order', entityId: orderId, after: { refundId: refund.id, amount: refund.amount, lines: refund.lines, reason: input.reason, restock: input.restock ?? true, status: refund.status } })
    return reply.status(201).send(refund)
  })

  app.get('/admin/refunds', { config: { permission: 'orders:read' } }, async (req) => {
    const q = parse(RefundQuery, req.query)
    return app.payments.refunds.list({ status: q.status, orderId: q.orderId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  app.get('/admin/refunds/:id', { config: { permission: 'orders:read' } }, async (req) => {
    const { id: refundId } = parse(idParams, req.params)
    const r = await app.payments.refunds.get(refundId)
    if (!r) throw notFound('退款', 'REFUND_NOT_FOUND')
    return r
  })

  // Asks the platform again with the same refund number: never refunds twice.
  app.post('/admin/refunds/:id/retry', { config: { permission: 'refunds:write' } }, async (req) => {
    const { id: refundId } = parse(idParams, req.params)
    const before = await app.payments.refunds.get(refundId)
    if (!before) throw notFound('退款', 'REFUND_NOT_FOUND')
    const r = await app.payments.refunds.submit(refundId)
    await recordAudit(app.db, adminOf(req), { action: 'refund.retry', entity: 'refund', entityId: refundId, before: { status: before.status, failure: before.failure }, after: { status: r.status, failure: r.failure } })
    return r
  })

  // Payment and credit callbacks as they arrived (each table read by its owner), newest first.
  app.get('/admin/notifies', { config: { permission: 'messages:read' } }, async (req) => {
    const q = parse(NotifyQuery, req.query)
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const verified = q.verified === undefined ? undefined : q.verified === 'true'
    if (q.source) {
      const one = q.source === 'payment' ? app.payments.notifies : app.credit.notifies
      return { ...(await one({ verified, limit: pageSize, offset: (page - 1) * pageSize })), page, pageSize }
    }
    if (page > NOTIFY_MAX_PAGE) throw badInput(`page: 不指定 source 时最多翻到第 ${NOTIFY_MAX_PAGE} 页`, 'page')
    // Both sources: the first page × pageSize of each, merged by time, then this page's slice.
    const upTo = { verified, limit: page * pageSize, offset: 0 }
    const [a, b] = await Promise.all([app.payments.notifies(upTo), app.credit.notifies(upTo)])
    const items = [...a.items, ...b.items].sort((x, y) => y.createdAt.localeCompare(x.createdAt) || y.id - x.id).slice((page - 1) * pageSize, page * pageSize)
    return { items, total: a.total + b.total, page, pageSize }
  })
}
