/**
 * The HTTP API's wire shapes, shared by the server (which produces them) and the app's
 * services (which consume them). Types only. Money is integer fen everywhere.
 * Image fields are server paths ("/api/images/…"); the app's API client turns them into
 * absolute URLs once.
 */
import type { PointsQuote } from './points'
import type { GiftInput, OrderGift } from './gifts'
import type { GroupStatus } from './groups'
import type { FulfilmentInput, OrderPickup } from './stores'
import type { Fen } from './money'
import type { OrderStatus } from './order-state'
import type { SpecGroup } from './sku'
import type { AppliedDiscount, CouponFace, CouponVerdict, Nudge, ProductOffer } from './promotions/types'

export type { AppliedDiscount, CouponVerdict, Nudge, ProductOffer, Scope } from './promotions/types'

export interface ApiErrorBody {
  code: string
  message: string
}

export interface Paged<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type Platform = 'weapp' | 'alipay' | 'h5'

export interface User {
  id: number
  nickname: string
  avatar: string | null
  platform: Platform
}

export interface Session {
  token: string
  /** ISO time the token stops working. */
  expiresAt: string
  user: User
}

/**
 * What the host app hands over for the server to trade for a Session (POST /api/auth/*): the
 * server checks it with the platform, never the app. `nickname` is the H5 preview's dev login
 * (sandbox servers only).
 */
/**
 * `deviceId` (mini-programs): a random id the app keeps in its storage. Live servers ignore it;
 * a sandbox server (no merchant keys) makes each device one sandbox shopper, since the IDEs'
 * codes can't be traded for a real openid / user id.
 */
export type LoginCredential =
  /** wx.login's one-time code -> /api/auth/wechat (jscode2session). */
  | { platform: 'weapp'; code: string; deviceId?: string }
  /** my.getAuthCode's silent auth_base code -> /api/auth/alipay (alipay.system.oauth.token). */
  | { platform: 'alipay'; authCode: string; deviceId?: string }
  /** -> /api/auth/dev-login. */
  | { platform: 'h5'; nickname: string }

export interface Category {
  id: number
  name: string
  icon: string
}

export interface Banner {
  id: number
  title: string
  image: string
  productId: number | null
}

export type ProductSort = 'default' | 'price_asc' | 'price_desc' | 'sales' | 'newest'

export interface ProductQuery {
  page?: number
  pageSize?: number
  q?: string
  categoryId?: number
  sort?: ProductSort
}

export interface ProductSummary {
  id: number
  title: string
  subtitle: string
  categoryId: number
  /** Lowest SKU price. */
  price: Fen
  /** The crossed-out list price, when the product has one. */
  originalPrice: Fen | null
  image: string
  sales: number
  /** Total stock over all SKUs; 0 = sold out. */
  stock: number
  /** Promotions running on this product now (labels, offer price, member price); null when none. */
  offer: Pick<ProductOffer, 'price' | 'memberPrice' | 'labels'> | null
}

export interface Sku {
  id: number
  specs: Record<string, string>
  price: Fen
  stock: number
  image: string | null
}

export interface ProductDetail extends ProductSummary {
  images: string[]
  description: string
  specGroups: SpecGroup[]
  skus: Sku[]
  /** With the live limited-time offer's end, per-SKU prices and limit, for the countdown. */
  offer: ProductOffer | null
  /** Present on rental products (deposit-free rental); absent on goods that are sold. */
  rental?: import('./credit/types').RentalTerms
}

export interface LineInput {
  skuId: number
  quantity: number
}

export interface PreviewLine {
  skuId: number
  productId: number
  title: string
  image: string
  specs: Record<string, string>
  unitPrice: Fen
  quantity: number
  lineTotal: Fen
  stock: number
  /** Every promotion's and coupon's share on this line. */
  discount: Fen
  /** lineTotal - discount. */
  payable: Fen
  /** The discounts on this line ("限时特惠", "满200减20"). */
  labels: string[]
}

/** A held coupon as checkout lists it: the coupon and the engine's verdict for these lines. */
export interface CouponOption extends CouponVerdict {
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: Fen | null
  threshold: Fen
  scopeText: string
  validTo: string
}

/** Prices come from src/domain/promotions: the same numbers in the cart, at checkout and on the order. */
export interface PricePreview {
  lines: PreviewLine[]
  itemCount: number
  subtotal: Fen
  shipping: Fen
  discount: Fen
  total: Fen
  freeShippingGap: Fen
  /** Each promotion and coupon that took money off, in the order they applied. */
  applied: AppliedDiscount[]
  /** The shopper's coupons with whether each applies here (empty for guests). */
  coupons: CouponOption[]
  selectedCouponIds: number[]
  /** "再买 23.00 元，可减 20.00". */
  nudges: Nudge[]
  /** Signed-in shoppers: what points can take off this order (the request's `points` is in `used`). */
  points?: PointsQuote
}

/** POST /api/orders/preview and POST /api/orders: without couponIds the engine picks the best coupons. */
export interface CouponChoice {
  couponIds?: number[]
}

export type CouponStatus = 'usable' | 'used' | 'expired'

/** One of the shopper's coupons (GET /api/coupons?status=). */
export interface Coupon extends CouponFace {
  id: number
  batchId: number
  /** "全场通用", "限指定商品", "限「数码」分类". */
  scopeText: string
  validFrom: string
  validTo: string
  status: CouponStatus
  /** The order it is used on (used coupons). */
  orderId: number | null
  usedAt: string | null
  withOtherCoupons: boolean
}

/** A batch in the coupon centre (GET /api/coupons/center). */
export interface CouponCenterEntry {
  batchId: number
  title: string
  type: 'amount' | 'percent'
  value: number
  cap: Fen | null
  threshold: Fen
  scopeText: string
  /** A fixed window, or a number of days from claiming. */
  validity: { from: string; to: string } | { days: number }
  total: number
  remaining: number
  perUserLimit: number
  /** How many of this batch the caller holds or has used (0 for guests). */
  claimed: number
  canClaim: boolean
  /** Why not: "已领完", "已达领取上限". */
  reason: string | null
}

export interface CartLine {
  id: number
  skuId: number
  productId: number
  title: string
  image: string
  specs: Record<string, string>
  unitPrice: Fen
  quantity: number
  stock: number
  selected: boolean
  /** False when the SKU is sold out or gone: shown greyed, never ordered. */
  available: boolean
}

export interface Cart {
  lines: CartLine[]
  /** Priced over the selected, available lines only. */
  preview: PricePreview
  /** Sum of quantities over all lines, for the tab bar badge. */
  count: number
}

export interface Address {
  id: number
  name: string
  phone: string
  region: [string, string, string]
  detail: string
  isDefault: boolean
}

export interface OrderItem {
  /** The order line's own id: after-sales requests name lines by it. */
  id: number
  skuId: number
  productId: number
  title: string
  image: string
  specs: Record<string, string>
  unitPrice: Fen
  quantity: number
  lineTotal: Fen
  /** This line's share of every discount on the order: what the shopper paid is lineTotal - discount. */
  discount: Fen
  /** Units refunded or being refunded. */
  refundedQuantity: number
}

export interface OrderEventEntry {
  status: OrderStatus
  at: string
  note: string | null
}

export interface Order {
  id: number
  orderNo: string
  status: OrderStatus
  items: OrderItem[]
  itemCount: number
  subtotal: Fen
  shipping: Fen
  discount: Fen
  total: Fen
  address: Omit<Address, 'id' | 'isDefault'> | null
  note: string | null
  createdAt: string
  /** When an unpaid order closes by itself; null once paid or ended. */
  expiresAt: string | null
  tracking: { carrier: string; number: string } | null
  timeline: OrderEventEntry[]
  /** Fen refunded or being refunded. */
  refundedTotal: Fen
  /** Oldest first. */
  refunds: OrderRefund[]
  /** The breakdown the order was priced (and paid) with. */
  discounts: AppliedDiscount[]
  /** Present when the shopper chose pay after use (先享后付); absent on orders paid up front. */
  credit?: PayAfterUseInfo
  /** When it was (first) shipped; null before. */
  shippedAt: string | null
  /** When the shopper (or the auto-confirm timer) confirmed receipt: the after-sales window starts here. */
  receivedAt: string | null
  /** Present on a gift order (送礼): the card to share and how many claimed. */
  gift?: OrderGift
  /** Present on a group-buying (拼团) order: its group, for the line linking to the group's page. */
  group?: { id: number; status: GroupStatus }
  /** Present on a pickup order (门店自提): its code (this shopper and staff only), store and slot. */
  pickup?: OrderPickup
  /** Present on a periodic-purchase order (周期购): its plan, for the line linking to the plan's page. */
  plan?: { id: number }
}

export interface CreateOrderInput {
  items: LineInput[]
  addressId?: number
  idempotencyKey: string
  /** When the order comes from the cart, the ordered lines leave the cart. */
  fromCart?: boolean
  note?: string
  /** The shopper's coupons; absent = the engine's best choice, [] = none. */
  couponIds?: number[]
  /** 'pay_after_use': no payment now; confirm through POST /api/orders/:id/credit. Default 'pay_now'. */
  paymentMode?: 'pay_now' | 'pay_after_use'
  /** A gift (送礼): no addressId; recipients claim shares and give their addresses (src/domain/gifts.ts). */
  gift?: GiftInput
  /** Points to spend on this order (积分抵扣, src/domain/points.ts): at most the preview's `points.usable`; absent or 0 = none. */
  points?: number
  /** Delivery to addressId (the default) or pickup at a store in a slot (no address, no shipping fee). */
  fulfilment?: FulfilmentInput
}

export type OrderCounts = Record<OrderStatus, number>

/**
 * POST /api/orders/:id/pay answers the caller's platform only (the server reads it from the
 * session), so each platform's adapter knows which shape it gets and checks it; there is no
 * tag. weapp: exactly wx.requestPayment's five fields; alipay: `{tradeNO}` for my.tradePay.
 */
export interface WeappPayParams {
  timeStamp: string
  nonceStr: string
  /** 'prepay_id=…' */
  package: string
  signType: 'RSA'
  /** RSA-SHA256 over "appId\ntimeStamp\nnonceStr\npackage\n" with the merchant key. */
  paySign: string
  /** Sandbox mode, to shoppers the sandbox's login made (from an IDE) only: the in-app sandbox cashier's ticket (never handed to the host). */
  sandbox?: SandboxCashierTicket
}

export interface AlipayPayParams {
  /** trade_no from alipay.trade.create. */
  tradeNO: string
  /** Sandbox mode, to shoppers the sandbox's login made (from an IDE) only: the in-app sandbox cashier's ticket (never handed to the host). */
  sandbox?: SandboxCashierTicket
}

/**
 * Sandbox mode only. The IDEs can't pay a sandbox trade, so when wx.requestPayment /
 * my.tradePay fails the app opens its own sandbox cashier page with this: the attempt and its
 * ticket (an HMAC of outTradeNo). The cashier's calls need both and the shopper's session.
 */
export interface SandboxCashierTicket {
  outTradeNo: string
  ticket: string
}

/** GET /api/payments/sandbox/app-cashier?out=&t=: what the in-app sandbox cashier shows. */
export interface SandboxCashierView {
  outTradeNo: string
  orderId: number
  orderNo: string
  amount: Fen
  description: string
  /** The attempt's status: only 'pending' can be paid. */
  status: 'pending' | 'paid' | 'paid_unpayable' | 'closed'
}

export type SandboxCashierDecision = 'pay' | 'fail' | 'cancel'

/** POST /api/payments/sandbox/app-cashier {out, t, decision}. 'paid' is the server's verified notify. */
export interface SandboxCashierAnswer {
  orderId: number
  result: 'paid' | 'failed' | 'cancelled'
}

/** H5 preview (sandbox mode only): the sandbox cashier page on the API's origin. */
export interface CashierPayParams {
  platform: 'h5'
  cashierUrl: string
  outTradeNo: string
  amount: Fen
}

export type PayParams = WeappPayParams | AlipayPayParams | CashierPayParams

/** One payment attempt as GET /api/orders/:id/payment reports it. */
export interface PaymentAttempt {
  provider: 'wechat' | 'alipay' | 'sandbox'
  outTradeNo: string
  amount: Fen
  /** pending | paid | closed | paid_unpayable (money for an order that can't be paid any more: refunded). */
  status: 'pending' | 'paid' | 'closed' | 'paid_unpayable'
  paidAt: string | null
}

/** The server's confirmed view: the order is paid only when orderStatus says so. */
export interface PaymentState {
  orderId: number
  orderStatus: OrderStatus
  payment: PaymentAttempt | null
}

/** One refund of an order, as the shopper sees it on the order. */
export interface OrderRefund {
  /** Integer fen going back to the payer. */
  amount: Fen
  /** pending: asked of the platform; succeeded: back with the payer; failed: the shop is handling it. */
  status: 'pending' | 'succeeded' | 'failed'
  reason: string
  /** The units it returns (none for money that arrived for an order that could not take it). */
  lines: { skuId: number; quantity: number; amount: Fen }[]
  createdAt: string
  succeededAt: string | null
}

/** A refund as the admin endpoints report it. */
export interface Refund extends OrderRefund {
  id: number
  orderId: number
  outRefundNo: string
  /** order: the merchant refunded lines; unpayable: money that arrived for a closed or cancelled order, returned on its own. */
  kind: 'order' | 'unpayable'
  restock: boolean
  /** Why the platform refused or could not be reached (failed, or pending after an outage). */
  failure: string | null
}

/** POST /api/admin/orders/:id/refunds. Without lines: everything still refundable. */
export interface RefundInput {
  lines?: { skuId: number; quantity: number }[]
  reason: string
  /** Put the refunded units back in stock (default true). */
  restock?: boolean
  /**
   * Server-side callers only (never from a request body): refund this much instead of the lines'
   * paid share, when the caller computed a smaller fair amount (a plan cancelled midway:
   * src/domain/plans.ts planRefund). Never more than the lines' share.
   */
  amount?: Fen
}

// ——— Favorites and subscription messages (server/modules/favorites, server/modules/messages) ———

/** One product on the shopper's wish list (GET /api/favorites). */
export interface Favorite {
  productId: number
  favoritedAt: string
  /** The product's lowest price when it was favorited. */
  priceWhenFavorited: Fen
  /** Null when the product is no longer in the shop. */
  product: ProductSummary | null
  /** The current lowest price is below the price when favorited. */
  priceDropped: boolean
  /** By how much (fen); 0 when it did not drop. */
  priceDrop: Fen
  /** No stock on any SKU. */
  soldOut: boolean
  /** The product can still be bought from: it exists and has SKUs. */
  available: boolean
}

/** PUT / DELETE /api/favorites/:productId. */
export interface FavoriteState {
  productId: number
  favorited: boolean
}

/** GET /api/favorites/check?ids=1,2,3: which of those the shopper has favorited. */
export interface FavoriteCheck {
  favorited: number[]
}

export type MessageTemplateStatus = 'none' | 'accept' | 'reject' | 'ban'

/** One subscribable event on the caller's platform (GET /api/messages/templates). */
export interface MessageTemplate {
  event: import('./messages').MessageEvent
  templateId: string
  /** The shopper's last answer for this template; reject and ban mean: don't ask again. */
  status: MessageTemplateStatus
  /** Sends the shopper has allowed and we have not used yet. */
  quota: number
}

export interface MessageTemplates {
  platform: Platform
  /** Template ids one subscribe call may carry (WeChat 5, Alipay 3). */
  maxPerRequest: number
  templates: MessageTemplate[]
  /** Ids still worth asking for (not rejected or banned), split into calls of maxPerRequest. */
  groups: string[][]
}

/** POST /api/messages/subscriptions: the subscribe dialog's answer per template id. */
export interface SubscriptionResultsInput {
  results: Record<string, import('./messages').SubscribeResult>
}

/** A message the sandbox provider delivered (GET /api/admin/messages). */
export interface SandboxMessage {
  id: number
  userId: number
  platform: Platform
  event: import('./messages').MessageEvent
  templateId: string
  page: string
  data: Record<string, string>
  sentAt: string
}

/** POST /api/messages/subscriptions answers the templates as they now stand, and the ids it did not know. */
export interface SubscriptionResultsAnswer extends MessageTemplates {
  ignored: string[]
}

/** One row of GET /api/admin/messages/outbox. */
export interface OutboxEntry {
  id: number
  dedupeKey: string
  userId: number
  orderId: number | null
  event: import('./messages').MessageEvent
  /** pending, sending, sent, failed, unknown (may or may not have reached the platform), skipped_no_quota, skipped_no_template, skipped_stale. */
  status: string
  attempts: number
  channel: 'wechat' | 'alipay' | 'sandbox' | null
  templateId: string | null
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  finishedAt: string | null
}

// ——— Credit (server/modules/credit, src/platform/credit; the rules are in src/domain/credit) ———

/**
 * What the app opens for the shopper to confirm a credit order, per platform, untagged like
 * PayParams (the server answers the caller's platform only).
 * weapp: wx.openBusinessView({businessType: 'wxpayScoreUse', extraData}) with the Pay Score
 * service order's package, signed HMAC-SHA256 over the sorted fields with the merchant key.
 */
export interface WeappCreditConfirm {
  businessType: 'wxpayScoreUse'
  extraData: { mch_id: string; package: string; timestamp: string; nonce_str: string; sign_type: 'HMAC-SHA256'; sign: string }
  /** Sandbox mode, to sandbox shoppers (from an IDE) only: the in-app sandbox confirm's ticket (never handed to the host). */
  sandbox?: SandboxCreditTicket
}

/**
 * Sandbox mode only. The IDEs can't open a sandbox Pay Score / Sesame order, so when the host's
 * confirm fails the app opens its sandbox confirm page, which decides through
 * POST /api/sandbox/credit/:outOrderNo/decide {decision, t: ticket}.
 */
export interface SandboxCreditTicket {
  outOrderNo: string
  ticket: string
  kind: 'rental' | 'pay_after_use' | 'membership'
  amount: Fen
}

/** alipay: my.tradePay({orderStr}) with the orderStr alipay-sdk's sdkExecute signed (fund auth freeze, or the credit agreement). */
export interface AlipayCreditConfirm {
  orderStr: string
  /** Sandbox mode, to sandbox shoppers only: as WeappCreditConfirm's. */
  sandbox?: SandboxCreditTicket
}

/** H5 preview (sandbox only): the sandbox credit page, where the tester approves fully, partly, or denies. */
export interface CashierCreditConfirm {
  platform: 'h5'
  confirmUrl: string
}

export type CreditConfirmParams = WeappCreditConfirm | AlipayCreditConfirm | CashierCreditConfirm

export interface RentInput {
  skuId: number
  days: number
  addressId?: number
  idempotencyKey: string
}

/** One deposit-free rental as its renter sees it (GET /api/rentals/:id). */
export interface Rental {
  id: number
  rentalNo: string
  state: import('./credit/types').RentalState
  item: { productId: number; skuId: number; title: string; image: string; specs: Record<string, string> }
  terms: import('./credit/types').RentalTerms
  /** The days chosen when renting; due = start + days. */
  days: number
  /** How the deposit is covered, once the shopper confirmed. */
  cover: import('./credit/types').DepositCover | null
  startedAt: string | null
  dueAt: string | null
  returnedAt: string | null
  /** When the shopper asked for the return (the shop confirms it with the goods in hand); null if not asked. */
  returnRequestedAt: string | null
  /** The figures so far (in use / overdue) or final (settling / completed); null before the start. */
  settlement: import('./credit/types').RentalSettlement | null
  ledger: import('./credit/types').LedgerEntry[]
  createdAt: string
}

/** POST /api/rentals and POST /api/rentals/:id/confirm answer the rental and what to open. */
export interface CreditStart<T> {
  credit: T
  confirm: CreditConfirmParams
}

/** The shopper's light membership (GET /api/membership). */
export interface MembershipView {
  state: import('./credit/types').MembershipState | null
  plan: { name: string; fee: Fen; periodDays: number }
  periodStart: string | null
  periodEnd: string | null
  /** What member prices saved this period so far. */
  savings: Fen
  /** min(fee, savings): what will be charged at the period's end. */
  willPay: Fen
  autoRenew: boolean
  /** Settled periods, newest first. */
  settlements: { periodStart: string; periodEnd: string; fee: Fen; savings: Fen; charge: Fen; settledAt: string }[]
  ledger: import('./credit/types').LedgerEntry[]
}

/** A shop order paid after use: the credit order's side of it. */
export interface PayAfterUseInfo {
  state: import('./credit/types').PayAfterUseState
  amount: Fen
  /** When it is collected without a confirm (PAY_AFTER_USE_DAYS after shipping); null before shipping. */
  collectAt: string | null
  charged: Fen
}

/** GET /api/credit/eligibility: whether pay-after-use is offered at checkout for this amount. */
export interface CreditEligibility {
  payAfterUse: { available: boolean; reason: string | null }
}
