/** The shipping facet: telling WeChat and Alipay an order shipped (and asking WeChat whether the buyer confirmed). */
import type { ProviderId } from './common'

/**
 * WeChat's upload_shipping_info body (POST wxa/sec/order/upload_shipping_info), field names as
 * documented: order_key (order_number_type 2 + transaction_id, or 1 + mchid + out_trade_no),
 * logistics_type 1 express / 2 same-city / 3 virtual / 4 pickup, delivery_mode 1
 * UNIFIED_DELIVERY / 2 SPLIT_DELIVERY (is_all_delivered required when split), shipping_list
 * [1, 10] of {tracking_no, express_company, item_desc ≤ 120, contact.receiver_contact (masked,
 * last four digits clear; required for SF)}, upload_time RFC 3339, payer.openid.
 */
export interface WechatShippingBody {
  order_key: { order_number_type: 2; transaction_id: string } | { order_number_type: 1; mchid: string; out_trade_no: string }
  logistics_type: 1 | 2 | 3 | 4
  delivery_mode: 1 | 2
  is_all_delivered?: boolean
  shipping_list: { tracking_no?: string; express_company?: string; item_desc: string; contact?: { receiver_contact: string } }[]
  upload_time: string
  payer: { openid: string }
}

/**
 * WeChat's opspecialorder body (POST wxa/sec/order/opspecialorder, 特殊发货报备): order_id (the
 * WeChat Pay transaction_id or the merchant's out_trade_no), type 1 预售商品订单 / 2 测试订单,
 * delay_to the expected ship time as a unix timestamp in seconds (type 1: at least 15 days after
 * payment, at most 330). An order that ships more than 15 days after payment must be reported.
 */
export interface WechatSpecialOrderBody {
  order_id: string
  type: 1 | 2
  delay_to?: number
}

/**
 * Alipay's alipay.merchant.order.sync biz_content (the mini-program order centre): out_biz_no,
 * buyer_id, trade_no, order_type MINI_APP, order_modified_time, amount (yuan), item_order_list,
 * ext_info [{ext_key: merchant_order_status, ext_value}] and logistics_info_list
 * [{tracking_no, logistics_code}] once shipped.
 */
export type AlipayOrderSyncBody = Record<string, unknown>

/**
 * What a call came to, decided by the facet so the worker retries in one place: sent (the
 * platform took it), retry (it surely did not go through: unreachable, busy, token), rejected
 * (the platform refuses it for good). `response` is the platform's answer as it came.
 */
export type ShippingCallOutcome = { kind: 'sent'; response: unknown } | { kind: 'retry' | 'rejected'; detail: string; response: unknown }

/** WeChat's order_state in get_order: 1 待发货, 2 已发货, 3 确认收货, 4 交易完成, 5 已退款. */
export type WechatOrderState = 1 | 2 | 3 | 4 | 5

export interface WechatShippingFacet {
  /** 'sandbox' when the sandbox plays WeChat (uploads recorded, never sent). */
  readonly provider: ProviderId
  readonly sandbox: boolean
  /** The WeChat Pay merchant id (mchid) orders were paid to; weappOrderConfirm's merchant_id. */
  readonly merchantId: string
  uploadShippingInfo(body: WechatShippingBody): Promise<ShippingCallOutcome>
  /** opspecialorder: reports an unshipped order as shipping later than usual (a plan's first delivery). */
  reportSpecialOrder(body: WechatSpecialOrderBody): Promise<ShippingCallOutcome>
  /** is_trade_managed: whether WeChat manages this mini-program's orders (then uploads are required). Cached. */
  isTradeManaged(): Promise<boolean>
  /** get_order by transaction_id: the order's state, or null when WeChat doesn't know it / can't be reached. */
  getOrderState(transactionId: string): Promise<WechatOrderState | null>
  /** get_delivery_list: WeChat's carriers (delivery_id, delivery_name); null when unreachable. */
  deliveryList(): Promise<{ code: string; name: string }[] | null>
}

export interface AlipayShippingFacet {
  readonly provider: ProviderId
  readonly sandbox: boolean
  orderSync(biz: AlipayOrderSyncBody): Promise<ShippingCallOutcome>
}

/** A call the sandbox took, exactly as it would have gone out. */
export interface SandboxShippingCall {
  id: number
  /** 'upload_shipping_info', 'opspecialorder' or 'alipay.merchant.order.sync'. */
  api: string
  request: unknown
  at: string
}

/** The sandbox plays both: records every call, keeps WeChat's order state, fails on demand. */
export interface SandboxShippingFacet extends WechatShippingFacet, AlipayShippingFacet {
  /** The next n calls fail as an outage (Infinity: until set back to 0). */
  setOutage(calls: number): void
  /** The buyer confirmed receipt in WeChat's component (the sandbox receipt page). */
  confirm(transactionId: string): Promise<boolean>
  /** Calls recorded, oldest first; transactionId / outBizNo narrow them to one order. */
  calls(filter?: { transactionId?: string; outBizNo?: string }): Promise<SandboxShippingCall[]>
}

export interface ShippingFacets {
  wechat: WechatShippingFacet
  alipay: AlipayShippingFacet
  sandbox: SandboxShippingFacet
}
