import { describe, expect, it } from 'vitest'
import { ApiError } from '@/services/http'
import { entryMeta, expiringText, mallPrice, mallStockText, pointsDelta, redeemErrorMessage, referralRewardText, shopDate } from '../labels'

describe('points texts', () => {
  it('signs, dates in the shop’s day (UTC+8) and the expiring notice', () => {
    expect(pointsDelta(5)).toBe('+5')
    expect(pointsDelta(-100)).toBe('-100')
    // 16:00 UTC on Dec 31 is already Jan 1 in Shanghai.
    expect(shopDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01')
    expect(shopDate('2027-12-31T15:59:59.999Z')).toBe('2027-12-31')
    expect(shopDate('nonsense')).toBe('')
    expect(expiringText({ points: 120, at: '2027-12-31T15:59:59.999Z' })).toBe('120 积分将于 2027-12-31 过期')
    expect(expiringText(null)).toBeNull()
    expect(expiringText({ points: 0, at: '2027-12-31T15:59:59.999Z' })).toBeNull()
    const base = { id: 1, kind: 'check_in' as const, title: '签到', at: '2026-12-05T02:00:00.000Z' }
    expect(entryMeta({ ...base, delta: 5, expiresAt: '2027-12-31T15:59:59.999Z' })).toBe('2026-12-05 · 2027-12-31 过期')
    expect(entryMeta({ ...base, delta: -5, expiresAt: null })).toBe('2026-12-05')
  })

  it('mall prices, stock and limits', () => {
    expect(mallPrice(500, 0)).toBe('500 积分')
    expect(mallPrice(500, 990)).toBe('500 积分 + ¥9.90')
    expect(mallStockText({ stockLeft: 12, perUserLimit: 1, redeemed: 0 })).toBe('剩余 12 · 每人限 1 件')
    expect(mallStockText({ stockLeft: 0, perUserLimit: null, redeemed: 2 })).toBe('已兑完 · 已兑 2')
  })

  it('a refused redemption in the shopper’s words; anything else keeps the server’s text', () => {
    expect(redeemErrorMessage(new ApiError(409, 'POINTS_NOT_ENOUGH', 'x'))).toBe('积分不足，去签到赚积分吧')
    expect(redeemErrorMessage(new ApiError(409, 'MALL_SOLD_OUT', 'x'))).toBe('已兑完，看看别的吧')
    expect(redeemErrorMessage(new ApiError(400, 'OTHER', '服务器说的'))).toBe('服务器说的')
    expect(referralRewardText({ inviter: 200, friend: 100 })).toBe('好友首次下单并确认后，你得 200 积分，好友得 100 积分')
  })
})
