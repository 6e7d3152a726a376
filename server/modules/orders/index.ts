// What other modules may use of orders: they import it from here, never from its files (lint-enforced).
export { findOrder, firstShippedAt, listOrders, lockForRefund, lockOrder, orderCreditRef, orderForMessage, orderStatus, orderSummary, paidOrderDiscounts, paymentModeOf, pricedAsMember, recordRefund, setAddressIn, setPayAfterUse } from './repository'
export type { OrderSummary } from './repository'
export { countAdminOrders, exportLines, listAdminOrders, orderBuyer, orderEvents, packingList, SHOP_TZ } from './admin'
export type { AdminOrderFilter, ExportLine, Platform, PromotionUsage } from './admin'
export { AdminOrderQuery, StatusQuery } from './queries'
export type { CreateOptions, FixedPrice, OrderPickups, OrderService, PickupFulfilment } from './service'
export { refuseEndedMemberPrice } from './member-price'
