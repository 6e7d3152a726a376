import type { Paged } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import { CARRIERS, carrierCode, carrierName, FULFILMENT_LABEL, type FulfilmentKind, type Parcel, type ReceiptMode, type ShipInput, type Shipment, type ShippingUpload, type ShippingUploadStatus } from '../../../src/domain/shipping'
import type { Db, Tx } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { iso, parseJson } from '../../lib/rows'
import type { SandboxShippingFacet, ShippingFacets } from '../../platforms/types'
import { giftForShipping, markShippedIn } from '../gifts'
import { findOrder, type OrderService } from '../orders'
import { paidPaymentOf, type PaidPayment } from '../payments'
import { recordAudit, type AuditActor } from '../staff'
import { alipaySyncAction, enqueueUpload, findUpload, listUploads, requeue, WECHAT_SPECIAL_ORDER, WECHAT_UPLOAD } from './outbox'
import { alipayOrderSyncBody, itemDesc, orderFacts, wechatShippingBody, type AlipaySyncStep } from './requests'
import { checkShipInput } from './validate'
import { giftParcels, refuseUnclaimedGift } from './gift-parcels'
import { createShippingWorker, type ShippingWorker, type ShippingWorkerOptions } from './worker'

/** What the tracking module (and anything else) hears when an order ships, in the ship's own transaction. */
export interface ShippedEvent {
  orderId: number
  kind: FulfilmentKind
  parcels: Parcel[]
  at: Date
}

export interface ShippingServiceOptions {
  now: () => Date
  facets: ShippingFacets
  orders: Pick<OrderService, 'transitionIn'>
  /** Days after shipping an unconfirmed order is confirmed by the sweeper (ORDER_AUTO_CONFIRM_DAYS). */
  autoConfirmDays: number
  /** After the sweeper confirmed an order (committed): credit collects a pay-after-use order, as the shopper's confirm does. */
  onAutoConfirmed?: (orderId: number) => Promise<void>
  /** In the ship's transaction, after its shipments rows: the tracking module subscribes its parcels here. */
  onShipped?: (q: Tx, e: ShippedEvent) => Promise<void>
  /**
   * In the ship's transaction, before the order moves: why this paid order must wait (a group
   * still forming: groups' holdShipping), or null. A reason answers 409 GROUP_FORMING.
   */
  holdShipping?: (q: Tx, orderId: number) => Promise<string | null>
  /**
   * In the auto-confirm's transaction: true while this shipped order must not be confirmed yet
   * (a periodic purchase whose last delivery has not shipped, or shipped after `shippedBefore`).
   */
  holdConfirm?: (q: Tx, orderId: number, shippedBefore: Date) => Promise<boolean>
  worker?: Partial<ShippingWorkerOptions>
  onError?: (err: unknown, what: string) => void
}

export interface ShippingService {
  /** POST /api/admin/orders/:id/ship: the order, its parcels, the platforms' uploads and the audit row in one transaction. */
  ship(orderId: number, input: ShipInput, actor: AuditActor): Promise<void>
  /**
   * One parcel of an order that ships in parts over time (a plan's delivery), in the caller's
   * transaction: the first part moves the order paid → shipped, later ones only add theirs.
   * Each part is its own shipments row and its own uploads (WeChat split delivery, Alipay's
   * sync with this parcel). `key` names the part (unique per order). Answers the shipment id.
   */
  shipPartIn(q: Tx, orderId: number, parcel: PartParcel, opts: { key: string; last: boolean; at: Date }): Promise<number>
  /**
   * In the caller's transaction: tells WeChat (opspecialorder, 特殊发货报备 type 1) that a paid
   * order first ships at `shipBy`, when that is more than 15 days after its payment (WeChat's
   * limit for an order without a report; at most 330 days). Orders paid elsewhere, or shipping
   * sooner: nothing. Answers whether a report was queued.
   */
  reportLateShipIn(q: Tx, orderId: number, paidAt: Date, shipBy: Date): Promise<boolean>
  /**
   * Ships a paid order (not a gift) inside the caller's transaction, as staff: the order moves
   * to shipped (404 / 409 INVALID_STATE otherwise), its shipment row and the platforms' uploads
   * are written (the pickup module's verify: kind 'pickup', WeChat logistics_type 4). No hold
   * check and no audit row: the caller checks and audits its own change.
   */
  shipIn(q: Tx, orderId: number, input: ShipInput, at: Date): Promise<void>
  shipments(orderId: number): Promise<Shipment[]>
  uploads(filter: { orderId?: number; status?: ShippingUploadStatus; page: number; pageSize: number }): Promise<Paged<ShippingUpload>>
  /** POST /api/admin/shipping-uploads/:id/retry: pending again (audited), then sent. */
  retry(id: number, actor: AuditActor): Promise<ShippingUpload>
  carriers(): Promise<{ items: { code: string; name: string }[] }>
  receiptMode(userId: number, orderId: number): Promise<ReceiptMode>
  /** Before the shopper's confirm: an order WeChat confirms must be confirmed there first (get_order), else 409 RECEIPT_NOT_CONFIRMED. */
  checkReceipt(userId: number, orderId: number): Promise<void>
  /** The sandbox receipt page: WeChat's component confirmed (sandbox only). */
  sandboxConfirm(userId: number, orderId: number): Promise<void>
  /** orders.transitionIn's hook: Alipay's order sync on pay, confirm and refund (ship is enqueued by ship()). */
  onTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** Confirms shipped orders past ORDER_AUTO_CONFIRM_DAYS; answers how many this call confirmed. */
  autoConfirm(): Promise<number>
  readonly worker: ShippingWorker
  /** The sandbox playing WeChat and Alipay (tests: its recorded calls, outages). */
  readonly sandbox: SandboxShippingFacet
}

/** A part's parcel: its units of each order line, and the phone of the address it goes to (SF's receiver_contact). */
export interface PartParcel {
  carrier: string
  trackingNo: string
  items: { orderItemId: number; quantity: number }[]
  phone: string | null
}

const SYNC_STEP: Partial<Record<OrderStatus, AlipaySyncStep>> = { paid: 'pay', completed: 'confirm', refunded: 'refund' }
/** WeChat: an order shipping more than 15 days after payment is reported (opspecialorder), up to 330 days. */
const LATE_SHIP_DAYS = 15
const MAX_REPORT_DAYS = 330
const TRADE_MANAGED = (p: PaidPayment | null): p is PaidPayment & { tradeId: string } => p?.provider === 'wechat' && !!p.tradeId

export function shippingService(db: Db, o: ShippingServiceOptions): ShippingService {
  const { facets } = o
  const worker = createShippingWorker({ db, now: o.now, facets, onError: o.onError, ...o.worker })
  let carrierCache: { items: { code: string; name: string }[]; until: number } | null = null

  async function enqueueAlipay(q: Tx, orderId: number, pay: PaidPayment, step: AlipaySyncStep, at: Date, parcels: Parcel[] = []): Promise<void> {
    const facts = await orderFacts(q, orderId)
    if (!facts) return
    await enqueueUpload(q, { orderId, provider: facets.alipay.provider, action: alipaySyncAction(step), request: alipayOrderSyncBody(facts, pay, step, at, parcels), at })
  }

  /** WeChat confirms this order itself: paid through WeChat (live or sandbox) and WeChat manages the shop's trades. */
  async function wechatConfirms(orderId: number): Promise<(PaidPayment & { tradeId: string }) | null> {
    const pay = await paidPaymentOf(db, orderId)
    return TRADE_MANAGED(pay) && (await facets.wechat.isTradeManaged()) ? pay : null
  }

  /** The order's move to shipped (as staff), with the first parcel's tracking on the order. */
  async function moveToShipped(q: Tx, orderId: number, input: ShipInput, at: Date): Promise<void> {
    const first = input.parcels[0]
    const note = first ? input.parcels.map((p) => `${carrierName(carrierCode(p.carrier))} ${p.trackingNo}`).join('；') : FULFILMENT_LABEL[input.kind]
    const t = await o.orders.transitionIn(q, orderId, 'ship', 'admin', at, { tracking: first && { carrier: first.carrier, number: first.trackingNo }, note })
    if (!t.ok) throw t.reason === 'not_found' ? notFound('订单', 'ORDER_NOT_FOUND') : conflict('INVALID_STATE', '只有待发货（已付款）的订单可以发货')
  }

  /** The shipment rows and the platforms' uploads, in the ship's transaction (the order has just moved). */
  async function recordShipment(q: Tx, orderId: number, input: ShipInput, at: Date, pay: PaidPayment | null, wechat: boolean, claimPhone: ReadonlyMap<number, string>): Promise<void> {
    const rows = input.parcels.length ? input.parcels : [null]
    for (const p of rows)
      await q.query('INSERT INTO shipments (order_id, kind, carrier, tracking_no, items, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        orderId,
        input.kind,
        p?.carrier ?? null,
        p?.trackingNo ?? null,
        JSON.stringify(p?.items ?? []),
        at,
      ])
    const facts = await orderFacts(q, orderId)
    if (facts && pay && wechat)
      await enqueueUpload(q, { orderId, provider: facets.wechat.provider, action: WECHAT_UPLOAD, request: wechatShippingBody(facts, pay, facets.wechat.merchantId, input.kind, input.parcels, at, (p) => (p.giftClaimId ? (claimPhone.get(p.giftClaimId) ?? null) : facts.phone)), at })
    if (pay?.provider === 'alipay') await enqueueAlipay(q, orderId, pay, 'ship', at, input.parcels)
  }

  return {
    worker,
    sandbox: facets.sandbox,

    async shipIn(q, orderId, input, at) {
      checkShipInput(input)
      const pay = await paidPaymentOf(q, orderId)
      // The facet caches whether WeChat manages the shop's trades: rarely a network call, even here.
      const wechat = pay?.provider === 'wechat' && (await facets.wechat.isTradeManaged())
      await moveToShipped(q, orderId, input, at)
      await recordShipment(q, orderId, input, at, pay, wechat, new Map())
      await o.onShipped?.(q, { orderId, kind: input.kind, parcels: input.parcels, at })
    },

    async ship(orderId, requested, actor) {
      // The request's own fields first (400), as before parcels: then the order (404, 409), then its lines.
      checkShipInput(requested)
      const order = await findOrder(db, orderId)
      if (!order) throw notFound('订单', 'ORDER_NOT_FOUND')
      // A gift (送礼): only once claimed. One recipient: the claim set the order's address. Several:
      // each parcel goes to a claim's address, with that claim's share.
      const gift = order.gift ? await giftForShipping(db, orderId) : null
      if (gift) refuseUnclaimedGift(gift)
      const multi = !!gift && gift.recipients > 1
      const input = multi ? giftParcels(requested, gift, order) : requested
      if (!multi && !order.address && (input.kind === 'express' || input.kind === 'same_city')) throw conflict('NO_ADDRESS', '订单没有收货地址，无法发货')
      checkShipInput(input, order.items.map((l) => ({ id: l.id, quantity: l.quantity })))
      const claimPhone = new Map(gift?.claims.map((c) => [c.id, c.address.phone]))
      const pay = await paidPaymentOf(db, orderId)
      // Asked before the transaction (a network call): cached by the facet, and "unknown" counts as managed.
      const wechat = pay?.provider === 'wechat' && (await facets.wechat.isTradeManaged())
      const at = o.now()
      const first = input.parcels[0]
      await db.tx(async (q) => {
        const hold = await o.holdShipping?.(q, orderId)
        if (hold) throw conflict('GROUP_FORMING', hold)
        await moveToShipped(q, orderId, input, at)
        await recordShipment(q, orderId, input, at, pay, wechat, claimPhone)
        // Each recipient follows their own parcel (GiftView.myParcel); one recipient: the order's first parcel.
        if (gift && first)
          for (const c of gift.claims) {
            const p = multi ? input.parcels.find((x) => x.giftClaimId === c.id) : first
            if (p) await markShippedIn(q, c.id, { carrier: p.carrier, trackingNo: p.trackingNo, at })
          }
        await o.onShipped?.(q, { orderId, kind: input.kind, parcels: input.parcels, at })
        await recordAudit(q, actor, { action: 'order.ship', entity: 'order', entityId: orderId, before: { status: order.status }, after: { status: 'shipped', kind: input.kind, parcels: input.parcels } })
      })
    },

    async reportLateShipIn(q, orderId, paidAt, shipBy) {
      const days = (shipBy.getTime() - paidAt.getTime()) / 86_400_000
      if (days <= LATE_SHIP_DAYS || days > MAX_REPORT_DAYS) return false
      const pay = await paidPaymentOf(q, orderId)
      if (!TRADE_MANAGED(pay) || !(await facets.wechat.isTradeManaged())) return false
      const request = { order_id: pay.tradeId, type: 1, delay_to: Math.floor(shipBy.getTime() / 1000) }
      return enqueueUpload(q, { orderId, provider: facets.wechat.provider, action: WECHAT_SPECIAL_ORDER, request, at: paidAt })
    },

    async shipPartIn(q, orderId, parcel, { key, last, at }) {
      checkShipInput({ kind: 'express', parcels: [{ carrier: parcel.carrier, trackingNo: parcel.trackingNo }] })
      const pay = await paidPaymentOf(q, orderId)
      // Cached by the facet (a network call only once a day); "unknown" counts as managed.
      const wechat = pay?.provider === 'wechat' && (await facets.wechat.isTradeManaged())
      const facts = await orderFacts(q, orderId)
      if (!facts) throw notFound('订单', 'ORDER_NOT_FOUND')
      const status = await q.one<{ status: OrderStatus }>('SELECT status FROM orders WHERE id = $1', [orderId])
      const p: Parcel = { carrier: parcel.carrier, trackingNo: parcel.trackingNo, items: parcel.items }
      const note = `${carrierName(carrierCode(p.carrier))} ${p.trackingNo}`
      if (status.status === 'paid') {
        const t = await o.orders.transitionIn(q, orderId, 'ship', 'admin', at, { tracking: { carrier: p.carrier, number: p.trackingNo }, note })
        if (!t.ok) throw conflict('INVALID_STATE', '只有待发货（已付款）的订单可以发货')
      } else if (status.status !== 'shipped') throw conflict('INVALID_STATE', '订单当前状态不能发货')
      const s = await q.one<{ id: number }>('INSERT INTO shipments (order_id, kind, carrier, tracking_no, items, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id', [
        orderId,
        'express',
        p.carrier,
        p.trackingNo,
        JSON.stringify(p.items),
        at,
      ])
      if (pay && wechat) {
        // upload_shipping_info, SPLIT_DELIVERY (delivery_mode 2): one call per parcel with
        // is_all_delivered false until the last one, which WeChat answers with the shopper's
        // "all shipped" notice (order-shipping.html, 发货信息录入接口).
        const body = wechatShippingBody(facts, pay, facets.wechat.merchantId, 'express', [p], at, () => parcel.phone)
        const desc = itemDesc(parcel.items.map((i) => ({ title: facts.lines.find((l) => l.id === i.orderItemId)?.title ?? '', quantity: i.quantity })))
        await enqueueUpload(q, {
          orderId,
          provider: facets.wechat.provider,
          action: WECHAT_UPLOAD,
          request: { ...body, delivery_mode: 2, is_all_delivered: last, shipping_list: body.shipping_list.map((x) => ({ ...x, item_desc: desc })) },
          at,
          part: key,
        })
      }
      // alipay.merchant.order.sync: each sync replaces the order's picture in Alipay's order centre
      // (later order_modified_time wins), so it lists every parcel so far in logistics_info_list.
      if (pay?.provider === 'alipay') {
        const sent = await q.query<{ carrier: string; tracking_no: string }>("SELECT carrier, tracking_no FROM shipments WHERE order_id = $1 AND kind = 'express' AND tracking_no IS NOT NULL ORDER BY id", [orderId])
        const parcels = sent.rows.map((r) => ({ carrier: r.carrier, trackingNo: r.tracking_no }))
        await enqueueUpload(q, { orderId, provider: facets.alipay.provider, action: alipaySyncAction('ship'), request: alipayOrderSyncBody(facts, pay, 'ship', at, parcels), at, part: key })
      }
      await o.onShipped?.(q, { orderId, kind: 'express', parcels: [p], at })
      return s.id
    },

    async shipments(orderId) {
      const r = await db.query<{ id: number; kind: FulfilmentKind; carrier: string | null; tracking_no: string | null; items: unknown; created_at: Date }>(
        'SELECT id, kind, carrier, tracking_no, items, created_at FROM shipments WHERE order_id = $1 ORDER BY id',
        [orderId],
      )
      return r.rows.map((s) => ({
        id: s.id,
        kind: s.kind,
        carrier: s.carrier,
        carrierName: s.carrier && carrierName(s.carrier),
        trackingNo: s.tracking_no,
        items: parseJson(s.items) as Shipment['items'],
        createdAt: iso(s.created_at),
      }))
    },

    uploads: (f) => listUploads(db, f),

    async retry(id, actor) {
      const before = await findUpload(db, id)
      if (!before) throw notFound('上传记录', 'UPLOAD_NOT_FOUND')
      if (before.status === 'sent') throw conflict('ALREADY_SENT', '这条记录已成功发送，无需重试')
      await db.tx(async (q) => {
        await requeue(q, id, o.now())
        await recordAudit(q, actor, { action: 'shipping_upload.retry', entity: 'shipping_upload', entityId: id, before: { status: before.status, attempts: before.attempts, lastError: before.lastError }, after: { status: 'pending' } })
      })
      await worker.runOnce()
      return (await findUpload(db, id)) as ShippingUpload
    },

    async carriers() {
      if (facets.wechat.sandbox) return { items: CARRIERS.map((c) => ({ code: c.code, name: c.name })) }
      if (carrierCache && o.now().getTime() < carrierCache.until) return { items: carrierCache.items }
      const live = await facets.wechat.deliveryList()
      if (!live) return { items: CARRIERS.map((c) => ({ code: c.code, name: c.name })) }
      carrierCache = { items: live, until: o.now().getTime() + 24 * 3600_000 }
      return { items: live }
    },

    async receiptMode(userId, orderId) {
      if (!(await findOrder(db, orderId, userId))) throw notFound('订单', 'ORDER_NOT_FOUND')
      const pay = await wechatConfirms(orderId)
      if (!pay) return { mode: 'app' }
      return { mode: 'weapp_order_confirm', sandbox: facets.wechat.sandbox, extraData: { transaction_id: pay.tradeId, merchant_id: facets.wechat.merchantId, merchant_trade_no: pay.outTradeNo } }
    },

    async checkReceipt(userId, orderId) {
      const order = await findOrder(db, orderId, userId)
      // Not the shopper's, or not shipped: the confirm itself answers 404 / 409.
      if (order?.status !== 'shipped') return
      const pay = await wechatConfirms(orderId)
      if (!pay) return
      const state = await facets.wechat.getOrderState(pay.tradeId)
      if (state === 3 || state === 4) return
      if (state === null) throw new AppError(409, 'RECEIPT_NOT_CONFIRMED', '暂时无法向微信核实收货状态，请稍后再试')
      throw conflict('RECEIPT_NOT_CONFIRMED', '请先在微信的确认收货页面确认收货')
    },

    async sandboxConfirm(userId, orderId) {
      if (!facets.wechat.sandbox) throw notFound('页面')
      if (!(await findOrder(db, orderId, userId))) throw notFound('订单', 'ORDER_NOT_FOUND')
      const pay = await paidPaymentOf(db, orderId)
      if (!TRADE_MANAGED(pay)) throw conflict('NOT_WECHAT_ORDER', '这个订单不是通过微信支付的')
      if (!(await facets.sandbox.confirm(pay.tradeId))) throw conflict('NOT_SHIPPED', '微信还没有收到这个订单的发货信息')
    },

    async onTransition(q, orderId, to, at) {
      const step = SYNC_STEP[to]
      if (!step) return
      const pay = await paidPaymentOf(q, orderId)
      if (pay?.provider === 'alipay') await enqueueAlipay(q, orderId, pay, step, at)
    },

    async autoConfirm() {
      const days = o.autoConfirmDays
      const cutoff = new Date(o.now().getTime() - days * 86_400_000)
      const due = await db.query<{ id: number }>("SELECT id FROM orders WHERE status = 'shipped' AND shipped_at <= $1 ORDER BY shipped_at LIMIT 200", [cutoff])
      let n = 0
      for (const { id } of due.rows) {
        // The conditional update inside transitionIn: two sweepers at once confirm an order once.
        const r = await db.tx(async (q) => {
          if (await o.holdConfirm?.(q, id, cutoff)) return null
          return o.orders.transitionIn(q, id, 'confirm', 'system', o.now(), { note: `发货 ${days} 天未确认，系统自动确认收货` })
        })
        if (!r?.ok) continue
        n += 1
        try {
          await o.onAutoConfirmed?.(id)
        } catch (err) {
          o.onError?.(err, `auto-confirm follow-up of order ${id}`)
        }
      }
      return n
    },
  }
}
