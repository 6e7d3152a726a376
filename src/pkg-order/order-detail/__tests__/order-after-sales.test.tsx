import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, resetTaroShim, setRequestHandler, setRouterParams } from '../../../../test/shims/taro'
import type { AfterSale } from '@/domain/after-sales'
import type { OrderStatus } from '@/domain/order-state'
import type { OrderTracking } from '@/domain/shipping'
import { useSession } from '@/store/session'
import OrderDetailPage from '../index'
import { orderFixture } from '../../../../test/helpers/orders'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

const request = { id: 9, type: 'refund', status: 'refunding', amount: 1990, photos: [], lines: [{ orderItemId: 1, skuId: 1, title: '纯棉T恤', specs: '', image: '', quantity: 1, amount: 1990 }] } as unknown as AfterSale
const tracking: OrderTracking = {
  orderId: 42,
  kind: 'express',
  parcels: [{ carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF1', state: 'in_transit', updatedAt: null, events: [{ at: '2026-12-01T10:00:00.000Z', text: '运输中', area: null }] }],
}

function server(status: OrderStatus, afterSales: { status: number; data: unknown }) {
  const asked: string[] = []
  setRequestHandler((r) => {
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    asked.push(`${r.method} ${path}`)
    if (path === '/api/orders/42') return { statusCode: 200, data: orderFixture(status, { shippedAt: status === 'shipped' ? '2026-12-01T08:00:00.000Z' : null, tracking: { carrier: '顺丰', number: 'SF1' } }) }
    if (path === '/api/orders/42/after-sales') return { statusCode: afterSales.status, data: afterSales.data }
    if (path === '/api/orders/42/tracking') return { statusCode: 200, data: tracking }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
  return asked
}

describe('after-sales and the trace on the order page', () => {
  beforeEach(() => {
    resetTaroShim()
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    setRouterParams({ id: '42' })
  })

  it('申请售后 while the order allows a type, the requests made so far, and the parcel trace', async () => {
    server('shipped', { status: 200, data: { types: ['refund', 'return', 'exchange'], windowEndsAt: null, items: [request] } })
    const { container } = render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('申请售后'))
    expect(navigation.at(-1)).toEqual({ method: 'navigateTo', url: '/pkg-order/after-sale-apply/index?orderId=42' })
    expect(container.querySelector('.after-sale-row__status')!.textContent).toBe('退款中')
    fireEvent.click(container.querySelector('.after-sale-row')!)
    expect(navigation.at(-1)).toEqual({ method: 'navigateTo', url: '/pkg-order/after-sale/index?id=9' })
    expect(screen.getByText('顺丰速运 SF1')).toBeTruthy()
    expect(screen.getByText('运输中', { selector: '.order-tracking__state' })).toBeTruthy()
  })

  it('no type allowed and no request: no after-sales section; an unpaid order asks neither after-sales nor trace', async () => {
    const asked = server('created', { status: 200, data: { types: [], windowEndsAt: null, items: [] } })
    render(<OrderDetailPage />)
    await screen.findByText('订单编号')
    await new Promise((r) => setTimeout(r, 10))
    expect(screen.queryByText('申请售后')).toBeNull()
    expect(asked).toEqual(['GET /api/orders/42'])
  })

  it('when the after-sales answer fails the order still shows, with the old tracking line as the fallback trace', async () => {
    server('paid', { status: 500, data: { code: 'INTERNAL', message: 'x' } })
    render(<OrderDetailPage />)
    await screen.findByText('订单编号')
    await waitFor(() => expect(screen.getByText('顺丰 SF1')).toBeTruthy())
    expect(screen.queryByText('申请售后')).toBeNull()
  })
})
