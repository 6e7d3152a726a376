import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { paidPerLine, planRefund, type RefundableOrder } from '../refund'

// 2 × 33.33 + 1 × 19.90, 10.00 shipping, no discount.
const order = (over: Partial<RefundableOrder> = {}): RefundableOrder => ({
  subtotal: 8656,
  discount: 0,
  total: 9656,
  refundedAmount: 0,
  lines: [
    { skuId: 1, quantity: 2, lineTotal: 6666, refundedQuantity: 0 },
    { skuId: 2, quantity: 1, lineTotal: 1990, refundedQuantity: 0 },
  ],
  ...over,
})

describe('planRefund', () => {
  it('a whole order refunds its total, shipping included, and closes the order', () => {
    expect(planRefund(order(), 'all')).toEqual({
      ok: true,
      amount: 9656,
      closesOrder: true,
      lines: [
        { skuId: 1, quantity: 2, amount: 6666 },
        { skuId: 2, quantity: 1, amount: 1990 },
      ],
    })
  })

  it('one unit of a line refunds that unit without shipping and leaves the order open', () => {
    expect(planRefund(order(), [{ skuId: 1, quantity: 1 }])).toEqual({ ok: true, amount: 3333, closesOrder: false, lines: [{ skuId: 1, quantity: 1, amount: 3333 }] })
  })

  it('the refund that returns the last unit takes the rest of the total', () => {
    const after = order({
      refundedAmount: 3333 + 1990,
      lines: [
        { skuId: 1, quantity: 2, lineTotal: 6666, refundedQuantity: 1 },
        { skuId: 2, quantity: 1, lineTotal: 1990, refundedQuantity: 1 },
      ],
    })
    const plan = planRefund(after, [{ skuId: 1, quantity: 1 }])
    expect(plan).toMatchObject({ ok: true, amount: 9656 - 3333 - 1990, closesOrder: true })
    // 'all' plans the same thing.
    expect(planRefund(after, 'all')).toEqual(plan)
  })

  it('units of an odd line total add up to the line exactly (cumulative floors)', () => {
    const o = order({ subtotal: 1000, total: 1000, lines: [{ skuId: 9, quantity: 3, lineTotal: 1000, refundedQuantity: 0 }] })
    const first = planRefund(o, [{ skuId: 9, quantity: 1 }])
    expect(first).toMatchObject({ ok: true, amount: 333 })
    const second = planRefund({ ...o, refundedAmount: 333, lines: [{ ...o.lines[0], refundedQuantity: 1 }] }, [{ skuId: 9, quantity: 1 }])
    expect(second).toMatchObject({ ok: true, amount: 333 })
    const third = planRefund({ ...o, refundedAmount: 666, lines: [{ ...o.lines[0], refundedQuantity: 2 }] }, [{ skuId: 9, quantity: 1 }])
    expect(third).toMatchObject({ ok: true, amount: 334, closesOrder: true })
  })

  it('a discount is shared by the lines in proportion, and a line refunds what was paid for it', () => {
    // 1000 off 6666 + 1990: shares 770.2… and 229.8… -> 770 and 230 (the larger remainder gets the fen).
    expect(paidPerLine(order({ discount: 1000 }))).toEqual([6666 - 770, 1990 - 230])
    expect(planRefund(order({ discount: 1000, total: 8656 }), [{ skuId: 2, quantity: 1 }])).toMatchObject({ ok: true, amount: 1760 })
  })

  it('an order that stores each line\'s discount refunds what that line was charged, not a proportional share', () => {
    // The engine put all 1000 off on line 2 (say a coupon only for it): line 1 paid in full.
    const stored = order({
      discount: 1000,
      total: 8656,
      lines: [
        { skuId: 1, quantity: 2, lineTotal: 6666, refundedQuantity: 0, discount: 0 },
        { skuId: 2, quantity: 1, lineTotal: 1990, refundedQuantity: 0, discount: 1000 },
      ],
    })
    expect(paidPerLine(stored)).toEqual([6666, 990])
    expect(planRefund(stored, [{ skuId: 1, quantity: 1 }])).toMatchObject({ ok: true, amount: 3333 })
    expect(planRefund(stored, [{ skuId: 2, quantity: 1 }])).toMatchObject({ ok: true, amount: 990 })
    // One line without a stored discount: the whole order falls back to the proportional split.
    const mixed = order({ discount: 1000, lines: [stored.lines[0], { ...stored.lines[1], discount: undefined }] })
    expect(paidPerLine(mixed)).toEqual([6666 - 770, 1990 - 230])
  })

  it('refuses an unknown line, more units than remain, a non-positive quantity and an empty refund', () => {
    expect(planRefund(order(), [{ skuId: 7, quantity: 1 }])).toMatchObject({ ok: false, code: 'UNKNOWN_LINE' })
    expect(planRefund(order(), [{ skuId: 2, quantity: 2 }])).toMatchObject({ ok: false, code: 'TOO_MANY', message: '该商品最多还能退 1 件' })
    expect(planRefund(order(), [{ skuId: 1, quantity: 1 }, { skuId: 1, quantity: 2 }])).toMatchObject({ ok: false, code: 'TOO_MANY' })
    expect(planRefund(order(), [{ skuId: 1, quantity: 0 }])).toMatchObject({ ok: false, code: 'BAD_QUANTITY' })
    expect(planRefund(order(), [{ skuId: 1, quantity: 1.5 }])).toMatchObject({ ok: false, code: 'BAD_QUANTITY' })
    expect(planRefund(order(), [])).toMatchObject({ ok: false, code: 'NOTHING_TO_REFUND' })
    const done = order({ refundedAmount: 9656, lines: order().lines.map((l) => ({ ...l, refundedQuantity: l.quantity })) })
    expect(planRefund(done, 'all')).toMatchObject({ ok: false, code: 'NOTHING_TO_REFUND' })
    expect(planRefund(done, [{ skuId: 2, quantity: 1 }])).toMatchObject({ ok: false, code: 'TOO_MANY', message: '该商品已全部退款' })
  })
})

describe('planRefund properties', () => {
  const orders = fc
    .array(fc.record({ quantity: fc.integer({ min: 1, max: 99 }), unit: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 8 })
    .chain((ls) => {
      const subtotal = ls.reduce((n, l) => n + l.quantity * l.unit, 0)
      return fc.record({
        lines: fc.constant(ls.map((l, i) => ({ skuId: i + 1, quantity: l.quantity, lineTotal: l.quantity * l.unit, refundedQuantity: 0 }))),
        subtotal: fc.constant(subtotal),
        discount: fc.integer({ min: 0, max: subtotal }),
        shipping: fc.constantFrom(0, 1000),
      })
    })

  it('any sequence of partial refunds adds up to the order total, never more, each one positive or refused', () => {
    fc.assert(
      fc.property(orders, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 99 })), { maxLength: 40 }), (o, steps) => {
        const state: RefundableOrder = { subtotal: o.subtotal, discount: o.discount, total: o.subtotal - o.discount + o.shipping, refundedAmount: 0, lines: o.lines.map((l) => ({ ...l })) }
        let refunded = 0
        const apply = (plan: ReturnType<typeof planRefund>) => {
          if (!plan.ok) return
          expect(plan.amount).toBeGreaterThan(0)
          refunded += plan.amount
          state.refundedAmount += plan.amount
          state.lines = state.lines.map((l) => ({ ...l, refundedQuantity: l.refundedQuantity + (plan.lines.find((p) => p.skuId === l.skuId)?.quantity ?? 0) }))
          expect(refunded).toBeLessThanOrEqual(state.total)
        }
        for (const [pick, q] of steps) {
          const line = state.lines[pick % state.lines.length]
          apply(planRefund(state, [{ skuId: line.skuId, quantity: Math.min(q, Math.max(1, line.quantity - line.refundedQuantity)) }]))
        }
        apply(planRefund(state, 'all'))
        // Everything refunded: exactly the total (unless the total was 0: nothing to refund).
        expect(refunded).toBe(state.total)
      }),
    )
  })

  it('the discount split adds up to the discount and no line goes below zero', () => {
    fc.assert(
      fc.property(orders, (o) => {
        const paid = paidPerLine(o)
        expect(paid.reduce((a, b) => a + b, 0)).toBe(o.subtotal - o.discount)
        for (const p of paid) expect(p).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})
