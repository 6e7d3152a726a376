import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, resetTaroShim, setRequestHandler, setRouterParams, toasts } from '../../../../test/shims/taro'
import type { AfterSale } from '@/domain/after-sales'
import type { Order, OrderItem } from '@/domain/contract'
import { useSession } from '@/store/session'
import { orderFixture, TEE_LINE } from '../../../../test/helpers/orders'
import { buildRequest, clampQuantity, estimateRefund, linePaid, unitsLeft } from '../apply-form'
import AfterSaleApplyPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

// Line 1: 3 tees for 5970 with 570 of the order's discount (5400 paid); line 2: 2 mugs, 1 refunded.
const TEES: OrderItem = { ...TEE_LINE, id: 1, quantity: 3, lineTotal: 5970, discount: 570 }
const MUGS: OrderItem = { ...TEE_LINE, id: 2, skuId: 2, title: '马克杯', quantity: 2, unitPrice: 2500, lineTotal: 5000, discount: 0, refundedQuantity: 1 }
const order: Order = orderFixture('shipped', { items: [TEES, MUGS], itemCount: 5, subtotal: 10970, discount: 570, total: 10400 })

const request = (status: AfterSale['status'], lines: { orderItemId: number; quantity: number }[], refund: AfterSale['refund'] = null) =>
  ({ status, refund, lines: lines.map((l) => ({ ...l, skuId: 1, title: 't', specs: '', image: '', amount: 0 })) }) as Pick<AfterSale, 'status' | 'lines' | 'refund'>

describe('apply form rules', () => {
  it('units left: bought less refunded less what open, refunded or exchanged requests hold; ended-empty requests free theirs', () => {
    expect(unitsLeft(order, [])).toEqual({ 1: 3, 2: 1 })
    expect(unitsLeft(order, [request('requested', [{ orderItemId: 1, quantity: 2 }]), request('withdrawn', [{ orderItemId: 1, quantity: 1 }])])).toEqual({ 1: 1, 2: 1 })
    expect(unitsLeft(order, [request('exchanged', [{ orderItemId: 1, quantity: 3 }]), request('refused', [{ orderItemId: 2, quantity: 1 }])])).toEqual({ 1: 0, 2: 1 })
    // The mug's refunded unit came from a request whose refund was reserved: counted once (refundedQuantity), not twice.
    expect(unitsLeft(order, [request('refunded', [{ orderItemId: 2, quantity: 1 }], { id: 7, status: 'succeeded', failure: null })])).toEqual({ 1: 3, 2: 1 })
  })

  it('estimates the refund from what the units were paid (after their discount share); an exchange refunds nothing', () => {
    expect(linePaid(TEES, 1)).toBe(1800)
    expect(linePaid(TEES, 3)).toBe(5400)
    expect(estimateRefund('return', order.items, { 1: 2, 2: 1 })).toBe(3600 + 2500)
    expect(estimateRefund('refund', order.items, { 1: 0 })).toBe(0)
    expect(estimateRefund('exchange', order.items, { 1: 2 })).toBe(0)
  })

  it('quantities stay within 0..left', () => {
    expect([clampQuantity(5, 3), clampQuantity(-1, 3), clampQuantity(2.7, 3), clampQuantity(1, 0), clampQuantity(Number.NaN, 3)]).toEqual([3, 0, 2, 0, 0])
  })

  it('builds exactly the request body, or says what is missing', () => {
    const base = { type: 'return' as const, chosen: { 1: 2, 2: 0 }, reason: ' 商品质量问题 ', description: '', photos: [] }
    expect(buildRequest(base)).toEqual({ ok: true, input: { type: 'return', lines: [{ orderItemId: 1, quantity: 2 }], reason: '商品质量问题' } })
    expect(buildRequest({ ...base, description: ' 开线 ', photos: ['/api/uploads/a.jpg'] })).toEqual({
      ok: true,
      input: { type: 'return', lines: [{ orderItemId: 1, quantity: 2 }], reason: '商品质量问题', description: '开线', photos: ['/api/uploads/a.jpg'] },
    })
    expect(buildRequest({ ...base, type: null })).toEqual({ ok: false, message: '请选择售后类型' })
    expect(buildRequest({ ...base, chosen: { 1: 0 } })).toEqual({ ok: false, message: '请选择要售后的商品' })
    expect(buildRequest({ ...base, reason: ' ' })).toEqual({ ok: false, message: '请选择售后原因' })
    expect(buildRequest({ ...base, photos: Array.from({ length: 7 }, (_, i) => `/p${i}`) })).toEqual({ ok: false, message: '最多上传 6 张图片' })
  })
})

describe('the apply page', () => {
  const posted: unknown[] = []
  beforeEach(() => {
    resetTaroShim()
    posted.length = 0
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    setRouterParams({ orderId: '42' })
    setRequestHandler((r) => {
      const path = r.url.replace(/^https?:\/\/[^/]+/, '')
      if (r.method === 'GET' && path === '/api/orders/42') return { statusCode: 200, data: order }
      if (r.method === 'GET' && path === '/api/orders/42/after-sales') return { statusCode: 200, data: { types: ['refund', 'return', 'exchange'], windowEndsAt: null, items: [] } }
      if (r.method === 'POST' && path === '/api/orders/42/after-sales') {
        posted.push(r.data)
        return { statusCode: 201, data: { id: 9, status: 'requested' } }
      }
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
    })
  })
  afterEach(() => vi.restoreAllMocks())

  it('bounds each line by what is left, shows the estimate, and submits the chosen lines then opens the request', async () => {
    const { container } = render(<AfterSaleApplyPage />)
    await screen.findByText('售后商品')
    const line = (id: number) => container.querySelector(`[data-item="${id}"]`)!
    const plus = (id: number) => line(id).querySelector('.quantity-stepper__plus')!
    // Mugs: 2 bought, 1 refunded: one more tap is refused.
    fireEvent.click(plus(2))
    fireEvent.click(plus(2))
    expect(line(2).querySelector('.quantity-stepper__value')!.textContent).toBe('1')
    expect(plus(2).getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(plus(1))
    fireEvent.click(plus(1))
    expect(screen.getByText('预计退款 ¥61.00')).toBeTruthy()

    fireEvent.click(screen.getByText('提交申请'))
    await waitFor(() => expect(toasts).toContain('请选择售后原因'))
    expect(posted).toEqual([])

    fireEvent.click(screen.getByText('商家未按约定时间发货'))
    fireEvent.click(screen.getByText('提交申请'))
    await waitFor(() => expect(navigation).toContainEqual({ method: 'redirectTo', url: '/pkg-order/after-sale/index?id=9' }))
    expect(posted).toEqual([{ type: 'refund', lines: [{ orderItemId: 1, quantity: 2 }, { orderItemId: 2, quantity: 1 }], reason: '商家未按约定时间发货' }])
  })

  it('换货 shows no refund and keeps the reasons of its own type', async () => {
    render(<AfterSaleApplyPage />)
    await screen.findByText('售后商品')
    fireEvent.click(screen.getByText('换货'))
    expect(screen.getByText('换货不退款')).toBeTruthy()
    expect(screen.getByText('尺码 / 规格不合适')).toBeTruthy()
    expect(screen.queryByText('不想要了')).toBeNull()
  })
})
