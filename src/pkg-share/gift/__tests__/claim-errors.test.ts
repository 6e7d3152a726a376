import { describe, expect, it } from 'vitest'
import { ApiError } from '@/services/http'
import { claimChangedGift, claimErrorMessage } from '../claim-errors'

describe('claim errors', () => {
  it('says each refusal in the recipient’s words', () => {
    expect(claimErrorMessage(new ApiError(409, 'GIFT_OWN', 'x'))).toBe('这是你送出的礼物，分享给好友领取吧')
    expect(claimErrorMessage(new ApiError(409, 'GIFT_ALREADY_CLAIMED', 'x'))).toBe('你已经领取过这份礼物了')
    expect(claimErrorMessage(new ApiError(409, 'GIFT_ALL_CLAIMED', 'x'))).toBe('礼物已经被领完了')
    expect(claimErrorMessage(new ApiError(409, 'GIFT_EXPIRED', 'x'))).toBe('礼物已过期，未领取的份额已退回给送礼人')
    expect(claimErrorMessage(new ApiError(409, 'GIFT_NOT_OPEN', 'x'))).toBe('礼物还没有送出（送礼人尚未付款）')
  })

  it('keeps the server’s message for anything else, and reloads the card only after a 409', () => {
    expect(claimErrorMessage(new ApiError(400, 'BAD_ADDRESS', '地址不存在'))).toBe('地址不存在')
    expect(claimChangedGift(new ApiError(409, 'GIFT_EXPIRED', 'x'))).toBe(true)
    expect(claimChangedGift(new ApiError(400, 'BAD_ADDRESS', 'x'))).toBe(false)
  })
})
