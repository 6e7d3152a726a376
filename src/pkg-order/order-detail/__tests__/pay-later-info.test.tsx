import { describe, expect, it } from 'vitest'
import { render } from '@testing-library/react'
import PayLaterInfo from '../pay-later-info'
import { timelineSteps } from '../timeline'

const text = (c: HTMLElement) => Array.from(c.querySelectorAll('.order-pay-later > *')).map((e) => e.textContent)

describe('先享后付 on the order', () => {
  it('confirmed: what is collected at receipt and the latest collect time', () => {
    const { container } = render(<PayLaterInfo credit={{ state: 'confirmed', amount: 3980, collectAt: '2026-12-01T02:00:00.000Z', charged: 0 }} />)
    const lines = text(container)
    expect(lines[0]).toBe('先享后付 · 已确认·待扣款')
    expect(lines[1]).toBe('确认收货后扣款 ¥39.80')
    expect(lines[2]).toMatch(/^未确认收货将于 2026-12-01 \d\d:00:00 自动扣款$/)
  })

  it('charged: the amount taken; denied: only the state', () => {
    const { container, unmount } = render(<PayLaterInfo credit={{ state: 'charged', amount: 3980, collectAt: null, charged: 3980 }} />)
    expect(text(container)).toEqual(['先享后付 · 已扣款', '已扣款 ¥39.80'])
    unmount()
    const denied = render(<PayLaterInfo credit={{ state: 'denied', amount: 3980, collectAt: null, charged: 0 }} />)
    expect(text(denied.container)).toEqual(['先享后付 · 未通过'])
  })
})

it('the timeline calls a pay-after-use order confirmed, not paid', () => {
  const timeline = [{ status: 'created' as const, at: '2026-11-24T01:00:00.000Z', note: null }, { status: 'paid' as const, at: '2026-11-24T01:01:00.000Z', note: null }]
  expect(timelineSteps({ status: 'paid', timeline, credit: { state: 'confirmed', amount: 100, collectAt: null, charged: 0 } })[1].label).toBe('先享后付已确认')
  expect(timelineSteps({ status: 'paid', timeline })[1].label).toBe('付款成功')
})
