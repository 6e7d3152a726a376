import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams, type RequestHandler } from '../../../test/shims/taro'
import type { CreditConfirmParams } from '@/domain/contract'
import type { CreditConfirmResult } from '@/platform/credit/types'
import { route } from '@/routes'
import RentPage from '../rent/index'
import { CAMERA, cover, H5_CONFIRM, login, rental } from './fixtures'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
const platform = vi.hoisted(() => ({ result: { status: 'confirmed' } as CreditConfirmResult, calls: [] as unknown[][] }))
vi.mock('@/platform/credit', () => ({
  creditAdapter: {
    confirmCredit: async (p: CreditConfirmParams, o: unknown) => {
      platform.calls.push([p, o])
      return platform.result
    },
  },
}))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
let afterConfirm = rental({ state: 'authorized', cover: cover(200000) })

beforeEach(() => {
  requests = []
  platform.calls.length = 0
  platform.result = { status: 'confirmed' }
  setRouterParams({ id: '21' })
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (path === '/api/products/21') return { statusCode: 200, data: CAMERA }
    if (path === '/api/addresses') return { statusCode: 200, data: { items: [] } }
    if (r.method === 'POST' && path === '/api/rentals') return { statusCode: 201, data: { credit: rental(), confirm: H5_CONFIRM } }
    if (r.method === 'GET' && path === '/api/rentals/5') return { statusCode: 200, data: afterConfirm }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const rentPosts = () => requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/rentals'))

async function ready() {
  const view = render(<RentPage />)
  await screen.findByText('微单相机')
  return view
}

describe('rent page', () => {
  it('shows the fee estimate, the deposit and the platform credit service that can waive it', async () => {
    login('alipay')
    const { container } = await ready()
    expect(container.querySelector('.rent-fee')!.textContent).toBe('¥30.00')
    expect(container.querySelector('.rent-deposit')!.textContent).toContain('押金 ¥2000.00')
    expect(container.querySelector('.rent-deposit__hint')!.textContent).toBe('芝麻信用可免押')
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(screen.getByLabelText('增加'))
    expect(container.querySelector('.rent-fee')!.textContent).toBe('¥90.00')
  })

  it('posts the RentInput, opens the confirm, and shows the waiver once the server has the rental authorized', async () => {
    login('weapp')
    afterConfirm = rental({ state: 'authorized', cover: cover(200000) })
    const { container } = await ready()
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(container.querySelector('.rent-submit')!)
    expect(await screen.findByText('微信支付分已为你免除全部押金')).toBeTruthy()
    expect(container.querySelector('.rent-result__state')!.textContent).toBe('待取货')
    const body = rentPosts()[0].data as Record<string, unknown>
    expect(body).toMatchObject({ skuId: 210, days: 2 })
    expect(typeof body.idempotencyKey).toBe('string')
    expect(platform.calls).toEqual([[H5_CONFIRM, { returnTo: route.rental(5) }]])
    fireEvent.click(screen.getByText('查看租赁'))
    expect(navigation).toContainEqual({ method: 'redirectTo', url: route.rental(5) })
  })

  it('a partial waiver says what is frozen', async () => {
    login('alipay')
    afterConfirm = rental({ state: 'authorized', cover: cover(150000) })
    const { container } = await ready()
    fireEvent.click(container.querySelector('.rent-submit')!)
    expect(await screen.findByText('已免押 ¥1500.00，还需冻结 ¥500.00')).toBeTruthy()
  })

  it('a cancelled confirm keeps the rental: the next tap reuses the same key', async () => {
    login('alipay')
    platform.result = { status: 'cancelled' }
    const { container } = await ready()
    fireEvent.click(container.querySelector('.rent-submit')!)
    expect(await screen.findByText('你已取消免押确认，租赁单已保留，可随时继续')).toBeTruthy()
    platform.result = { status: 'confirmed' }
    afterConfirm = rental({ state: 'authorized', cover: cover(0) })
    fireEvent.click(container.querySelector('.rent-submit')!)
    expect(await screen.findByText('芝麻信用暂不支持免押，需冻结押金 ¥2000.00')).toBeTruthy()
    const [a, b] = rentPosts().map((r) => (r.data as { idempotencyKey: string }).idempotencyKey)
    expect(a).toBe(b)
  })

  it('offers only the days validateRentDays allows: the terms, and no longer than the fee stays under the deposit', async () => {
    login('alipay')
    setRequestHandler(async (r) => {
      requests.push(r)
      const path = r.url.replace(/^https?:\/\/[^/]+/, '')
      if (path === '/api/products/21') return { statusCode: 200, data: { ...CAMERA, rental: { deposit: 10000, dailyRate: 3000, minDays: 2, maxDays: 30 } } }
      if (path === '/api/addresses') return { statusCode: 200, data: { items: [] } }
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
    })
    const { container } = await ready()
    // ceil(100.00 / 30.00) = 4 days: a fifth day would cost more than the deposit.
    expect(container.querySelector('.rent-days__range')!.textContent).toBe('可租 2–4 天，按 24 小时计一天')
    expect(screen.getByLabelText('减少').getAttribute('aria-disabled')).toBe('true')
    const plus = screen.getByLabelText('增加')
    for (let i = 0; i < 5; i++) fireEvent.click(plus)
    expect(container.querySelector('.quantity-stepper__value')!.textContent).toBe('4')
    expect(plus.getAttribute('aria-disabled')).toBe('true')
    expect(container.querySelector('.rent-fee')!.textContent).toBe('¥100.00')
    await waitFor(() => expect(rentPosts()).toHaveLength(0))
  })

  it('the H5 confirm page leaves the page as it is', async () => {
    login('h5')
    platform.result = { status: 'redirected' }
    const { container } = await ready()
    expect(container.querySelector('.rent-deposit__hint')!.textContent).toBe('芝麻信用 / 微信支付分 可免押')
    fireEvent.click(container.querySelector('.rent-submit')!)
    await waitFor(() => expect(platform.calls).toHaveLength(1))
    expect(requests.some((r) => r.method === 'GET' && r.url.endsWith('/api/rentals/5'))).toBe(false)
  })
})
