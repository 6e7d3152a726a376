import { ApiError, errorMessage } from '@/services/http'

/** 409s of POST /api/gifts/:code/claim, in the recipient's words (the server's text is for the log). */
const CLAIM_MESSAGES: Record<string, string> = {
  GIFT_OWN: '这是你送出的礼物，分享给好友领取吧',
  GIFT_ALREADY_CLAIMED: '你已经领取过这份礼物了',
  GIFT_ALL_CLAIMED: '礼物已经被领完了',
  GIFT_EXPIRED: '礼物已过期，未领取的份额已退回给送礼人',
  GIFT_NOT_OPEN: '礼物还没有送出（送礼人尚未付款）',
}

export function claimErrorMessage(err: unknown): string {
  if (err instanceof ApiError && CLAIM_MESSAGES[err.code]) return CLAIM_MESSAGES[err.code]
  return errorMessage(err)
}

/** After these the page shows the gift again: its state changed under the recipient. */
export function claimChangedGift(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409
}
