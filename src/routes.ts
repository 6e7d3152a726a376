/**
 * Every page path in one place, so pages link by name and the subpackage layout can change
 * without hunting for strings. Tab pages are opened with switchTab, the rest with navigateTo.
 */
export const TAB_PAGES = {
  home: '/pages/index/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  me: '/pages/me/index',
} as const

export const PAGES = {
  product: '/pkg-shop/product/index',
  search: '/pkg-shop/search/index',
  checkout: '/pkg-order/checkout/index',
  orders: '/pkg-order/orders/index',
  orderDetail: '/pkg-order/order-detail/index',
  payResult: '/pkg-order/pay-result/index',
  sandboxCashier: '/pkg-order/sandbox-cashier/index',
  sandboxReceipt: '/pkg-order/sandbox-receipt/index',
  afterSaleApply: '/pkg-order/after-sale-apply/index',
  afterSale: '/pkg-order/after-sale/index',
  afterSales: '/pkg-order/after-sales/index',
  addresses: '/pkg-account/addresses/index',
  addressEdit: '/pkg-account/address-edit/index',
  login: '/pkg-account/login/index',
  favorites: '/pkg-account/favorites/index',
  couponCenter: '/pkg-shop/coupon-center/index',
  myCoupons: '/pkg-account/coupons/index',
  rent: '/pkg-credit/rent/index',
  rental: '/pkg-credit/rental/index',
  rentals: '/pkg-credit/rentals/index',
  membership: '/pkg-credit/membership/index',
  sandboxConfirm: '/pkg-credit/sandbox-confirm/index',
  // Sharing (pkg-share): the promoter centre (apply there too), its lists, withdrawals, posters, gifts.
  promoter: '/pkg-share/promoter/index',
  promoterCommissions: '/pkg-share/commissions/index',
  promoterCustomers: '/pkg-share/customers/index',
  withdraw: '/pkg-share/withdraw/index',
  poster: '/pkg-share/poster/index',
  gift: '/pkg-share/gift/index',
  gifts: '/pkg-share/gifts/index',
  sandboxTransfer: '/pkg-share/sandbox-transfer/index',
  // Growth (pkg-growth): group buying, points, check-in, the points mall, invites.
  group: '/pkg-growth/group/index',
  groupBuy: '/pkg-growth/group-buy/index',
  myGroups: '/pkg-growth/groups/index',
  checkIn: '/pkg-growth/check-in/index',
  points: '/pkg-growth/points/index',
  mall: '/pkg-growth/mall/index',
  invite: '/pkg-growth/invite/index',
  // Reviews: writing one (pkg-order) and a product's reviews with the buyer show (pkg-shop).
  review: '/pkg-order/review/index',
  reviews: '/pkg-shop/reviews/index',
  // Stores (pkg-store): the store list (nearest first), a store, the store picker at checkout, a pickup order's code.
  stores: '/pkg-store/stores/index',
  store: '/pkg-store/store/index',
  pickupCode: '/pkg-store/pickup/index',
  // Members (pkg-member): periodic purchase (周期购), member levels, the platform member card.
  planBuy: '/pkg-member/plan-buy/index',
  plans: '/pkg-member/plans/index',
  plan: '/pkg-member/plan/index',
  level: '/pkg-member/level/index',
  memberCard: '/pkg-member/member-card/index',
  sandboxCard: '/pkg-member/sandbox-card/index',
} as const

type Query = Record<string, string | number | boolean | undefined>

export function withQuery(path: string, query: Query = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${path}?${parts.join('&')}` : path
}

export const route = {
  product: (id: number) => withQuery(PAGES.product, { id }),
  search: (q?: string) => withQuery(PAGES.search, { q }),
  checkout: (query: { from: 'cart' } | { skuId: number; quantity: number }) => withQuery(PAGES.checkout, query),
  orders: (status?: string) => withQuery(PAGES.orders, { status }),
  orderDetail: (id: number) => withQuery(PAGES.orderDetail, { id }),
  /** Where paying an order lands: the server's answer is awaited there ('confirming'), or why it did not happen. */
  payResult: (id: number, result: 'confirming' | 'cancelled' | 'failed', message?: string) => withQuery(PAGES.payResult, { id, result, message }),
  /** Sandbox servers only: the in-app sandbox cashier for a mini-program attempt the IDE couldn't pay. */
  sandboxCashier: (id: number, c: { outTradeNo: string; ticket: string }) => withQuery(PAGES.sandboxCashier, { id, out: c.outTradeNo, t: c.ticket }),
  /** Sandbox servers only: the in-app sandbox credit confirm; `back` is where the decision lands. */
  sandboxConfirm: (c: { outOrderNo: string; ticket: string; kind: string; amount: number }, back: string) =>
    withQuery(PAGES.sandboxConfirm, { out: c.outOrderNo, t: c.ticket, kind: c.kind, amount: c.amount, back }),
  /** Sandbox servers only: the in-app stand-in for WeChat's confirm-receipt sheet. */
  sandboxReceipt: (orderId: number) => withQuery(PAGES.sandboxReceipt, { id: orderId }),
  afterSaleApply: (orderId: number) => withQuery(PAGES.afterSaleApply, { orderId }),
  afterSale: (id: number) => withQuery(PAGES.afterSale, { id }),
  afterSales: () => PAGES.afterSales,
  addresses: (select?: boolean) => withQuery(PAGES.addresses, { select: select ? 1 : undefined }),
  addressEdit: (id?: number) => withQuery(PAGES.addressEdit, { id }),
  /** `back` is the page to return to after logging in. */
  login: (back?: string) => withQuery(PAGES.login, { back }),
  rent: (productId: number) => withQuery(PAGES.rent, { id: productId }),
  rental: (id: number) => withQuery(PAGES.rental, { id }),
  /** A product as a share carries it: the sharer's scene rides along for attribution. */
  productShared: (id: number, scene?: string | null) => withQuery(PAGES.product, { id, scene: scene ?? undefined }),
  /** The shop's home as a share carries it (the home page reads ?scene= like any page). */
  homeShared: (scene?: string | null) => withQuery(TAB_PAGES.home, { scene: scene ?? undefined }),
  promoter: () => PAGES.promoter,
  promoterCommissions: () => PAGES.promoterCommissions,
  promoterCustomers: () => PAGES.promoterCustomers,
  withdraw: () => PAGES.withdraw,
  /** Without a product: the promoter's own shop poster. */
  poster: (productId?: number) => withQuery(PAGES.poster, { productId }),
  /** Sandbox servers (and H5) only: the in-app stand-in for WeChat's confirm-receipt sheet of a transfer. */
  sandboxTransfer: (withdrawalId: number, outBillNo: string) => withQuery(PAGES.sandboxTransfer, { id: withdrawalId, out: outBillNo }),
  /** A gift card's page: what a share opens (the code is all it carries). */
  gift: (code: string) => withQuery(PAGES.gift, { code }),
  gifts: (role?: 'sent' | 'received') => withQuery(PAGES.gifts, { role }),
  /** A group's page: what its share card opens. */
  group: (id: number) => withQuery(PAGES.group, { id }),
  /** Confirm a group order: start one (deal) or join one (group). */
  groupBuy: (q: { promotionId: number; skuId: number } | { groupId: number; skuId: number }) => withQuery(PAGES.groupBuy, q),
  myGroups: () => PAGES.myGroups,
  checkIn: () => PAGES.checkIn,
  points: () => PAGES.points,
  mall: () => PAGES.mall,
  invite: () => PAGES.invite,
  /** Review an order's lines, or append to one review. */
  review: (orderId: number, append?: number) => withQuery(PAGES.review, { orderId, append }),
  reviews: (productId: number, withPhotos?: boolean) => withQuery(PAGES.reviews, { id: productId, withPhotos: withPhotos ? 1 : undefined }),
  /** The shop's home as an invite carries it (?invite=<code>). */
  homeInvited: (code: string) => withQuery(TAB_PAGES.home, { invite: code }),
  /** The store list; `pick` from checkout: tapping 选择此门店 hands the store back (pickup stores only). */
  stores: (pick?: boolean) => withQuery(PAGES.stores, { pick: pick ? 1 : undefined }),
  store: (id: number) => withQuery(PAGES.store, { id }),
  pickupCode: (orderId: number) => withQuery(PAGES.pickupCode, { id: orderId }),
  /** Buy a product as a plan (周期购). */
  planBuy: (productId: number) => withQuery(PAGES.planBuy, { productId }),
  plans: () => PAGES.plans,
  /** A plan's schedule; `paying` is the order whose payment the page waits for after the cashier. */
  plan: (id: number, paying?: number) => withQuery(PAGES.plan, { id, paying }),
  level: () => PAGES.level,
  memberCard: () => PAGES.memberCard,
}
