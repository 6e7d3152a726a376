import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroShim, setRequestHandler, setRouterParams, toasts } from '../../../../test/shims/taro'
import { AFTER_SALE_STATUSES, AFTER_SALE_TYPES, type AfterSale } from '@/domain/after-sales'
import { useSession } from '@/store/session'
import { checkShipment, deadlineText, refundText, shopperCan } from '../after-sale-view'
import AfterSalePage from '../index'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))

const base: AfterSale = {
  id: 9,
  orderId: 42,
  orderNo: 'D20261123000042',
  type: 'return',
  status: 'awaiting_return',
  lines: [{ orderItemId: 7, skuId: 1, title: '纯棉T恤', specs: '白', image: '/api/images/a.jpg', quantity: 1, amount: 1800 }],
  reason: '商品质量问题',
  description: null,
  photos: [],
  amount: 1800,
  refusal: null,
  returnAddress: { name: '售后部', phone: '021-12345678', address: '上海市浦东新区世纪大道 1 号' },
  returnShipment: null,
  resendShipment: null,
  refund: null,
  deadline: null,
  createdAt: '2026-12-05T08:00:00.000Z',
  updatedAt: '2026-12-05T08:00:00.000Z',
  steps: [
    { status: 'requested', actor: 'shopper', note: null, at: '2026-12-05T08:00:00.000Z' },
    { status: 'awaiting_return', actor: 'admin', note: '请寄回', at: '2026-12-05T09:00:00.000Z' },
  ],
}

describe('after-sale view rules', () => {
  it('withdraw and ship back follow the shared machine for every type and status', () => {
    const table: string[] = []
    for (const type of AFTER_SALE_TYPES)
      for (const status of AFTER_SALE_STATUSES) {
        const can = shopperCan({ type, status })
        if (can.withdraw || can.shipBack) table.push(`${type}/${status}:${can.withdraw ? 'W' : ''}${can.shipBack ? 'S' : ''}`)
      }
    expect(table).toEqual(['refund/requested:W', 'refund/awaiting_return:W', 'return/requested:W', 'return/awaiting_return:WS', 'exchange/requested:W', 'exchange/awaiting_return:WS'])
  })

  it('says how the refund stands, failed included', () => {
    expect(refundText(null)).toBeNull()
    expect(refundText({ id: 1, status: 'pending', failure: null })).toBe('退款处理中，将原路退回')
    expect(refundText({ id: 1, status: 'succeeded', failure: null })).toBe('退款已原路退回')
    expect(refundText({ id: 1, status: 'failed', failure: '账户异常' })).toBe('退款失败：账户异常，商家会尽快处理')
  })

  it('names the timer that will act', () => {
    expect(deadlineText(null)).toBeNull()
    expect(deadlineText({ event: 'approve', at: 'x' })).toBe('商家未在 x 前处理将自动同意')
    expect(deadlineText({ event: 'return_timeout', at: 'x' })).toBe('请在 x 前寄回商品，逾期申请将关闭')
  })

  it('the return form needs a carrier and a plausible number', () => {
    expect(checkShipment('', 'SF123456')).toBe('请选择快递公司')
    expect(checkShipment('SF', '12')).toBe('请填写正确的快递单号')
    expect(checkShipment('SF', ' SF1234567890 ')).toBeNull()
  })
})

describe('the after-sale page', () => {
  const sent: { method: string; path: string; body: unknown }[] = []
  let current: AfterSale
  beforeEach(() => {
    resetTaroShim()
    sent.length = 0
    current = base
    useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
    setRouterParams({ id: '9' })
    setRequestHandler((r) => {
      const path = r.url.replace(/^https?:\/\/[^/]+/, '')
      sent.push({ method: r.method ?? 'GET', path, body: r.data })
      if (r.method === 'GET' && path === '/api/after-sales/9') return { statusCode: 200, data: current }
      if (r.method === 'POST' && path === '/api/after-sales/9/return-shipment') {
        return { statusCode: 200, data: { ...current, status: 'returning', returnShipment: { ...(r.data as object), at: '2026-12-05T10:00:00.000Z' } } }
      }
      if (r.method === 'POST' && path === '/api/after-sales/9/withdraw') return { statusCode: 200, data: { ...current, status: 'withdrawn' } }
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
    })
  })
  afterEach(() => vi.restoreAllMocks())

  it('awaiting return: shows the address, sends carrier and number, then shows 商品寄回中 without the form', async () => {
    const { container } = render(<AfterSalePage />)
    const status = () => container.querySelector('.after-sale__status')?.textContent
    await waitFor(() => expect(status()).toBe('待寄回商品'))
    expect(screen.getByText('上海市浦东新区世纪大道 1 号')).toBeTruthy()
    fireEvent.click(screen.getByText('提交寄回信息'))
    await waitFor(() => expect(toasts).toContain('请选择快递公司'))
    fireEvent.click(screen.getByText('顺丰速运'))
    fireEvent.change(container.querySelector('.after-sale__tracking-no')!, { target: { value: ' SF1234567890 ' } })
    fireEvent.click(screen.getByText('提交寄回信息'))
    await waitFor(() => expect(status()).toBe('商品寄回中'))
    expect(sent.filter((s) => s.method === 'POST')).toEqual([{ method: 'POST', path: '/api/after-sales/9/return-shipment', body: { carrier: 'SF', trackingNo: 'SF1234567890' } }])
    expect(screen.queryByText('提交寄回信息')).toBeNull()
    expect(screen.getByText('顺丰速运 SF1234567890')).toBeTruthy()
  })

  it('撤销申请 asks, withdraws, and the button goes with the state', async () => {
    const { container } = render(<AfterSalePage />)
    fireEvent.click(await screen.findByText('撤销申请'))
    await waitFor(() => expect(container.querySelector('.after-sale__status')?.textContent).toBe('已撤销'))
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual(['/api/after-sales/9/withdraw'])
    expect(screen.queryByText('撤销申请')).toBeNull()
  })

  it('a refused request shows the refusal and offers nothing to do', async () => {
    current = { ...base, status: 'refused', refusal: '商品已使用，不支持退货', returnAddress: null }
    render(<AfterSalePage />)
    await screen.findByText('拒绝原因：商品已使用，不支持退货')
    expect(screen.queryByText('撤销申请')).toBeNull()
    expect(screen.queryByText('提交寄回信息')).toBeNull()
  })
})
