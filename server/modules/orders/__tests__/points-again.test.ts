import { describe, expect, it } from 'vitest'
import type { PricingResult } from '../../../../src/domain/promotions/types'
import type { PointsQuote } from '../../../../src/domain/points'
import { AppError } from '../../../lib/errors'
import { pointsAgain } from '../service'

// The points a shopper was shown, taken off the order as repriced under the offer locks.

function priced(payable: number): PricingResult {
  return {
    lines: [{ skuId: 1, productId: 1, quantity: 1, unitPrice: payable, lineTotal: payable, discount: 0, payable, labels: [] }],
    itemCount: 1,
    subtotal: payable,
    discount: 0,
    shipping: 0,
    total: payable,
    freeShippingGap: 0,
    applied: [],
    coupons: [],
    selectedCouponIds: [],
    nudges: [],
  }
}

const quote: PointsQuote = { balance: 5000, usable: 2000, value: 2000, pointsPerYuan: 100, used: 2000, usedValue: 2000 }

describe('points on an order repriced under the offer locks', () => {
  it('takes the shown points off again when the goods still cover them', () => {
    const r = pointsAgain(priced(5000), quote)
    expect(r.total).toBe(3000)
    expect(r.applied.at(-1)).toMatchObject({ source: 'points', amount: 2000 })
  })

  it('leaves an order without points as it is', () => {
    const p = priced(5000)
    expect(pointsAgain(p, null)).toBe(p)
    expect(pointsAgain(p, { ...quote, used: 0, usedValue: 0 })).toBe(p)
  })

  it('asks the shopper to confirm again (409 OFFER_CHANGED) when a lowered offer leaves the goods worth less than the points', () => {
    let err: unknown
    try {
      pointsAgain(priced(1500), quote)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ statusCode: 409, code: 'OFFER_CHANGED' })
  })
})
