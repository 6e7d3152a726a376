import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setRequestHandler, toasts, type RequestHandler } from '../../../test/shims/taro'
import type { CreditConfirmParams, MembershipView } from '@/domain/contract'
import type { CreditConfirmResult } from '@/platform/credit/types'
import { PAGES } from '@/routes'
import MembershipPage from '../membership/index'
import { login } from './fixtures'

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

const CONFIRM = { businessType: 'wxpayScoreUse', extraData: { mch_id: '1', package: 'p', timestamp: '1', nonce_str: 'n', sign_type: 'HMAC-SHA256', sign: 's' } } as const
const PLAN = { name: '轻会员', fee: 1500, periodDays: 30 }
const NEVER: MembershipView = { state: null, plan: PLAN, periodStart: null, periodEnd: null, savings: 0, willPay: 0, autoRenew: true, settlements: [], ledger: [] }
const ACTIVE: MembershipView = {
  ...NEVER,
  state: 'active',
  periodStart: '2026-11-01T00:00:00.000Z',
  periodEnd: '2026-12-01T00:00:00.000Z',
  savings: 860,
  willPay: 860,
  settlements: [{ periodStart: '2026-10-02T00:00:00.000Z', periodEnd: '2026-11-01T00:00:00.000Z', fee: 1500, savings: 2300, charge: 1500, settledAt: '2026-11-01T00:00:05.000Z' }],
}

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
let current: MembershipView
let after: Partial<Record<string, MembershipView>>

beforeEach(() => {
  requests = []
  after = {}
  platform.calls.length = 0
  platform.result = { status: 'confirmed' }
  login('weapp')
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (r.method === 'GET' && path === '/api/membership') return { statusCode: 200, data: current }
    const m = /^\/api\/membership\/([\w-]+)$/.exec(path)
    if (r.method === 'POST' && m) {
      if (m[1] === 'join') {
        const signing = { ...NEVER, state: 'signing' as const }
        current = after.join ?? current
        return { statusCode: 200, data: { credit: signing, confirm: CONFIRM } }
      }
      current = m[1] === 'auto-renew' ? { ...current, autoRenew: (r.data as { autoRenew: boolean }).autoRenew } : (after[m[1]] ?? current)
      return { statusCode: 200, data: current }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const posts = () => requests.filter((r) => r.method === 'POST').map((r) => [r.url.replace(/^https?:\/\/[^/]+/, ''), r.data])

describe('light membership page', () => {
  it('not joined: the plan card and 0元开通, which confirms through the platform and shows the membership once active', async () => {
    current = NEVER
    after.join = ACTIVE
    const { container } = render(<MembershipPage />)
    expect(await screen.findByText('轻会员 · 0 元开通')).toBeTruthy()
    expect(container.querySelector('.member-plan')!.textContent).toContain('每期 30 天 · 期末按 min(会费 ¥15.00, 实际节省) 扣款')
    fireEvent.click(screen.getByText('0元开通'))
    expect(await screen.findByText('本期已省 ¥8.60，期末将支付 ¥8.60')).toBeTruthy()
    expect(platform.calls).toEqual([[CONFIRM, { returnTo: PAGES.membership }]])
    expect(posts()).toEqual([['/api/membership/join', undefined]])
  })

  it('a cancelled join stays not joined with a toast', async () => {
    current = NEVER
    platform.result = { status: 'cancelled' }
    render(<MembershipPage />)
    fireEvent.click(await screen.findByText('0元开通'))
    await waitFor(() => expect(toasts).toContain('你已取消开通'))
    expect(screen.getByText('0元开通')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(1)
  })

  it('back while the platform has not answered: the page asks the server, and 继续开通 stays available', async () => {
    current = { ...NEVER, state: 'signing' }
    const { container } = render(<MembershipPage />)
    expect(await screen.findByText('继续开通')).toBeTruthy()
    current = ACTIVE
    expect(await screen.findByText('本期已省 ¥8.60，期末将支付 ¥8.60', {}, { timeout: 4000 })).toBeTruthy()
    expect(container.querySelector('.member-join')).toBeNull()
  })

  it('active: the preview, the period, past settlements; no savings says nothing to pay', async () => {
    current = ACTIVE
    const { container, unmount } = render(<MembershipPage />)
    expect(await screen.findByText('本期已省 ¥8.60，期末将支付 ¥8.60')).toBeTruthy()
    expect(container.querySelector('.member-status')!.textContent).toContain('2026-11-01 至 2026-12-01')
    expect(container.querySelector('.member-history')!.textContent).toContain('省 ¥23.00 · 付 ¥15.00')
    unmount()
    current = { ...ACTIVE, savings: 0, willPay: 0 }
    render(<MembershipPage />)
    expect(await screen.findByText('本期还未使用会员价，期末无需支付')).toBeTruthy()
  })

  it('自动续期 posts the switch', async () => {
    current = ACTIVE
    const { container } = render(<MembershipPage />)
    await screen.findByText('自动续期')
    const toggle = container.querySelector('.member-renew input[type=checkbox]') as HTMLInputElement
    expect(toggle.checked).toBe(true)
    fireEvent.click(toggle)
    await waitFor(() => expect(posts()).toEqual([['/api/membership/auto-renew', { autoRenew: false }]]))
    await waitFor(() => expect((container.querySelector('.member-renew input[type=checkbox]') as HTMLInputElement).checked).toBe(false))
  })

  it('取消会员 shows what is charged now, and posts cancel only when confirmed', async () => {
    current = ACTIVE
    after.cancel = { ...ACTIVE, state: 'ended', settlements: [{ periodStart: ACTIVE.periodStart!, periodEnd: '2026-11-24T01:00:00.000Z', fee: 1500, savings: 860, charge: 860, settledAt: '2026-11-24T01:00:00.000Z' }, ...ACTIVE.settlements] }
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never)
    render(<MembershipPage />)
    fireEvent.click(await screen.findByText('取消会员'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect((modal.mock.calls[0][0] as { content: string }).content).toBe('取消后立即结算本期：本期已省 ¥8.60，需支付 ¥8.60。')
    expect(posts()).toEqual([])
    fireEvent.click(screen.getByText('取消会员'))
    expect(await screen.findByText('0元开通')).toBeTruthy()
    expect(posts()).toEqual([['/api/membership/cancel', undefined]])
    modal.mockRestore()
  })
})
