/**
 * Shipping and tracking: how an order leaves the shop (express in one or more parcels,
 * same-city delivery, virtual goods, pickup), what each platform was told about it, and where
 * a parcel is. Shared by the server, the app and the console. Pure: no I/O.
 */

/**
 * WeChat's logistics_type: 1 express, 2 same-city delivery, 3 virtual goods, 4 pickup by the
 * buyer (upload_shipping_info). Alipay's order sync and the console use the same four.
 */
export const FULFILMENT_KINDS = ['express', 'same_city', 'virtual', 'pickup'] as const
export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number]

export const WECHAT_LOGISTICS_TYPE: Record<FulfilmentKind, 1 | 2 | 3 | 4> = { express: 1, same_city: 2, virtual: 3, pickup: 4 }

export const FULFILMENT_LABEL: Record<FulfilmentKind, string> = { express: '快递发货', same_city: '同城配送', virtual: '虚拟发货', pickup: '用户自提' }

/** One parcel: a carrier (express_company code from WeChat's get_delivery_list, e.g. "SF") and its number, and what is in it. */
export interface Parcel {
  carrier: string
  trackingNo: string
  /** The order lines in this parcel (all of them when absent: one parcel). */
  items?: { orderItemId: number; quantity: number }[]
  /**
   * A multi-recipient gift: the claim (gift_claims.id) this parcel goes to, whose address it
   * ships to (its lines default to that claim's share). One recipient: the order's address.
   */
  giftClaimId?: number
}

/** POST /api/admin/orders/:id/ship: the old {carrier, trackingNo} still means one express parcel. */
export interface ShipInput {
  kind: FulfilmentKind
  /** express / same_city: at least one; virtual / pickup: none. WeChat takes at most 10 per upload. */
  parcels: Parcel[]
}

export const MAX_PARCELS = 10

/** WeChat's upload_shipping_info: what the shopper sees as the item description, ≤120 characters. */
export const ITEM_DESC_MAX = 120

/** Carriers the console offers (WeChat's delivery_id codes; Kuaidi100 uses the lower-case pinyin codes in CARRIER_KUAIDI100). */
export const CARRIERS: readonly { code: string; name: string; kuaidi100: string }[] = [
  { code: 'SF', name: '顺丰速运', kuaidi100: 'shunfeng' },
  { code: 'ZTO', name: '中通快递', kuaidi100: 'zhongtong' },
  { code: 'YTO', name: '圆通速递', kuaidi100: 'yuantong' },
  { code: 'STO', name: '申通快递', kuaidi100: 'shentong' },
  { code: 'YD', name: '韵达速递', kuaidi100: 'yunda' },
  { code: 'JTSD', name: '极兔速递', kuaidi100: 'jtexpress' },
  { code: 'JD', name: '京东物流', kuaidi100: 'jd' },
  { code: 'EMS', name: 'EMS', kuaidi100: 'ems' },
  { code: 'YZPY', name: '邮政快递包裹', kuaidi100: 'youzhengguonei' },
  { code: 'DBL', name: '德邦快递', kuaidi100: 'debangkuaidi' },
]

/** A carrier's code (what WeChat, Kuaidi100 and the sandbox know) from a code or a name typed as 顺丰速运; unknown ones pass as they are. */
export function carrierCode(carrier: string): string {
  return CARRIERS.find((c) => c.name === carrier)?.code ?? carrier
}

export function carrierName(code: string): string {
  return CARRIERS.find((c) => c.code === code)?.name ?? code
}

// ——— Uploads to the platforms (server/modules/shipping) ———

export type ShippingUploadKind = 'wechat_shipping' | 'wechat_confirm_check' | 'alipay_order_sync'
/** pending → sent | failed (retried through the outbox worker until it gives up) */
export type ShippingUploadStatus = 'pending' | 'sent' | 'failed'

/** GET /api/admin/shipping-uploads?orderId=: what was sent to each platform, and how it went. */
export interface ShippingUpload {
  id: number
  orderId: number
  provider: 'wechat' | 'alipay' | 'sandbox'
  /** What the call was: WeChat upload_shipping_info, Alipay merchant.order.sync (pay / ship / confirm / refund). */
  action: string
  status: ShippingUploadStatus
  attempts: number
  /** The request body exactly as sent (secrets and tokens left out). */
  request: unknown
  /** The platform's answer (errcode / errmsg, code / sub_msg), or the network error. */
  response: unknown
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

// ——— Tracking (server/modules/tracking) ———

/** A parcel's state as the console and the app show it (Kuaidi100's state codes map onto these). */
export const TRACKING_STATES = ['pending', 'collected', 'in_transit', 'delivering', 'delivered', 'problem', 'returned'] as const
export type TrackingState = (typeof TRACKING_STATES)[number]

export const TRACKING_STATE_LABEL: Record<TrackingState, string> = {
  pending: '待揽收',
  collected: '已揽收',
  in_transit: '运输中',
  delivering: '派送中',
  delivered: '已签收',
  problem: '疑难件',
  returned: '已退回',
}

/** Kuaidi100's `state` (0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回, 7 转投, 8 清关, 14 拒签). */
export function trackingStateFromKuaidi100(state: string | number): TrackingState {
  switch (String(state)) {
    case '1':
      return 'collected'
    case '5':
      return 'delivering'
    case '3':
      return 'delivered'
    case '2':
    case '14':
      return 'problem'
    case '4':
    case '6':
      return 'returned'
    default:
      return 'in_transit'
  }
}

export interface TrackingEvent {
  at: string
  text: string
  /** Where, when the provider says. */
  area: string | null
}

/** GET /api/orders/:id/tracking: one entry per parcel, newest event first. */
export interface ParcelTrace {
  carrier: string
  carrierName: string
  trackingNo: string
  state: TrackingState
  events: TrackingEvent[]
  /** When the provider last told us anything. */
  updatedAt: string | null
  /** The shop's parcel to the shopper, or the shopper's return (after-sales); absent means delivery. */
  direction?: 'delivery' | 'return'
}

export interface OrderTracking {
  orderId: number
  kind: FulfilmentKind | null
  parcels: ParcelTrace[]
}

// ——— Confirming receipt ———

/**
 * GET /api/orders/:id/receipt: how the app confirms receipt of this order. WeChat shops whose
 * orders WeChat manages (is_trade_managed) confirm through WeChat's own component
 * (wx.openBusinessView businessType 'weappOrderConfirm' with this extraData), then
 * POST /api/orders/:id/confirm, which the server checks with get_order. `sandbox`: the sandbox
 * plays WeChat, so the app opens the sandbox's confirm page instead of the component. Every
 * other order (Alipay, H5, WeChat without trade management) confirms with the app's own button.
 */
export type ReceiptMode =
  | { mode: 'app' }
  | { mode: 'weapp_order_confirm'; sandbox: boolean; extraData: { transaction_id: string; merchant_id: string; merchant_trade_no: string } }

/** Days after shipping an unconfirmed order is confirmed by the server (ORDER_AUTO_CONFIRM_DAYS). */
export const DEFAULT_AUTO_CONFIRM_DAYS = 10

/** GET /api/admin/orders/:id/shipments: one row per parcel (virtual / pickup: one row without carrier). */
export interface Shipment {
  id: number
  kind: FulfilmentKind
  carrier: string | null
  carrierName: string | null
  trackingNo: string | null
  items: { orderItemId: number; quantity: number }[]
  createdAt: string
}
