import { describe, expect, it } from 'vitest'
import { render } from '@testing-library/react'
import TrackingTrace from '../tracking-trace'

const texts = (c: HTMLElement, sel: string) => Array.from(c.querySelectorAll(sel)).map((e) => e.textContent)

describe('物流信息 on the order', () => {
  it('shows each parcel, its state and its events newest first; a return is marked', () => {
    const { container } = render(
      <TrackingTrace
        tracking={{
          orderId: 7,
          kind: 'express',
          parcels: [
            {
              carrier: 'ZTO',
              carrierName: '中通快递',
              trackingNo: 'ZT1',
              state: 'delivering',
              events: [
                { at: '2026-12-05T02:30:00.000Z', text: '快件正在派送中', area: null },
                { at: '2026-12-04T10:00:00.000Z', text: '快件已揽收', area: null },
              ],
              updatedAt: '2026-12-05T02:30:00.000Z',
              direction: 'delivery',
            },
            { carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF9', state: 'pending', events: [], updatedAt: null, direction: 'return' },
          ],
        }}
      />,
    )
    expect(texts(container, '.tracking-trace__no')).toEqual(['中通快递 ZT1', '退货 · 顺丰速运 SF9'])
    expect(texts(container, '.tracking-trace__state')).toEqual(['派送中', '待揽收'])
    expect(texts(container, '.tracking-trace__text')).toEqual(['快件正在派送中', '快件已揽收'])
    expect(texts(container, '.tracking-trace__event.is-latest .tracking-trace__text')).toEqual(['快件正在派送中'])
    expect(texts(container, '.tracking-trace__empty')).toEqual(['暂无物流轨迹，快递揽收后更新'])
  })

  it('renders nothing without parcels', () => {
    const { container } = render(<TrackingTrace tracking={{ orderId: 7, kind: null, parcels: [] }} />)
    expect(container.innerHTML).toBe('')
  })
})
