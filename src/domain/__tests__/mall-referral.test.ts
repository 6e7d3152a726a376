import { describe, expect, it } from 'vitest'
import { checkMallItem } from '../mall'
import type { MallItemInput } from '../points'
import { INVITE_CODE_RE, inviteCodeFrom } from '../referral'

const gift: MallItemInput = { kind: 'gift', title: '好礼', image: '/a.jpg', points: 100, price: 0, stock: 5, perUserLimit: null, couponBatchId: null, skuId: 1, active: true }

describe('checkMallItem', () => {
  it('accepts each kind in its shape', () => {
    expect(checkMallItem(gift)).toBeNull()
    expect(checkMallItem({ ...gift, kind: 'product', price: 1900 })).toBeNull()
    expect(checkMallItem({ ...gift, kind: 'coupon', skuId: null, couponBatchId: 3 })).toBeNull()
  })

  it('names the first bad field', () => {
    const cases: [Partial<MallItemInput>, keyof MallItemInput][] = [
      [{ points: 0 }, 'points'],
      [{ points: 1.5 }, 'points'],
      [{ stock: -1 }, 'stock'],
      [{ perUserLimit: 0 }, 'perUserLimit'],
      [{ price: -1 }, 'price'],
      [{ price: 100 }, 'price'],
      [{ kind: 'coupon', skuId: null }, 'couponBatchId'],
      [{ kind: 'coupon', couponBatchId: 1 }, 'skuId'],
      [{ kind: 'coupon', skuId: null, couponBatchId: 1, price: 100 }, 'price'],
      [{ kind: 'product', skuId: null }, 'skuId'],
      [{ couponBatchId: 1 }, 'couponBatchId'],
    ]
    for (const [over, field] of cases) expect(checkMallItem({ ...gift, ...over })?.field, JSON.stringify(over)).toBe(field)
  })
})

describe('inviteCodeFrom', () => {
  it('makes 8 characters of [0-9A-Za-z], skipping bytes that would bias the alphabet', () => {
    const code = inviteCodeFrom(new Uint8Array([0, 61, 62, 248, 255, 10, 36, 247, 1, 2]))
    expect(code).toBe('0z0Aaz12')
    expect(code).toMatch(INVITE_CODE_RE)
  })

  it('answers null when the bytes run out', () => {
    expect(inviteCodeFrom(new Uint8Array([1, 2, 250]))).toBeNull()
  })
})
