import type { MessageEvent } from '@domain/messages'

/** The merchant's words for the server's codes (subscription messages, payments). */
export const MESSAGE_EVENT_LABEL: Record<MessageEvent, string> = {
  order_paid: '支付成功',
  order_shipped: '发货通知',
  refund_done: '退款到账',
  order_closing_soon: '待付款提醒',
  rental_due: '租赁到期',
  credit_charged: '信用扣款',
  membership_settled: '会员结算',
  after_sale_update: '售后进度',
  order_delivered: '包裹已签收',
  group_succeeded: '拼团成功',
  group_failed: '拼团失败',
  pickup_ready: '待自提通知',
  pickup_reminder: '自提提醒',
}

export const OUTBOX_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待发送', color: 'blue' },
  sending: { label: '发送中', color: 'processing' },
  sent: { label: '已发送', color: 'green' },
  failed: { label: '失败', color: 'red' },
  unknown: { label: '结果未知', color: 'orange' },
  skipped_no_quota: { label: '跳过：无订阅额度', color: 'default' },
  skipped_no_template: { label: '跳过：未配置模板', color: 'default' },
  skipped_stale: { label: '跳过：已过时', color: 'default' },
}

export const PAYMENT_STATUS_LABEL: Record<string, string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
  failed: '失败',
  paid_unpayable: '已支付（订单已关闭，原路退回）',
}

export const messageEventLabel = (e: string) => MESSAGE_EVENT_LABEL[e as MessageEvent] ?? e

/** Uploads of shipping information to the platforms (WeChat upload_shipping_info, Alipay order sync). */
export const SHIPPING_UPLOAD_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待上传', color: 'blue' },
  sent: { label: '已上传', color: 'green' },
  failed: { label: '失败', color: 'red' },
}

/** What each upload was, in the merchant's words; an unknown action shows as the server named it. */
const UPLOAD_ACTION_LABEL: Record<string, string> = {
  upload_shipping_info: '微信发货信息录入',
  wechat_shipping: '微信发货信息录入',
  wechat_confirm_check: '微信确认收货查询',
  get_order: '微信确认收货查询',
  alipay_order_sync: '支付宝订单同步',
  'alipay.merchant.order.sync': '支付宝订单同步',
  pay: '支付宝订单同步：支付',
  ship: '支付宝订单同步：发货',
  confirm: '支付宝订单同步：收货',
  refund: '支付宝订单同步：退款',
}
export const uploadActionLabel = (a: string) => UPLOAD_ACTION_LABEL[a] ?? a

/** A parcel's state: blue on its way, green delivered, red needs a look. */
export const TRACKING_STATE_COLOR: Record<string, string> = {
  pending: 'default',
  collected: 'cyan',
  in_transit: 'blue',
  delivering: 'geekblue',
  delivered: 'green',
  problem: 'red',
  returned: 'orange',
}
