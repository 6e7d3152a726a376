import { describe, expect, it } from 'vitest'
import { timeLeftToPay, timelineSteps } from '../timeline'

describe('timelineSteps', () => {
  it('marks done, current and todo along the happy path', () => {
    const steps = timelineSteps({ status: 'paid', timeline: [{ status: 'created', at: '2026-11-23T10:00:00Z', note: null }, { status: 'paid', at: '2026-11-23T10:05:00Z', note: null }] })
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['created', 'done'],
      ['paid', 'current'],
      ['shipped', 'todo'],
      ['completed', 'todo'],
    ])
    expect(steps[1].at).toBe('2026-11-23T10:05:00Z')
    expect(steps[2].at).toBeNull()
  })

  it('ends a cancelled order where it left the path', () => {
    const steps = timelineSteps({ status: 'cancelled', timeline: [{ status: 'created', at: 'a', note: null }, { status: 'cancelled', at: 'b', note: '买家取消' }] })
    expect(steps.map((s) => [s.status, s.state, s.label])).toEqual([
      ['created', 'done', '提交订单'],
      ['cancelled', 'current', '已取消'],
    ])
  })

  it('keeps the reached steps of a refund', () => {
    const steps = timelineSteps({ status: 'refunding', timeline: [{ status: 'created', at: 'a', note: null }, { status: 'paid', at: 'b', note: null }, { status: 'refunding', at: 'c', note: null }] })
    expect(steps.map((s) => s.status)).toEqual(['created', 'paid', 'refunding'])
  })
})

describe('timeLeftToPay', () => {
  const now = Date.parse('2026-11-23T10:00:00Z')
  it('counts down in minutes and seconds', () => {
    expect(timeLeftToPay('2026-11-23T10:14:05Z', now)).toBe('14分05秒')
    expect(timeLeftToPay('2026-11-23T11:30:00Z', now)).toBe('1小时30分00秒')
  })
  it('is null once the time is up or when there is no deadline', () => {
    expect(timeLeftToPay('2026-11-23T10:00:00Z', now)).toBeNull()
    expect(timeLeftToPay(null, now)).toBeNull()
  })
})
