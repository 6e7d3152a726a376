import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler, setRouterParams, toasts, type RequestHandler } from '../../../test/shims/taro'
import type { CreditConfirmParams, Rental } from '@/domain/contract'
import type { CreditConfirmResult } from '@/platform/credit/types'
import RentalPage from '../rental/index'
import { rentalButtons } from '../rental/rental-actions'
import { cover, H5_CONFIRM, login, rental } from './fixtures'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
const platform = vi.hoisted(() => ({ result: { status: 'confirmed' } as CreditConfirmResult, calls: [] as unknown[] }))
vi.mock('@/platform/credit', () => ({
  creditAdapter: {
    confirmCredit: async (p: CreditConfirmParams) => {
      platform.calls.push(p)
      return platform.result
    },
  },
}))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
let current: Rental
/** What each POST moves the server's rental to. */
let after: Partial<Record<string, Rental>>

const IN_USE = rental({
  state: 'in_use',
  cover: cover(150000),
  startedAt: '2026-11-20T02:00:00.000Z',
  dueAt: '2026-11-23T02:00:00.000Z',
  settlement: { days: 4, overdueDays: 1, fee: 12000, charge: 12000, release: 188000, unfreeze: 38000 },
  ledger: [
    { kind: 'deposit_waived', amount: 150000, at: '2026-11-20T01:00:00.000Z', reference: 'A1' },
    { kind: 'deposit_frozen', amount: 50000, at: '2026-11-20T01:00:00.000Z', reference: 'A1' },
  ],
})

beforeEach(() => {
  requests = []
  after = {}
  platform.calls.length = 0
  platform.result = { status: 'confirmed' }
  setRouterParams({ id: '5' })
  login('alipay')
  setRequestHandler(async (r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    if (r.method === 'GET' && path === '/api/rentals/5') return { statusCode: 200, data: current }
    const m = /^\/api\/rentals\/5\/(\w+)$/.exec(path)
    if (r.method === 'POST' && m) {
      current = after[m[1]] ?? current
      return { statusCode: 200, data: m[1] === 'confirm' ? { credit: rental(), confirm: H5_CONFIRM } : current }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const posts = () => requests.filter((r) => r.method === 'POST').map((r) => r.url.replace(/^https?:\/\/[^/]+/, ''))
const buttonTexts = (c: HTMLElement) => Array.from(c.querySelectorAll('.rental-action')).map((b) => b.textContent)

describe('rental detail', () => {
  it.each([
    ['created', ['取消租用', '继续确认']],
    ['authorized', ['取消租用']],
    ['in_use', ['申请归还']],
    ['overdue', ['申请归还']],
    ['settling', []],
    ['completed', []],
    ['cancelled', []],
    ['expired', []],
  ] as const)('%s shows %j', async (state, labels) => {
    current = rental({ state })
    const { container } = render(<RentalPage />)
    await waitFor(() => expect(container.querySelector('.rental-header__state')).toBeTruthy())
    expect(buttonTexts(container)).toEqual(labels)
    expect(rentalButtons({ state, returnRequestedAt: null }).length).toBe(labels.length)
  })

  it('in use: the state, the cover, times, the server fee so far and the ledger', async () => {
    current = IN_USE
    const { container } = render(<RentalPage />)
    expect(await screen.findByText('租用中')).toBeTruthy()
    expect(container.querySelector('.rental-header__waiver')!.textContent).toBe('已免押 ¥1500.00，还需冻结 ¥500.00')
    expect(container.querySelector('.rental-fee-so-far')!.textContent).toBe('目前租金¥120.00')
    expect(Array.from(container.querySelectorAll('.credit-ledger__kind')).map((k) => k.textContent)).toEqual(['免押', '冻结'])
  })

  it('待取货: no pickup button; the page sends the shopper to the shop with the rental number', async () => {
    current = rental({ state: 'authorized', cover: cover(200000) })
    const { container } = render(<RentalPage />)
    expect(await screen.findByText('待取货')).toBeTruthy()
    expect(container.querySelector('.rental-shop-hint')!.textContent).toBe('请到店出示租赁单号 R20261124001，店员确认取货后开始计租')
    expect(buttonTexts(container)).toEqual(['取消租用'])
  })

  it('申请归还 posts the request; the rental stays in use, the button goes and the page says the shop settles on receipt', async () => {
    current = IN_USE
    after.return = { ...IN_USE, returnRequestedAt: '2026-11-24T01:00:00.000Z' }
    const { container } = render(<RentalPage />)
    fireEvent.click(await screen.findByText('申请归还'))
    await waitFor(() => expect(container.querySelector('.rental-return-requested')).toBeTruthy())
    expect(posts()).toEqual(['/api/rentals/5/return'])
    expect(screen.getByText('租用中')).toBeTruthy()
    expect(buttonTexts(container)).toEqual([])
    expect(container.querySelector('.rental-shop-hint')!.textContent).toContain('门店确认收货后结算租金并释放押金')
  })

  it('once the shop confirms the return: the fee charged and the rest released', async () => {
    const settled = { ...IN_USE, returnedAt: '2026-11-24T01:00:00.000Z', ledger: [...IN_USE.ledger, { kind: 'charge' as const, amount: 12000, at: '2026-11-24T01:00:00.000Z', reference: 'T1' }, { kind: 'unfreeze' as const, amount: 38000, at: '2026-11-24T01:00:00.000Z', reference: 'A1' }, { kind: 'release' as const, amount: 150000, at: '2026-11-24T01:00:00.000Z', reference: 'A1' }] }
    current = { ...settled, state: 'completed' }
    const { container } = render(<RentalPage />)
    expect(await screen.findByText('已完成')).toBeTruthy()
    expect(container.querySelector('.rental-charged')!.textContent).toBe('已扣租金¥120.00')
    expect(container.querySelector('.rental-released')!.textContent).toBe('已释放押金¥1880.00')
    expect(Array.from(container.querySelectorAll('.credit-ledger__kind')).map((k) => k.textContent)).toEqual(['免押', '冻结', '扣款', '解冻', '释放'])
    expect(buttonTexts(container)).toEqual([])
  })

  it('取消租用 asks, then posts cancel', async () => {
    current = rental({ state: 'authorized', cover: cover(200000) })
    after.cancel = rental({ state: 'cancelled', cover: cover(200000) })
    render(<RentalPage />)
    fireEvent.click(await screen.findByText('取消租用'))
    expect(await screen.findByText('已取消')).toBeTruthy()
    expect(posts()).toEqual(['/api/rentals/5/cancel'])
  })

  it('继续确认 reopens the confirm and waits for credit to decide', async () => {
    current = rental({ state: 'created' })
    after.confirm = rental({ state: 'authorized', cover: cover(200000) })
    render(<RentalPage />)
    fireEvent.click(await screen.findByText('继续确认'))
    expect(await screen.findByText('芝麻信用已为你免除全部押金')).toBeTruthy()
    expect(platform.calls).toEqual([H5_CONFIRM])
    expect(posts()).toEqual(['/api/rentals/5/confirm'])
  })

  it('a refused action says why', async () => {
    current = IN_USE
    setRequestHandler(async (r) => {
      if (r.method === 'GET') return { statusCode: 200, data: current }
      return { statusCode: 409, data: { code: 'BAD_STATE', message: '租赁状态已变化，请刷新' } }
    })
    render(<RentalPage />)
    fireEvent.click(await screen.findByText('申请归还'))
    await waitFor(() => expect(toasts).toContain('租赁状态已变化，请刷新'))
  })
})
