import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler, setRouterParams, type RequestHandler } from '../../../../test/shims/taro'
import type { LineInput, PricePreview } from '@/domain/contract'
import type { PayResult } from '@/platform/payment/types'
import { useSession } from '@/store/session'
import CheckoutPage from '../index'
import { HOME, plainPreview } from './checkout-fixtures'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
vi.mock('@/platform/payment', () => ({
  paymentAdapter: { platform: 'weapp', pay: async (): Promise<PayResult> => ({ status: 'submitted' }) },
}))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
/** The shopper's balance as the fake server knows it (null: a preview without `points`, like a guest's). */
let balance: number | null
/** The most this order may spend, when the server lowers it meanwhile (undefined: the balance). */
let cap: number | undefined

/** 100 points = 1 yuan: a point is a fen. */
function pricedWithPoints(items: LineInput[], points: number | undefined): PricePreview | { code: string; message: string } {
  const p = plainPreview(items)
  if (balance === null) return p
  const usable = Math.min(balance, cap ?? balance, Math.floor(p.total / 2))
  if (points && points > usable) return { code: 'POINTS_OVER_LIMIT', message: '积分超过本单可用上限' }
  const used = points ?? 0
  return { ...p, discount: used, total: p.total - used, points: { balance, usable, value: usable, pointsPerYuan: 100, used, usedValue: used } }
}

beforeEach(() => {
  requests = []
  balance = 1500
  cap = undefined
  setRouterParams({ skuId: '11', quantity: '4' })
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'weapp' } })
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (path === '/api/credit/eligibility') return { statusCode: 200, data: { payAfterUse: { available: false, reason: null } } }
    if (path === '/api/addresses') return { statusCode: 200, data: { items: [HOME] } }
    if (path === '/api/orders/preview') {
      const body = r.data as { items: LineInput[]; points?: number }
      const answer = pricedWithPoints(body.items, body.points)
      return { statusCode: 'code' in answer ? 400 : 200, data: answer }
    }
    if (r.method === 'POST' && path === '/api/orders') return { statusCode: 201, data: { id: 77, status: 'created', items: [] } }
    if (r.method === 'POST' && path === '/api/orders/77/pay') return { statusCode: 200, data: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const previews = () => requests.filter((r) => r.url.endsWith('/api/orders/preview')).map((r) => (r.data as { points?: number }).points)
const orderPost = () => requests.find((r) => r.method === 'POST' && r.url.endsWith('/api/orders'))

async function open() {
  const view = render(<CheckoutPage />)
  await screen.findByText('西溪路 556 号', { exact: false })
  return view
}

describe('积分抵扣 at checkout', () => {
  it('offers the usable points; on, the preview and the order carry `points`', async () => {
    const { container } = await open()
    await screen.findByText('可用 1500 积分抵 ¥15.00')
    expect(previews()).toEqual([undefined])
    fireEvent.click(container.querySelector('.points-switch')!)
    await waitFor(() => expect(container.querySelector('.points-switch')!.className).toContain('is-on'))
    expect(previews()).toEqual([undefined, 1500])
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orderPost()).toBeDefined())
    expect((orderPost()!.data as { points?: number }).points).toBe(1500)
  })

  it('off again: priced and ordered without points', async () => {
    const { container } = await open()
    await screen.findByText('可用 1500 积分抵 ¥15.00')
    fireEvent.click(container.querySelector('.points-switch')!)
    await waitFor(() => expect(container.querySelector('.points-switch')!.className).toContain('is-on'))
    fireEvent.click(container.querySelector('.points-switch')!)
    await waitFor(() => expect(container.querySelector('.points-switch')!.className).not.toContain('is-on'))
    expect(previews().at(-1)).toBeUndefined()
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orderPost()).toBeDefined())
    expect(orderPost()!.data).not.toHaveProperty('points')
  })

  it('a cap lowered meanwhile (POINTS_OVER_LIMIT): priced again with the new usable', async () => {
    const { container } = await open()
    await screen.findByText('可用 1500 积分抵 ¥15.00')
    cap = 800
    fireEvent.click(container.querySelector('.points-switch')!)
    await screen.findByText('可用 800 积分抵 ¥8.00')
    await waitFor(() => expect(container.querySelector('.points-switch')!.className).toContain('is-on'))
    expect(previews()).toEqual([undefined, 1500, undefined, 800])
  })

  it('hidden without a quote (a guest’s preview) and when nothing is usable', async () => {
    balance = null
    const first = await open()
    await screen.findByText('提交订单')
    expect(first.container.querySelector('.points-switch')).toBeNull()
    first.unmount()
    balance = 0
    const second = await open()
    await screen.findByText('提交订单')
    expect(second.container.querySelector('.points-switch')).toBeNull()
  })
})
