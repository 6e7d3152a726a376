import { describe, expect, it } from 'vitest'
import { parseGroupBuyQuery } from '../load'

describe('parseGroupBuyQuery', () => {
  it('reads a new group of a deal, or a seat in a group (the group wins when both are given)', () => {
    expect(parseGroupBuyQuery({ promotionId: '5', skuId: '70' })).toEqual({ promotionId: 5, skuId: 70 })
    expect(parseGroupBuyQuery({ groupId: '9', skuId: '70' })).toEqual({ groupId: 9, skuId: 70 })
    expect(parseGroupBuyQuery({ groupId: '9', promotionId: '5', skuId: '70' })).toEqual({ groupId: 9, skuId: 70 })
  })

  it('refuses a query without a SKU or with ids that are not positive integers', () => {
    expect(parseGroupBuyQuery({ promotionId: '5' })).toBeNull()
    expect(parseGroupBuyQuery({ skuId: '70' })).toBeNull()
    expect(parseGroupBuyQuery({ promotionId: '-1', skuId: '70' })).toBeNull()
    expect(parseGroupBuyQuery({ groupId: '1.5', skuId: '70' })).toBeNull()
    expect(parseGroupBuyQuery({ promotionId: '5', skuId: 'x' })).toBeNull()
  })
})
