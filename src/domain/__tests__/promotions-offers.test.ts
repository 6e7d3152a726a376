import { describe, expect, it } from 'vitest'
import { isLive, livePromotions, productOffer } from '../promotions'
import { discountTiers, limited, memberPrice, nForN, NOW, reduction } from './promotions-fixtures'

const product = { productId: 10, categoryId: 1, skus: [{ skuId: 1, price: 10000, stock: 5 }, { skuId: 2, price: 12000, stock: 5 }] }

describe('productOffer', () => {
  it('nothing running for the product: null', () => {
    expect(productOffer([], product, NOW)).toBeNull()
    expect(productOffer([reduction(1, [{ threshold: 100, off: 10 }], { scope: { type: 'products', productIds: [99] } })], product, NOW)).toBeNull()
  })

  it('a live limited-time offer: its price, its label and the countdown details', () => {
    const offer = limited(1, [{ skuId: 2, price: 8800, stockLeft: 3 }, { skuId: 99, price: 1, stockLeft: 3 }], { name: '双11 限时特惠', perUserLimit: 2 })
    expect(productOffer([offer], product, NOW)).toEqual({
      price: 8800,
      memberPrice: null,
      labels: ['限时特惠'],
      limited: { promotionId: 1, name: '双11 限时特惠', endsAt: offer.endsAt, perUserLimit: 2, skus: [{ skuId: 2, price: 8800, stockLeft: 3 }] },
    })
  })

  it.each([
    ['its own stock is gone', { stockLeft: 0 }, {}],
    ['it ends exactly now', {}, { endsAt: NOW }],
    ['it starts 1 ms from now', {}, { startsAt: NOW + 1 }],
    ['its price is not below the regular one', { price: 10000 }, {}],
  ])('no offer when %s', (_, item, window) => {
    const offer = limited(1, [{ skuId: 1, price: 8000, stockLeft: 3, ...item }], window)
    expect(productOffer([offer], product, NOW)).toBeNull()
  })

  it('starts exactly now: live', () => {
    expect(productOffer([limited(1, [{ skuId: 1, price: 8000, stockLeft: 3 }], { startsAt: NOW })], product, NOW)?.price).toBe(8000)
  })

  it('member price: the lowest one, shown beside (not instead of) the price', () => {
    const r = productOffer([memberPrice(1, { percent: 95 }), memberPrice(2, { percent: null, items: [{ skuId: 2, price: 9000 }] })], product, NOW)
    expect(r).toEqual({ price: 10000, memberPrice: 9000, labels: ['会员价'], limited: null })
  })

  it('order-level labels in the order they apply, in-scope ones only', () => {
    const r = productOffer(
      [
        nForN(1, 3, 9900, { stacking: { combinesWith: [], priority: 2 } }),
        reduction(2, [{ threshold: 20000, off: 2000 }, { threshold: 50000, off: 6000 }], { stacking: { combinesWith: [], priority: 1 } }),
        discountTiers(3, [{ threshold: 2, percent: 80 }], { basis: 'quantity', scope: { type: 'categories', categoryIds: [1] }, stacking: { combinesWith: [], priority: 3 } }),
        reduction(4, [{ threshold: 100, off: 10 }], { scope: { type: 'categories', categoryIds: [2] } }),
        reduction(5, [{ threshold: 100, off: 10 }], { endsAt: NOW }),
        limited(6, [{ skuId: 1, price: 9000, stockLeft: 1 }]),
      ],
      product,
      NOW,
    )
    expect(r?.labels).toEqual(['限时特惠', '满200减20', '任选3件99元', '满2件8折'])
  })

  it('sold-out SKUs do not set the price unless every SKU is sold out', () => {
    const p = { ...product, skus: [{ skuId: 1, price: 10000, stock: 0 }, { skuId: 2, price: 12000, stock: 1 }] }
    const offers = [limited(1, [{ skuId: 1, price: 5000, stockLeft: 3 }, { skuId: 2, price: 11000, stockLeft: 3 }])]
    expect(productOffer(offers, p, NOW)?.price).toBe(11000)
    const allGone = { ...product, skus: product.skus.map((s) => ({ ...s, stock: 0 })) }
    expect(productOffer(offers, allGone, NOW)?.price).toBe(5000)
  })

  it('two live offers: the countdown shows the cheaper one', () => {
    const r = productOffer([limited(1, [{ skuId: 1, price: 9000, stockLeft: 3 }]), limited(2, [{ skuId: 2, price: 7000, stockLeft: 3 }])], product, NOW)
    expect(r).toMatchObject({ price: 7000, limited: { promotionId: 2 } })
  })
})

describe('isLive and livePromotions', () => {
  it('live from startsAt (inclusive) to endsAt (exclusive)', () => {
    expect(isLive({ startsAt: NOW, endsAt: NOW + 1 }, NOW)).toBe(true)
    expect(isLive({ startsAt: NOW - 1, endsAt: NOW }, NOW)).toBe(false)
    expect(livePromotions([reduction(1, [{ threshold: 1, off: 1 }]), reduction(2, [{ threshold: 1, off: 1 }], { endsAt: NOW })], NOW).map((p) => p.id)).toEqual([1])
  })
})
