import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler, setRouterParams, type RequestHandler } from '../../../../test/shims/taro'
import type { LineInput } from '@/domain/contract'
import type { PayResult } from '@/platform/payment/types'
import { useSession } from '@/store/session'
import CheckoutPage from '../index'
import { HOME, plainPreview } from './checkout-fixtures'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
const cashier = vi.hoisted(() => ({ calls: [] as unknown[] }))
vi.mock('@/platform/payment', () => ({
  paymentAdapter: {
    platform: 'weapp',
    pay: async (p: unknown): Promise<PayResult> => {
      cashier.calls.push(p)
      return { status: 'submitted' }
    },
  },
}))


type Req = Parameters<RequestHandler>[0]
let requests: Req[]

beforeEach(() => {
  requests = []
  cashier.calls.length = 0
  setRouterParams({ skuId: '11', quantity: '4' })
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'weapp' } })
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (path === '/api/credit/eligibility') return { statusCode: 200, data: { payAfterUse: { available: true, reason: null } } }
    if (path === '/api/addresses') return { statusCode: 200, data: { items: [HOME] } }
    if (path === '/api/orders/preview') return { statusCode: 200, data: plainPreview((r.data as { items: LineInput[] }).items) }
    if (r.method === 'POST' && path === '/api/orders') return { statusCode: 201, data: { id: 77, status: 'created', items: [] } }
    if (r.method === 'POST' && path === '/api/orders/77/pay') return { statusCode: 200, data: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const orderPost = () => requests.find((r) => r.method === 'POST' && r.url.endsWith('/api/orders'))

async function asGift() {
  const view = render(<CheckoutPage />)
  await screen.findByText('西溪路 556 号', { exact: false })
  await screen.findByText('立即支付')
  fireEvent.click(view.container.querySelector('.gift-switch')!)
  return view
}

describe('checkout as a gift', () => {
  it('replaces the address with the gift form and hides pay after use', async () => {
    const { container } = await asGift()
    expect(container.querySelector('.checkout-address')).toBeNull()
    expect(container.querySelector('.gift-form')).not.toBeNull()
    expect(container.querySelector('.pay-mode')).toBeNull()
    expect(container.querySelector('.gift-form__counter')!.textContent).toBe('0/60')
  })

  it('steps the recipients only to numbers that split the quantity (4: 1, 2, 4)', async () => {
    const { container } = await asGift()
    const value = () => container.querySelector('.gift-form__recipients')!.textContent
    expect(value()).toBe('1')
    fireEvent.click(container.querySelector('.gift-form__plus')!)
    expect(value()).toBe('2')
    fireEvent.click(container.querySelector('.gift-form__plus')!)
    expect(value()).toBe('4')
    expect(container.querySelector('.gift-form__plus')!.className).toContain('is-disabled')
    fireEvent.click(container.querySelector('.gift-form__minus')!)
    expect(value()).toBe('2')
  })

  it('places the order with `gift` and no addressId, then pays', async () => {
    const { container } = await asGift()
    fireEvent.change(container.querySelector('.gift-form__message')!, { target: { value: ' 生日快乐 ' } })
    fireEvent.click(container.querySelector('.gift-form__plus')!)
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(cashier.calls).toHaveLength(1))
    const body = orderPost()!.data as Record<string, unknown>
    expect(body.gift).toEqual({ message: '生日快乐', recipients: 2 })
    expect(body).not.toHaveProperty('addressId')
    expect(body).not.toHaveProperty('paymentMode')
  })

  it('shows why a too long message cannot be sent and places nothing', async () => {
    const { container } = await asGift()
    fireEvent.change(container.querySelector('.gift-form__message')!, { target: { value: '礼'.repeat(61) } })
    expect(container.querySelector('.gift-form__problem')!.textContent).toBe('祝福语最多 60 个字')
    fireEvent.click(container.querySelector('.submit-order')!)
    await new Promise((r) => setTimeout(r, 20))
    expect(orderPost()).toBeUndefined()
  })

  it('switched off again, it is the ordinary order with the address', async () => {
    const { container } = await asGift()
    fireEvent.click(container.querySelector('.gift-switch')!)
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orderPost()).toBeDefined())
    expect(orderPost()!.data).toMatchObject({ addressId: 3 })
    expect(orderPost()!.data).not.toHaveProperty('gift')
  })
})
