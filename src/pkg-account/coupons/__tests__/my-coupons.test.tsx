import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, type RequestHandler } from '../../../../test/shims/taro'
import type { Coupon, CouponStatus } from '@/domain/contract'
import { PAGES, route, TAB_PAGES } from '@/routes'
import { useSession } from '@/store/session'
import MyCouponsPage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]

const coupon = (id: number, status: CouponStatus, title: string): Coupon => ({
  id,
  batchId: 1,
  title,
  type: 'amount',
  value: 1000,
  cap: null,
  threshold: 10000,
  scope: { type: 'all' },
  scopeText: '全场通用',
  validFrom: '2026-11-20T04:00:00.000Z',
  validTo: '2026-12-31T04:00:00.000Z',
  status,
  orderId: status === 'used' ? 9 : null,
  usedAt: null,
  withOtherCoupons: true,
})

const BY_STATUS: Record<CouponStatus, Coupon[]> = {
  usable: [coupon(1, 'usable', '满100减10')],
  used: [coupon(2, 'used', '满50减5')],
  expired: [],
}

beforeEach(() => {
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    const status = (r.url.match(/status=(\w+)/) ?? [])[1] as CouponStatus
    // One answer paged, the other a plain list: the page takes both.
    return { statusCode: 200, data: status === 'used' ? BY_STATUS.used : { items: BY_STATUS[status], total: BY_STATUS[status].length, page: 1, pageSize: 100 } }
  })
})

const login = () => useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })

describe('my coupons', () => {
  it('sends a guest to login and back', () => {
    useSession.getState().signOut()
    render(<MyCouponsPage />)
    expect(navigation).toEqual([{ method: 'redirectTo', url: route.login(PAGES.myCoupons) }])
    expect(requests).toHaveLength(0)
  })

  it('shows 可使用 with 去使用, then 已使用 and an empty 已过期 by tab', async () => {
    login()
    const { container } = render(<MyCouponsPage />)
    await screen.findByText('满100减10')
    expect(container.textContent).toContain('2026.11.20 - 2026.12.31')
    fireEvent.click(screen.getByText('去使用'))
    expect(navigation).toContainEqual({ method: 'switchTab', url: TAB_PAGES.home })

    fireEvent.click(screen.getByText('已使用'))
    await screen.findByText('满50减5')
    expect(screen.queryByText('满100减10')).toBeNull()
    expect(container.querySelector('.coupon-card--dimmed .coupon-card__stamp')!.textContent).toBe('已使用')

    fireEvent.click(screen.getByText('已过期'))
    await screen.findByText('没有过期的优惠券')
    expect(requests.map((r) => (r.url.match(/status=(\w+)/) ?? [])[1])).toEqual(['usable', 'used', 'expired'])
    fireEvent.click(screen.getByText('去领券中心'))
    await waitFor(() => expect(navigation).toContainEqual({ method: 'navigateTo', url: PAGES.couponCenter }))
  })
})
