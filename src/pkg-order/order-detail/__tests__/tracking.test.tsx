import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import type { OrderTracking } from '@/domain/shipping'
import TrackingTrace from '../tracking-trace'
import { hasTrace } from '../use-order-extras'

const parcel = (trackingNo: string, state: OrderTracking['parcels'][number]['state'], events: OrderTracking['parcels'][number]['events']) => ({
  carrier: 'SF',
  carrierName: '顺丰速运',
  trackingNo,
  state,
  events,
  updatedAt: null,
})

describe('the order page trace', () => {
  it('one parcel: carrier, number, state label and events newest first with their area', () => {
    const { container } = render(
      <TrackingTrace
        tracking={{
          orderId: 42,
          kind: 'express',
          parcels: [
            parcel('SF1', 'delivered', [
              { at: '2026-12-02T09:00:00.000Z', text: '已签收', area: '上海市' },
              { at: '2026-12-01T10:00:00.000Z', text: '已揽收', area: null },
            ]),
          ],
        }}
      />,
    )
    expect(screen.getByText('顺丰速运 SF1')).toBeTruthy()
    expect(screen.getByText('已签收', { selector: '.order-tracking__state' })).toBeTruthy()
    expect(Array.from(container.querySelectorAll('.order-tracking__text')).map((n) => n.textContent)).toEqual(['已签收', '已揽收'])
    // The area goes with the time (the carrier's text often names the city already).
    const times = Array.from(container.querySelectorAll('.order-tracking__time')).map((n) => n.textContent ?? '')
    expect(times[0]).toMatch(/ · 上海市$/)
    expect(times[1]).not.toContain('·')
    expect(container.querySelector('.order-tracking__event')!.className).toContain('is-latest')
  })

  it('several parcels are numbered; a parcel without events says so; no parcels: nothing', () => {
    render(<TrackingTrace tracking={{ orderId: 42, kind: 'express', parcels: [parcel('A1', 'pending', []), parcel('B2', 'in_transit', [])] }} />)
    expect(screen.getByText('包裹1 顺丰速运 A1')).toBeTruthy()
    expect(screen.getByText('包裹2 顺丰速运 B2')).toBeTruthy()
    expect(screen.getAllByText('暂无物流轨迹，请稍后查看')).toHaveLength(2)
    expect(screen.getByText('待揽收')).toBeTruthy()
    const { container } = render(<TrackingTrace tracking={{ orderId: 42, kind: null, parcels: [] }} />)
    expect(container.innerHTML).toBe('')
  })

  it('only orders that left the shop are asked for a trace', () => {
    expect(hasTrace({ status: 'paid', shippedAt: null })).toBe(false)
    expect(hasTrace({ status: 'shipped', shippedAt: null })).toBe(true)
    expect(hasTrace({ status: 'refunded', shippedAt: '2026-12-01T00:00:00.000Z' })).toBe(true)
  })
})
