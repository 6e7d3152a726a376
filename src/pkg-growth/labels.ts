import { shopDay, type MallItemKind, type PointsEntryView, type ReferralStatus } from '@/domain/points'
import { formatFen } from '@/domain/money'
import { ApiError, errorMessage } from '@/services/http'

/** The ledger's sign: "+5", "-100". */
export function pointsDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta)
}

/** "2026-12-31T15:59:59.999Z" → "2026-12-31" in the shop's day (Asia/Shanghai, UTC+8, no DST). */
export function shopDate(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  return shopDay(new Date(t))
}

/** "1200 积分将于 2026-12-31 过期". */
export function expiringText(expiring: { points: number; at: string } | null): string | null {
  return expiring && expiring.points > 0 ? `${expiring.points} 积分将于 ${shopDate(expiring.at)} 过期` : null
}

export function entryMeta(e: PointsEntryView): string {
  const at = shopDate(e.at)
  return e.delta > 0 && e.expiresAt ? `${at} · ${shopDate(e.expiresAt)} 过期` : at
}

/** A mall item's price: "500 积分" or "500 积分 + ¥9.90". */
export function mallPrice(points: number, price: number): string {
  return price > 0 ? `${points} 积分 + ${formatFen(price)}` : `${points} 积分`
}

export const MALL_KIND_LABEL: Record<MallItemKind, string> = { coupon: '优惠券', product: '商品', gift: '礼品' }

/** "剩余 12 · 每人限 1 件 · 已兑 1". */
export function mallStockText(i: { stockLeft: number; perUserLimit: number | null; redeemed: number }): string {
  const parts = [i.stockLeft > 0 ? `剩余 ${i.stockLeft}` : '已兑完']
  if (i.perUserLimit !== null) parts.push(`每人限 ${i.perUserLimit} 件`)
  if (i.redeemed > 0) parts.push(`已兑 ${i.redeemed}`)
  return parts.join(' · ')
}

/** 4xx of POST /api/points/redeem in the shopper's words (the server's text is for the log). */
const REDEEM_MESSAGES: Record<string, string> = {
  POINTS_NOT_ENOUGH: '积分不足，去签到赚积分吧',
  MALL_SOLD_OUT: '已兑完，看看别的吧',
  MALL_LIMIT: '已达到每人兑换上限',
  ADDRESS_REQUIRED: '请选择收货地址',
}

export function redeemErrorMessage(err: unknown): string {
  if (err instanceof ApiError && REDEEM_MESSAGES[err.code]) return REDEEM_MESSAGES[err.code]
  return errorMessage(err)
}

export const REFERRAL_STATUS_LABEL: Record<ReferralStatus, string> = {
  invited: '已邀请，待下单',
  ordered: '已下单，待确认',
  rewarded: '已奖励',
  void: '未达成',
}

/** "好友首单完成后，你得 200 积分，好友得 100 积分". */
export function referralRewardText(reward: { inviter: number; friend: number }): string {
  return `好友首次下单并确认后，你得 ${reward.inviter} 积分，好友得 ${reward.friend} 积分`
}
