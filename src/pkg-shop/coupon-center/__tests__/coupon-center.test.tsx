import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, toasts, type RequestHandler } from '../../../../test/shims/taro'
import type { CouponCenterEntry } from '@/domain/contract'
import { PAGES, route } from '@/routes'
import { useSession } from '@/store/session'
import CouponCenterPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
let batches: CouponCenterEntry[]

const entry = (over: Partial<CouponCenterEntry>): CouponCenterEntry => ({
  batchId: 1,
  title: '满100减10',
  type: 'amount',
  value: 1000,
  cap: null,
  threshold: 10000,
  scopeText: '全场通用',
  validity: { days: 7 },
  total: 100,
  remaining: 40,
  perUserLimit: 1,
  claimed: 0,
  canClaim: true,
  reason: null,
  ...over,
})

beforeEach(() => {
  requests = []
  batches = [
    entry({}),
    entry({ batchId: 2, title: '数码 9 折券', type: 'percent', value: 90, cap: 5000, threshold: 0, scopeText: '限「数码」分类', remaining: 0, canClaim: false, reason: '已领完' }),
  ]
  setRequestHandler((r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    // The server wraps the list; the refusal test below answers a bare array, which reads the same.
    if (r.method === 'GET' && path === '/api/coupons/center') return { statusCode: 200, data: { items: batches } }
    if (r.method === 'POST' && path === '/api/coupons/center/1/claim') {
      batches = batches.map((b) => (b.batchId === 1 ? { ...b, claimed: 1, remaining: 39, canClaim: false, reason: '已达领取上限' } : b))
      return { statusCode: 201, data: { id: 501, batchId: 1 } }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const claims = () => requests.filter((r) => r.method === 'POST')

describe('coupon centre', () => {
  it('lets a guest browse, and sends a claim to login and back here', async () => {
    useSession.getState().signOut()
    render(<CouponCenterPage />)
    await screen.findByText('满100减10')
    expect(screen.getByText('已领完')).toBeTruthy()
    expect(screen.getByText('无门槛，最多减50')).toBeTruthy()
    expect(screen.getAllByText('领取后 7 天内有效')).toHaveLength(2)
    fireEvent.click(screen.getByText('立即领取'))
    expect(navigation).toEqual([{ method: 'redirectTo', url: route.login(PAGES.couponCenter) }])
    expect(claims()).toHaveLength(0)
  })

  it('claims for a logged-in shopper, then shows 已领取 from the fresh list', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    render(<CouponCenterPage />)
    fireEvent.click(await screen.findByText('立即领取'))
    await screen.findByText('已领取')
    expect(claims().map((r) => r.url.replace(/^https?:\/\/[^/]+/, ''))).toEqual(['/api/coupons/center/1/claim'])
    expect(toasts).toContain('领取成功')
    expect(screen.queryByText('立即领取')).toBeNull()
  })

  it("shows the server's refusal and the list as it now stands", async () => {
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    setRequestHandler((r) => {
      requests.push(r)
      if (r.method === 'POST') return { statusCode: 409, data: { code: 'SOLD_OUT', message: '来晚了，券已领完' } }
      return { statusCode: 200, data: batches }
    })
    render(<CouponCenterPage />)
    fireEvent.click(await screen.findByText('立即领取'))
    await waitFor(() => expect(toasts).toContain('来晚了，券已领完'))
    await waitFor(() => expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2))
  })
})
