import { AFTER_SALE_STATUS_LABEL, type AfterSaleStatus } from '../../../src/domain/after-sales'
import { afterSaleOfKey, groupOfKey } from './after-sale-keys'
import type { MessageEvent } from '../../../src/domain/messages'
import { orderForMessage } from '../orders'
import type { Queryable } from '../../db'

/**
 * What a message says, in the shop's terms, built from the order at send time. Each
 * platform's template then picks its fields from these facts (FIELD_MAP below).
 */
export interface MessageFacts {
  orderNo: string
  /** "¥49.00": the order total (paid, closing soon) or the money refunded (refund_done). */
  amount: string
  /** First item's title, "等3件" when there are more. */
  title: string
  /** When it happened (paid, shipped, refunded) or when the unpaid order closes. */
  time: string
  carrier: string
  trackingNo: string
  /** One short line for the shopper. */
  tip: string
  /** after_sale_update: the request's new status, in words (待寄回商品). */
  status: string
}
export type Fact = keyof MessageFacts

/**
 * Template fields per event. Keys are the template's own keyword names: WeChat names them by
 * type and position ("thing3" = text of at most 20 characters, "amount2", "time4",
 * "character_string1"), Alipay numbers them ("keyword1"). These defaults match the common
 * public-library templates; when the merchant picks others, this table is the one place to
 * change (server/README.md, "Subscription messages").
 */
export const FIELD_MAP: Record<'wechat' | 'alipay', Partial<Record<MessageEvent, Record<string, Fact>>>> = {
  wechat: {
    // 订单支付成功通知: 订单号 / 支付金额 / 商品名称 / 支付时间
    order_paid: { character_string1: 'orderNo', amount2: 'amount', thing3: 'title', time4: 'time' },
    // 订单发货通知: 订单号 / 商品名称 / 快递公司 / 快递单号 / 发货时间
    order_shipped: { character_string1: 'orderNo', thing2: 'title', thing3: 'carrier', character_string4: 'trackingNo', time5: 'time' },
    // 退款成功通知: 订单号 / 退款金额 / 商品名称 / 退款时间
    refund_done: { character_string1: 'orderNo', amount2: 'amount', thing3: 'title', time4: 'time' },
    // 订单待支付提醒: 订单号 / 待付金额 / 商品名称 / 关闭时间 / 温馨提示
    order_closing_soon: { character_string1: 'orderNo', amount2: 'amount', thing3: 'title', time4: 'time', thing5: 'tip' },
    // 租赁到期提醒: 订单号 / 租赁物品 / 到期时间 / 温馨提示
    rental_due: { character_string1: 'orderNo', thing2: 'title', time3: 'time', thing4: 'tip' },
    // 扣款成功通知: 订单号 / 扣款金额 / 扣款项目 / 扣款时间
    credit_charged: { character_string1: 'orderNo', amount2: 'amount', thing3: 'title', time4: 'time' },
    // 会员结算通知: 会员名称 / 结算金额 / 结算时间 / 说明
    membership_settled: { thing1: 'title', amount2: 'amount', time3: 'time', thing4: 'tip' },
    // 售后进度通知: 订单号 / 商品名称 / 售后状态 / 更新时间 / 温馨提示 (status is a thing: labels like 待商家发出换货 exceed a phrase's 5)
    after_sale_update: { character_string1: 'orderNo', thing2: 'title', thing3: 'status', time4: 'time', thing5: 'tip' },
    // 订单签收通知: 订单号 / 商品名称 / 快递公司 / 快递单号 / 签收时间 (sent by modules/tracking when every parcel is delivered)
    order_delivered: { character_string1: 'orderNo', thing2: 'title', thing3: 'carrier', character_string4: 'trackingNo', time5: 'time' },
    // 拼团成功通知: 商品名称 / 拼团价 / 订单号 / 成团时间 / 温馨提示 (sent by modules/groups to every paid member)
    group_succeeded: { thing1: 'title', amount2: 'amount', character_string3: 'orderNo', time4: 'time', thing5: 'tip' },
    // 拼团失败通知: 商品名称 / 退款金额 / 订单号 / 结束时间 / 温馨提示 (the refund follows through refund_done)
    group_failed: { thing1: 'title', amount2: 'amount', character_string3: 'orderNo', time4: 'time', thing5: 'tip' },
    // 取货提醒 (sent by modules/pickup when a pickup order is paid, and once if it is not picked up): 订单号 / 商品名称 / 时间 / 温馨提示
    pickup_ready: { character_string1: 'orderNo', thing2: 'title', time3: 'time', thing4: 'tip' },
    pickup_reminder: { character_string1: 'orderNo', thing2: 'title', time3: 'time', thing4: 'tip' },
  },
  alipay: {
    order_paid: { keyword1: 'orderNo', keyword2: 'amount', keyword3: 'title', keyword4: 'time' },
    order_shipped: { keyword1: 'orderNo', keyword2: 'title', keyword3: 'carrier', keyword4: 'trackingNo', keyword5: 'time' },
    refund_done: { keyword1: 'orderNo', keyword2: 'amount', keyword3: 'title', keyword4: 'time' },
    order_closing_soon: { keyword1: 'orderNo', keyword2: 'amount', keyword3: 'title', keyword4: 'time', keyword5: 'tip' },
    rental_due: { keyword1: 'orderNo', keyword2: 'title', keyword3: 'time', keyword4: 'tip' },
    credit_charged: { keyword1: 'orderNo', keyword2: 'amount', keyword3: 'title', keyword4: 'time' },
    membership_settled: { keyword1: 'title', keyword2: 'amount', keyword3: 'time', keyword4: 'tip' },
    after_sale_update: { keyword1: 'orderNo', keyword2: 'title', keyword3: 'status', keyword4: 'time', keyword5: 'tip' },
    order_delivered: { keyword1: 'orderNo', keyword2: 'title', keyword3: 'carrier', keyword4: 'trackingNo', keyword5: 'time' },
    group_succeeded: { keyword1: 'title', keyword2: 'amount', keyword3: 'orderNo', keyword4: 'time', keyword5: 'tip' },
    group_failed: { keyword1: 'title', keyword2: 'amount', keyword3: 'orderNo', keyword4: 'time', keyword5: 'tip' },
    pickup_ready: { keyword1: 'orderNo', keyword2: 'title', keyword3: 'time', keyword4: 'tip' },
    pickup_reminder: { keyword1: 'orderNo', keyword2: 'title', keyword3: 'time', keyword4: 'tip' },
  },
}

/** The page a tap on the message opens (the order). */
export function messagePage(orderId: number): string {
  return `pkg-order/order-detail/index?id=${orderId}`
}

/** The page a tap opens: the after-sales detail page for after_sale_update, the group's page for group_*, else the order. */
export function pageOf(row: { event: MessageEvent; dedupe_key: string; order_id: number | null }): string {
  const a = row.event === 'after_sale_update' ? afterSaleOfKey(row.dedupe_key) : null
  if (a) return `pkg-order/after-sale/index?id=${a.id}`
  const groupId = groupOfKey(row.dedupe_key)
  return groupId ? `pkg-growth/group/index?id=${groupId}` : messagePage(row.order_id ?? 0)
}

const AFTER_SALE_TIP: Partial<Record<AfterSaleStatus, string>> = {
  awaiting_return: '请按售后详情页的地址寄回商品',
  refunding: '退款将原路退回，请留意到账',
  refunded: '退款已原路退回',
  resending: '商家收到退货后将尽快发出换货',
  exchanged: '换货已发出，请留意物流',
  refused: '商家未同意申请，可查看原因',
  closed: '未按时寄回商品，申请已关闭',
}

const TIP: Partial<Record<MessageEvent, string>> = {
  order_closing_soon: '订单即将关闭，请尽快支付',
  group_succeeded: '拼团成功，商家将尽快发货',
  group_failed: '未能成团，货款将原路退回',
  pickup_ready: '商品已备好，请凭取货码到店自提',
  pickup_reminder: '您的自提商品还未取，逾期将自动退款',
}

/** Shop time: the shoppers are in China, whatever zone the server runs in. */
function shopTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000).toISOString()
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** The facts for an order message; null when the order is gone. */
export async function orderFacts(q: Queryable, orderId: number, event: MessageEvent, occurredAt: Date, dedupeKey = ''): Promise<MessageFacts | null> {
  const o = await orderForMessage(q, orderId)
  if (!o) return null
  const title = o.lines > 1 ? `${o.title ?? ''}等${o.lines}件` : (o.title ?? '')
  const amount = event === 'refund_done' && o.refunded_total > 0 ? o.refunded_total : o.total
  const time = event === 'order_closing_soon' && o.expires_at ? new Date(o.expires_at) : occurredAt
  const facts = { orderNo: o.order_no, amount: yuan(amount), title, time: shopTime(time), carrier: o.tracking_carrier ?? '', trackingNo: o.tracking_no ?? '', tip: TIP[event] ?? '', status: '' }
  const a = event === 'after_sale_update' ? afterSaleOfKey(dedupeKey) : null
  return a ? { ...facts, status: AFTER_SALE_STATUS_LABEL[a.status], tip: AFTER_SALE_TIP[a.status] ?? '售后进度有更新，点击查看' } : facts
}

/** Code points, not UTF-16 units: an emoji counts as one, like WeChat counts it. */
const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s)

/** A value within WeChat's limits for the keyword's type (its name says the type). */
export function fitWechatValue(key: string, value: string): string {
  if (key.startsWith('thing')) return clip(value, 20)
  if (key.startsWith('character_string')) return value.replace(/[^\w-]/g, '').slice(0, 32)
  if (key.startsWith('phrase')) return clip(value, 5)
  if (key.startsWith('name')) return clip(value, 10)
  return clip(value, 32)
}

/** The template's data object: {key: value} from the facts through the field map. */
export function templateData(platform: 'wechat' | 'alipay', event: MessageEvent, facts: MessageFacts): Record<string, string> | null {
  const map = FIELD_MAP[platform][event]
  if (!map) return null
  const data: Record<string, string> = {}
  for (const [key, fact] of Object.entries(map)) data[key] = platform === 'wechat' ? fitWechatValue(key, facts[fact]) : clip(facts[fact], 64)
  return data
}

/**
 * The facts of a credit message, from its credit order at send time, and the page a tap
 * opens (the rental, the order paid after use, the membership page). Null when it is gone.
 */
export async function creditFacts(q: Queryable, creditOrderId: number, event: MessageEvent, occurredAt: Date): Promise<(MessageFacts & { page: string }) | null> {
  const c = await q.maybeOne<{ kind: string; out_order_no: string; charged: number; order_id: number | null; title: string | null; due_at: Date | null; charge: number | null; savings: number | null }>(
    `SELECT c.kind, c.out_order_no, c.charged, c.order_id, r.title, r.due_at,
            (SELECT charge FROM membership_settlements s WHERE s.credit_order_id = c.id ORDER BY settled_at DESC LIMIT 1) AS charge,
            (SELECT savings FROM membership_settlements s WHERE s.credit_order_id = c.id ORDER BY settled_at DESC LIMIT 1) AS savings
     FROM credit_orders c LEFT JOIN rentals r ON r.credit_order_id = c.id WHERE c.id = $1`,
    [creditOrderId],
  )
  if (!c) return null
  const page = c.kind === 'rental' ? `pkg-credit/rental/index?id=${creditOrderId}` : c.kind === 'membership' ? 'pkg-credit/membership/index' : messagePage(c.order_id ?? 0)
  const title = c.kind === 'rental' ? (c.title ?? '租赁') : c.kind === 'membership' ? '轻会员' : '先享后付订单'
  if (event === 'rental_due') return { page, orderNo: c.out_order_no, amount: '', title, time: shopTime(c.due_at ? new Date(c.due_at) : occurredAt), carrier: '', trackingNo: '', tip: '租期明天到期，请按时归还', status: '' }
  if (event === 'membership_settled') {
    return { page, orderNo: c.out_order_no, amount: yuan(c.charge ?? 0), title, time: shopTime(occurredAt), carrier: '', trackingNo: '', tip: `本期会员价省 ${yuan(c.savings ?? 0)}`, status: '' }
  }
  return { page, orderNo: c.out_order_no, amount: yuan(event === 'credit_charged' && c.kind === 'membership' ? (c.charge ?? 0) : c.charged), title, time: shopTime(occurredAt), carrier: '', trackingNo: '', tip: '', status: '' }
}
