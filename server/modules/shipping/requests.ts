import { fenToYuan } from '../../../src/domain/money'
import { carrierCode, ITEM_DESC_MAX, WECHAT_LOGISTICS_TYPE, type FulfilmentKind, type Parcel } from '../../../src/domain/shipping'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'
import type { AlipayOrderSyncBody, WechatShippingBody } from '../../platforms/types'
import type { PaidPayment } from '../payments'

/** What the requests need of an order, read in the transaction that changes it. */
export interface OrderFacts {
  id: number
  orderNo: string
  total: number
  phone: string | null
  buyer: { platform: string; externalId: string; openId: string | null }
  lines: { id: number; title: string; quantity: number; unitPrice: number }[]
}

export async function orderFacts(q: Queryable, orderId: number): Promise<OrderFacts | null> {
  const o = await q.maybeOne<{ id: number; order_no: string; total: number; address: { phone?: string } | string | null; platform: string; external_id: string; open_id: string | null }>(
    'SELECT o.id, o.order_no, o.total, o.address, u.platform, u.external_id, u.open_id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = $1',
    [orderId],
  )
  if (!o) return null
  const lines = await q.query<{ id: number; title: string; quantity: number; unit_price: number }>('SELECT id, title, quantity, unit_price FROM order_items WHERE order_id = $1 ORDER BY id', [orderId])
  const address = o.address ? parseJson(o.address) : null
  return {
    id: o.id,
    orderNo: o.order_no,
    total: o.total,
    phone: address?.phone ?? null,
    buyer: { platform: o.platform, externalId: o.external_id, openId: o.open_id },
    lines: lines.rows.map((l) => ({ id: l.id, title: l.title, quantity: l.quantity, unitPrice: l.unit_price })),
  }
}

/** RFC 3339 in Beijing time, as WeChat's examples write upload_time: 2022-12-15T13:29:35.120+08:00. */
export function beijingRfc3339(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00')
}

/** Alipay's time text in Beijing time: 2026-12-05 12:00:00. */
export function beijingStamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19)
}

/** receiver_contact: masked, the last four digits left clear (WeChat's rule): 138****0001. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? phone : `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

/** item_desc: "标题*2，标题*1", at most ITEM_DESC_MAX characters. */
export function itemDesc(lines: { title: string; quantity: number }[]): string {
  const text = lines.map((l) => `${l.title}*${l.quantity}`).join('，')
  return [...text].length <= ITEM_DESC_MAX ? text : `${[...text].slice(0, ITEM_DESC_MAX - 1).join('')}…`
}


/** The lines in a parcel (all of them when it names none). */
function parcelLines(o: OrderFacts, p: Parcel | undefined): { title: string; quantity: number }[] {
  if (!p?.items?.length) return o.lines
  return p.items.map((i) => ({ title: o.lines.find((l) => l.id === i.orderItemId)?.title ?? '', quantity: i.quantity }))
}

/**
 * upload_shipping_info's body. order_key by transaction_id (order_number_type 2) when the
 * notify carried it, else by mchid + out_trade_no (1). One parcel (or none: virtual, pickup)
 * is UNIFIED_DELIVERY (1); several are SPLIT_DELIVERY (2), all shipped at once
 * (is_all_delivered true). The receiver's masked phone goes with SF parcels, where WeChat
 * requires a contact (shipping_list[].contact.receiver_contact): the order's address, or per
 * parcel `phoneOf` (a multi-recipient gift's parcel goes to its claim's address).
 */
export function wechatShippingBody(
  o: OrderFacts,
  pay: PaidPayment,
  mchid: string,
  kind: FulfilmentKind,
  parcels: Parcel[],
  at: Date,
  phoneOf: (p: Parcel) => string | null = () => o.phone,
): WechatShippingBody {
  const split = parcels.length > 1
  const shippingList: WechatShippingBody['shipping_list'] =
    parcels.length === 0
      ? [{ item_desc: itemDesc(o.lines) }]
      : parcels.map((p) => ({
          tracking_no: p.trackingNo,
          express_company: carrierCode(p.carrier),
          item_desc: itemDesc(parcelLines(o, split || p.giftClaimId ? p : undefined)),
          ...(carrierCode(p.carrier) === 'SF' && phoneOf(p) ? { contact: { receiver_contact: maskPhone(phoneOf(p) as string) } } : {}),
        }))
  return {
    order_key: pay.tradeId ? { order_number_type: 2, transaction_id: pay.tradeId } : { order_number_type: 1, mchid, out_trade_no: pay.outTradeNo },
    logistics_type: WECHAT_LOGISTICS_TYPE[kind],
    delivery_mode: split ? 2 : 1,
    ...(split ? { is_all_delivered: true } : {}),
    shipping_list: shippingList,
    upload_time: beijingRfc3339(at),
    payer: { openid: o.buyer.openId ?? o.buyer.externalId },
  }
}

/** What each sync tells Alipay the order is now (ext_info merchant_order_status). */
export const ALIPAY_SYNC_STEPS = ['pay', 'ship', 'confirm', 'refund'] as const
export type AlipaySyncStep = (typeof ALIPAY_SYNC_STEPS)[number]
const ALIPAY_ORDER_STATUS: Record<AlipaySyncStep, string> = { pay: 'PAID', ship: 'IN_DELIVERY', confirm: 'FINISHED', refund: 'REFUNDED' }

/**
 * alipay.merchant.order.sync's biz_content: out_biz_no (our order number, the same on every
 * sync), buyer_id (2088…) or buyer_open_id, trade_no, order_type MINI_APP,
 * order_modified_time (later syncs win), amount in yuan, item_order_list
 * [{item_name, quantity, unit_price}] only for an order without an Alipay trade (a paid trade
 * already brought its goods to the order centre, and Alipay refuses them again: ITEM_HAS_EXIST),
 * ext_info [{ext_key: merchant_order_status}] and, once shipped, logistics_info_list
 * [{tracking_no, logistics_code}].
 */
export function alipayOrderSyncBody(o: OrderFacts, pay: PaidPayment, step: AlipaySyncStep, at: Date, parcels: Parcel[] = []): AlipayOrderSyncBody {
  const buyer = /^2088\d{12}$/.test(o.buyer.externalId) ? { buyer_id: o.buyer.externalId } : { buyer_open_id: o.buyer.openId ?? o.buyer.externalId }
  return {
    out_biz_no: o.orderNo,
    ...buyer,
    ...(pay.tradeId ? { trade_no: pay.tradeId } : {}),
    order_type: 'MINI_APP',
    order_modified_time: beijingStamp(at),
    amount: fenToYuan(o.total),
    ...(pay.tradeId ? {} : { item_order_list: o.lines.map((l) => ({ item_name: l.title, quantity: l.quantity, unit_price: fenToYuan(l.unitPrice) })) }),
    ext_info: [{ ext_key: 'merchant_order_status', ext_value: ALIPAY_ORDER_STATUS[step] }],
    ...(parcels.length ? { logistics_info_list: parcels.map((p) => ({ tracking_no: p.trackingNo, logistics_code: carrierCode(p.carrier) })) } : {}),
  }
}
