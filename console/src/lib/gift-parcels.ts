import type { GiftClaim, GiftStatus, OrderGift } from '@domain/gifts'
import type { FulfilmentKind } from '@domain/shipping'
import { TRACKING_NO, type ShipCheck } from './parcels'

/** A gift order (送礼) in the console: its status words, whether it can ship yet, and its parcels, one per claim. */

export const GIFT_STATUS: Record<GiftStatus, { label: string; color: string }> = {
  unpaid: { label: '待付款', color: 'gold' },
  open: { label: '领取中', color: 'blue' },
  claimed: { label: '已领完', color: 'green' },
  expired: { label: '已过期', color: 'default' },
  cancelled: { label: '已取消', color: 'default' },
}

/** Several recipients: each claim is its own parcel to its own address. One recipient ships like any order. */
export const isMultiGift = (gift: OrderGift | undefined): gift is OrderGift => !!gift && gift.recipients > 1

/**
 * Why a gift order can't ship yet, or null when it can. The addresses come with the claims, so
 * it ships once every share is claimed, or once it expired with some claimed (the rest were
 * refunded); the server answers 409 GIFT_NOT_CLAIMED otherwise.
 */
export function giftShipBlock(gift: OrderGift | undefined): string | null {
  if (!gift) return null
  if (gift.status === 'open')
    return gift.claimed === 0 ? '礼物还没有人领取：领取人填写收货地址后才能发货' : `礼物已领取 ${gift.claimed}/${gift.recipients} 份，全部领取或到期后才能发货`
  if (gift.status === 'expired' && gift.claimed === 0) return '礼物到期无人领取，已退款给送礼人，无需发货'
  if (gift.status === 'unpaid' || gift.status === 'cancelled') return '礼物订单未付款，不能发货'
  return null
}

/** The claims still to ship (a claim with a tracking number already went). */
export const claimsToShip = (claims: readonly GiftClaim[]): GiftClaim[] => claims.filter((c) => !c.trackingNo)

export interface GiftParcelDraft {
  carrier?: string
  trackingNo?: string
}

/**
 * The ship call for a multi-recipient gift: one parcel per claim still to ship, each naming its
 * claim (giftClaimId: the server ships it to that claim's address with that claim's share), or
 * in Chinese what is missing. `drafts` is keyed by claim id.
 */
export function buildGiftShipInput(kind: FulfilmentKind, drafts: Readonly<Record<string, GiftParcelDraft | undefined>>, claims: readonly GiftClaim[]): ShipCheck {
  const due = claimsToShip(claims)
  if (due.length === 0) return { ok: false, message: '没有待发货的领取人' }
  const seen = new Set<string>()
  const parcels = []
  for (const c of due) {
    const who = `第 ${c.shareNo} 份（${c.nickname || c.address.name}）`
    const d = drafts[String(c.id)] ?? {}
    const carrier = d.carrier?.trim() ?? ''
    const no = d.trackingNo?.trim() ?? ''
    if (!carrier) return { ok: false, message: `${who}请选择快递公司` }
    if (!no) return { ok: false, message: `${who}请填写快递单号` }
    if (!TRACKING_NO.test(no)) return { ok: false, message: `${who}的快递单号只能包含字母、数字和 -` }
    if (seen.has(no)) return { ok: false, message: `快递单号 ${no} 重复了：每位领取人一个包裹` }
    seen.add(no)
    parcels.push({ carrier, trackingNo: no, giftClaimId: c.id })
  }
  return { ok: true, input: { kind, parcels } }
}

/** "张三 138…… 浙江省 杭州市 西湖区 文三路 1 号" for a claim's address cell. */
export const claimAddressText = (a: GiftClaim['address']): string => `${a.name} ${a.phone} ${a.region} ${a.detail}`.trim()
