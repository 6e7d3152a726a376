import dayjs from 'dayjs'
import type { GiftStatus } from '@/domain/gifts'

/** The gift's state in the shopper's words (src/domain/gifts.ts GiftStatus). */
export const GIFT_STATUS_LABEL: Record<GiftStatus, string> = {
  unpaid: '付款后可送出',
  open: '待领取',
  claimed: '已领完',
  expired: '已过期，未领取的份额已退款',
  cancelled: '已取消',
}

/** "已领取 1/3": how many of the shares are claimed. */
export function claimedText(claimed: number, recipients: number): string {
  return `已领取 ${claimed}/${recipients}`
}

export function formatGiftTime(iso: string): string {
  return dayjs(iso).format('MM-DD HH:mm')
}

/** "24 小时内领取（截至 12-06 08:00）" while open; nothing to say otherwise. */
export function expiryText(status: GiftStatus, expiresAt: string | null): string | null {
  if (status !== 'open' || !expiresAt) return null
  return `${formatGiftTime(expiresAt)} 前未领取的份额将自动退款`
}
