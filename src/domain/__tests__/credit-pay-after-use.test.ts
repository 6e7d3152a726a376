import { describe, expect, it } from 'vitest'
import { PAY_AFTER_USE_DAYS, collectAt, payAfterUseMachine } from '../credit'

describe('pay after use: collect time', () => {
  it('is PAY_AFTER_USE_DAYS whole days after shipping', () => {
    expect(PAY_AFTER_USE_DAYS).toBe(7)
    expect(collectAt('2026-11-20T10:30:00.000Z')).toBe('2026-11-27T10:30:00.000Z')
    expect(collectAt(Date.parse('2026-11-20T10:30:00.000Z'))).toBe('2026-11-27T10:30:00.000Z')
    expect(() => collectAt('soon')).toThrow(RangeError)
  })
})

describe('pay after use, in words', () => {
  it('ships before payment, collects at confirm-receipt, retries a failed deduction', () => {
    let s = payAfterUseMachine.next('created', 'confirm', 'platform')
    expect(s).toBe('confirmed')
    s = payAfterUseMachine.next('confirmed', 'collect', 'shopper')
    expect(s).toBe('charging')
    expect(payAfterUseMachine.next('charging', 'charge_failed', 'platform')).toBe('charging')
    expect(payAfterUseMachine.next('charging', 'charged', 'platform')).toBe('charged')
  })

  it('denied credit: the shopper pays the ordinary way; nothing more happens to this credit order', () => {
    expect(payAfterUseMachine.next('created', 'deny', 'platform')).toBe('denied')
    expect(payAfterUseMachine.isFinal('denied')).toBe(true)
  })

  it('no cancel once collection has started', () => {
    expect(payAfterUseMachine.next('charging', 'cancel', 'admin')).toBeNull()
    expect(payAfterUseMachine.next('charged', 'cancel', 'system')).toBeNull()
  })

  it('a shopper cannot declare the charge made', () => {
    expect(payAfterUseMachine.next('charging', 'charged', 'shopper')).toBeNull()
    expect(payAfterUseMachine.next('created', 'confirm', 'shopper')).toBeNull()
  })
})
