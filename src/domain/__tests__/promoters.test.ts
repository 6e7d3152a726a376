import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  accrueCommission,
  bindingAt,
  canApply,
  checkWithdrawal,
  WECHAT_TRANSFER_MAX_WITHOUT_NAME,
  checkPromoterSettings,
  commissionOf,
  decideBinding,
  DEFAULT_PROMOTER_SETTINGS,
  MAX_RATE_BP,
  pendingOf,
  releaseLine,
  reverseForRefund,
  stateOf,
  type Binding,
  type CommissionLine,
} from '../promoters'

const DAY = 86_400_000
const T0 = new Date('2026-06-01T00:00:00Z')
const at = (days: number) => new Date(T0.getTime() + days * DAY)
const bound = (promoterId: number, days: number, lockDays = 30): Binding => ({ promoterId, boundAt: at(days), lockedUntil: at(days + lockDays) })
const visit = (promoterId: number, over: Partial<{ customerId: number; promoterUserId: number; active: boolean }> = {}) => ({ customerId: 7, promoterId, promoterUserId: 100 + promoterId, active: true, ...over })

describe('applying', () => {
  it('after_purchase needs one paid order; approval waits for staff; open approves at once', () => {
    expect(canApply('after_purchase', 0)).toMatchObject({ ok: false, code: 'NEEDS_PURCHASE' })
    expect(canApply('after_purchase', 1)).toEqual({ ok: true, status: 'approved' })
    expect(canApply('approval', 0)).toEqual({ ok: true, status: 'pending' })
    expect(canApply('open', 0)).toEqual({ ok: true, status: 'approved' })
  })

  it('settings: the defaults pass, each bad field is named', () => {
    expect(checkPromoterSettings(DEFAULT_PROMOTER_SETTINGS)).toEqual({ ok: true })
    const bad = (over: object) => checkPromoterSettings({ ...DEFAULT_PROMOTER_SETTINGS, ...over })
    expect(bad({ lockDays: 0 })).toMatchObject({ ok: false, field: 'lockDays' })
    expect(bad({ level1RateBp: 5001 })).toMatchObject({ ok: false, field: 'level1RateBp' })
    expect(bad({ level1RateBp: 4000, level2RateBp: 1001 })).toMatchObject({ ok: false, field: 'level2RateBp' })
    expect(bad({ minWithdrawal: 9 })).toMatchObject({ ok: false, field: 'minWithdrawal' })
    expect(bad({ dailyWithdrawalLimit: 50, minWithdrawal: 100 })).toMatchObject({ ok: false, field: 'dailyWithdrawalLimit' })
    expect(bad({ applyMode: 'anyone' })).toMatchObject({ ok: false, field: 'applyMode' })
  })
})

describe('binding (锁客)', () => {
  it('a first visit binds for lockDays', () => {
    expect(decideBinding(null, visit(1), at(0), 30)).toEqual({ kind: 'bind', lockedUntil: at(30) })
  })

  it('a promoter never binds themselves; an inactive promoter binds nobody', () => {
    expect(decideBinding(null, visit(1, { customerId: 101 }), at(0), 30)).toEqual({ kind: 'ignore', reason: 'self' })
    expect(decideBinding(null, visit(1, { active: false }), at(0), 30)).toEqual({ kind: 'ignore', reason: 'not_promoter' })
    expect(decideBinding(bound(2, -40), visit(1, { active: false }), at(0), 30)).toEqual({ kind: 'ignore', reason: 'not_promoter' })
  })

  it('inside the lock another promoter does not take the customer; after it, they do', () => {
    expect(decideBinding(bound(1, 0), visit(2), at(29.9), 30)).toEqual({ kind: 'keep', reason: 'locked' })
    expect(decideBinding(bound(1, 0), visit(2), at(30), 30)).toEqual({ kind: 'bind', lockedUntil: at(60) })
  })

  it('the same promoter again inside the lock does not extend it (first touch counts)', () => {
    expect(decideBinding(bound(1, 0), visit(1), at(10), 30)).toEqual({ kind: 'keep', reason: 'same' })
  })

  it('an order earns for the binding in force when paid, never for the buyer themselves', () => {
    expect(bindingAt(null, null, at(1))).toBeNull()
    expect(bindingAt(bound(1, 0), null, at(1))).toBe(1)
    expect(bindingAt(bound(1, 0), null, at(30))).toBeNull()
    expect(bindingAt(bound(1, 0), 1, at(1))).toBeNull()
    expect(bindingAt(bound(1, 0), 2, at(1))).toBe(1)
  })

  it('property: whatever the visits, a customer is bound to one promoter at a time and the lock is never shortened by another promoter', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ promoterId: fc.integer({ min: 1, max: 4 }), dt: fc.integer({ min: 0, max: 40 * DAY }) }), { maxLength: 30 }), (visits) => {
        let cur: Binding | null = null
        let t = T0.getTime()
        for (const v of visits) {
          t += v.dt
          const now = new Date(t)
          const d = decideBinding(cur, visit(v.promoterId), now, 30)
          if (cur && cur.lockedUntil.getTime() > t) expect(d.kind).toBe('keep')
          if (d.kind === 'bind') cur = { promoterId: v.promoterId, boundAt: now, lockedUntil: d.lockedUntil }
          if (cur) expect(cur.lockedUntil.getTime() - cur.boundAt.getTime()).toBe(30 * DAY)
        }
      }),
    )
  })
})

describe('commission', () => {
  const shop = { level1RateBp: 1000, level2RateBp: 300 }

  it('per line and level; a product rate replaces the shop rate of its level only; zero rows left out', () => {
    const lines = [
      { orderItemId: 1, productId: 10, paid: 3900 },
      { orderItemId: 2, productId: 20, paid: 4999 },
      { orderItemId: 3, productId: 30, paid: 5 },
    ]
    const rates = new Map([[20, { level1RateBp: 2000, level2RateBp: null }]])
    expect(accrueCommission(lines, shop, rates, true)).toEqual([
      { orderItemId: 1, level: 1, rateBp: 1000, base: 3900, amount: 390 },
      { orderItemId: 1, level: 2, rateBp: 300, base: 3900, amount: 117 },
      { orderItemId: 2, level: 1, rateBp: 2000, base: 4999, amount: 999 },
      { orderItemId: 2, level: 2, rateBp: 300, base: 4999, amount: 149 },
    ])
    expect(accrueCommission(lines, shop, rates, false).map((c) => c.level)).toEqual([1, 1])
    expect(accrueCommission(lines, shop, new Map([[10, { level1RateBp: 0, level2RateBp: 0 }]]), true).filter((c) => c.orderItemId === 1)).toEqual([])
  })

  it('property: never more than the rate on what was paid, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 10_000_000 }), fc.integer({ min: -10, max: 20_000 }), (paid, rate) => {
        const c = commissionOf(paid, rate)
        expect(c).toBeGreaterThanOrEqual(0)
        expect(Number.isInteger(c)).toBe(true)
        expect(c * 10_000).toBeLessThanOrEqual(Math.max(0, paid) * Math.min(Math.max(rate, 0), MAX_RATE_BP))
      }),
    )
  })

  const line = (accrued: number, base: number): CommissionLine => ({ accrued, base, reversed: 0, released: 0, refundedBase: 0 })

  it('a partial refund reverses its share; the rest of the base reverses the rest', () => {
    const a = reverseForRefund(line(390, 3900), 1300)
    expect(a.reversedNow).toBe(130)
    const b = reverseForRefund(a.line, 2600)
    expect(b.reversedNow).toBe(260)
    expect(stateOf(b.line)).toBe('reversed')
    expect(pendingOf(b.line)).toBe(0)
  })

  it('released commission is never reversed; release takes what is pending once', () => {
    const r = releaseLine(reverseForRefund(line(390, 3900), 1000).line)
    expect(r.releasedNow).toBe(390 - 100)
    expect(stateOf(r.line)).toBe('released')
    expect(reverseForRefund(r.line, 2900)).toEqual({ line: r.line, reversedNow: 0 })
    expect(releaseLine(r.line).releasedNow).toBe(0)
  })

  it('property: any sequence of partial refunds and one release keeps released + reversed + pending = accrued, none negative', () => {
    const step = fc.oneof(fc.record({ kind: fc.constant('refund' as const), fen: fc.integer({ min: 0, max: 12_000 }) }), fc.constant({ kind: 'release' as const, fen: 0 }))
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: MAX_RATE_BP }), fc.array(step, { maxLength: 12 }), (base, rate, steps) => {
        let l = line(commissionOf(base, rate), base)
        let releasedOnce = false
        let reversedTotal = 0
        for (const s of steps) {
          if (s.kind === 'refund') {
            const before = l
            const r = reverseForRefund(l, s.fen)
            reversedTotal += r.reversedNow
            l = r.line
            if (before.released > 0) expect(r.reversedNow).toBe(0)
          } else if (!releasedOnce) {
            l = releaseLine(l).line
            releasedOnce = true
          }
          expect(l.released + l.reversed + pendingOf(l)).toBe(l.accrued)
          for (const v of [l.released, l.reversed, pendingOf(l), l.refundedBase]) expect(v).toBeGreaterThanOrEqual(0)
          expect(l.refundedBase).toBeLessThanOrEqual(l.base)
          expect(l.reversed).toBe(reversedTotal)
        }
      }),
    )
  })

  it('property: refunding the whole base (in any pieces) before release reverses everything', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: MAX_RATE_BP }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (base, rate, weights) => {
        let l = line(commissionOf(base, rate), base)
        const sum = weights.reduce((a, b) => a + b, 0)
        let given = 0
        weights.forEach((w, i) => {
          const piece = i === weights.length - 1 ? base - given : Math.floor((base * w) / sum)
          given += piece
          l = reverseForRefund(l, piece).line
        })
        expect(l.reversed).toBe(l.accrued)
        expect(pendingOf(l)).toBe(0)
        expect(releaseLine(l).releasedNow).toBe(0)
      }),
    )
  })
})

describe('checkWithdrawal', () => {
  const s = DEFAULT_PROMOTER_SETTINGS
  it('refuses no amount in the words the withdraw page shows (it was "提现金额须为正整数（分）")', () => {
    for (const amount of [0, -100, 1.5]) expect(checkWithdrawal(amount, 10_000, 0, s)).toMatchObject({ ok: false, code: 'BAD_AMOUNT', message: '请输入正确的提现金额' })
  })
  it('passes an amount within balance, minimum and the daily limit; reviews above reviewAbove', () => {
    expect(checkWithdrawal(590, 590, 0, s)).toEqual({ ok: true, review: false })
    expect(checkWithdrawal(s.reviewAbove + 1, 1_000_000, 0, s)).toEqual({ ok: true, review: true })
  })
  it('keeps a WeChat withdrawal below the 2,000-yuan real-name threshold, before the balance is even looked at', () => {
    const big = { ...s, dailyWithdrawalLimit: 1_000_000 }
    expect(checkWithdrawal(200_000, 1_000_000, 0, big, WECHAT_TRANSFER_MAX_WITHOUT_NAME)).toMatchObject({ ok: false, status: 400, code: 'OVER_SINGLE_LIMIT' })
    expect(checkWithdrawal(200_000, 100, 0, big, WECHAT_TRANSFER_MAX_WITHOUT_NAME)).toMatchObject({ code: 'OVER_SINGLE_LIMIT' })
    expect(checkWithdrawal(199_999, 1_000_000, 0, big, WECHAT_TRANSFER_MAX_WITHOUT_NAME)).toEqual({ ok: true, review: true })
    // Alipay: no single cap.
    expect(checkWithdrawal(200_000, 1_000_000, 0, big)).toEqual({ ok: true, review: true })
  })
})
