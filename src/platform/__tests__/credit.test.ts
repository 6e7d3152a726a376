import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CreditConfirmParams } from '@/domain/contract'
import { creditAdapter as weapp } from '../credit/index.weapp'
import { creditAdapter as alipay, creditResultOf } from '../credit/index.alipay'
import { creditAdapter as h5, backPath } from '../credit/index.h5'
import { creditAdapter as neutral } from '../credit'
import { openCreditConfirm, sandboxCreditTicket } from '../credit/open-confirm'
import type { CreditAdapter } from '../credit/types'

type Callbacks = { success(res: unknown): void; fail(err: unknown): void }

const extraData = { mch_id: '1900000109', package: 'AAQ=', timestamp: '1700000000', nonce_str: 'n0nce', sign_type: 'HMAC-SHA256', sign: 'ABCDEF' } as const
const wxParams = { businessType: 'wxpayScoreUse', extraData } as const satisfies CreditConfirmParams

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('weapp credit (Pay Score)', () => {
  it('opens wx.openBusinessView with wxpayScoreUse and exactly the signed fields', async () => {
    const openBusinessView = vi.fn(({ success }: Callbacks) => success({ errMsg: 'openBusinessView:ok', extraData: {} }))
    vi.stubGlobal('wx', { openBusinessView })
    const answer = { ...wxParams, extraData: { ...extraData, appid: 'wx-not-ours' }, orderId: 9 } as unknown as CreditConfirmParams
    expect(await weapp.confirmCredit(answer)).toEqual({ status: 'confirmed' })
    const { success, fail, ...rest } = openBusinessView.mock.calls[0][0]
    expect([typeof success, typeof fail]).toEqual(['function', 'function'])
    expect(rest).toEqual({ businessType: 'wxpayScoreUse', extraData })
  })

  it('a closed page is cancelled, any other failure failed with a Chinese message', async () => {
    vi.stubGlobal('wx', { openBusinessView: ({ fail }: Callbacks) => fail({ errMsg: 'openBusinessView:fail cancel' }) })
    expect(await weapp.confirmCredit(wxParams)).toEqual({ status: 'cancelled' })
    vi.stubGlobal('wx', { openBusinessView: ({ fail }: Callbacks) => fail({ errMsg: 'openBusinessView:fail invalid sign' }) })
    expect(await weapp.confirmCredit(wxParams)).toEqual({ status: 'failed', message: '微信支付分未能打开，请稍后重试' })
    vi.stubGlobal('wx', {
      openBusinessView: () => {
        throw new Error('bad arguments')
      },
    })
    expect((await weapp.confirmCredit(wxParams)).status).toBe('failed')
  })

  it('refuses another shape without calling the host', async () => {
    const openBusinessView = vi.fn()
    vi.stubGlobal('wx', { openBusinessView })
    expect((await weapp.confirmCredit({ orderStr: 'x' })).status).toBe('failed')
    expect((await weapp.confirmCredit({ ...wxParams, extraData: { ...extraData, sign: '' } })).status).toBe('failed')
    expect((await weapp.confirmCredit({ ...wxParams, businessType: 'wxpayScoreEnable' } as unknown as CreditConfirmParams)).status).toBe('failed')
    expect((await weapp.confirmCredit({ platform: 'h5', confirmUrl: '/api/sandbox/credit/x' })).status).toBe('failed')
    expect(openBusinessView).not.toHaveBeenCalled()
  })

  it('says so where there is no wx', async () => {
    expect(await weapp.confirmCredit(wxParams)).toEqual({ status: 'failed', message: '当前微信版本暂不支持微信支付分，请升级后重试' })
  })
})

describe('alipay credit (Sesame)', () => {
  const params: CreditConfirmParams = { orderStr: 'app_id=2021&biz_content=%7B%7D&method=alipay.fund.auth.order.app.freeze&sign=abc' }
  const withCode = (resultCode: string | number) => {
    const tradePay = vi.fn(({ success }: Callbacks) => success({ resultCode }))
    vi.stubGlobal('my', { tradePay })
    return tradePay
  }

  it('calls my.tradePay with the orderStr only', async () => {
    const tradePay = withCode('9000')
    expect(await alipay.confirmCredit(params)).toEqual({ status: 'confirmed' })
    const { success, fail, ...rest } = tradePay.mock.calls[0][0]
    expect([typeof success, typeof fail]).toEqual(['function', 'function'])
    expect(rest).toEqual({ orderStr: params.orderStr })
  })

  it.each([
    ['9000', { status: 'confirmed' }],
    ['8000', { status: 'confirmed' }],
    ['6001', { status: 'cancelled' }],
    ['6002', { status: 'failed', message: '网络连接出错，请检查网络后重试' }],
    ['4000', { status: 'failed', message: '芝麻信用确认未完成，请稍后重试' }],
    ['6004', { status: 'failed', message: '芝麻信用确认未完成，请稍后重试' }],
  ])('resultCode %s', async (code, expected) => {
    withCode(code)
    expect(await alipay.confirmCredit(params)).toEqual(expected)
  })

  it('numeric codes, a fail callback, foreign params, no host', async () => {
    withCode(6001)
    expect(await alipay.confirmCredit(params)).toEqual({ status: 'cancelled' })
    expect(creditResultOf(undefined).status).toBe('failed')
    vi.stubGlobal('my', { tradePay: ({ fail }: Callbacks) => fail({ error: 4, errorMessage: '无权调用' }) })
    expect(await alipay.confirmCredit(params)).toEqual({ status: 'failed', message: '芝麻信用未能打开，请稍后重试' })
    const tradePay = vi.fn()
    vi.stubGlobal('my', { tradePay })
    expect((await alipay.confirmCredit(wxParams)).status).toBe('failed')
    expect((await alipay.confirmCredit({ orderStr: ' ' })).status).toBe('failed')
    expect(tradePay).not.toHaveBeenCalled()
    vi.unstubAllGlobals()
    expect((await alipay.confirmCredit(params)).status).toBe('failed')
  })
})

describe('h5 sandbox confirm page', () => {
  const api = 'http://127.0.0.1:3000'

  it('opens the confirm page on the API origin in the same tab, with the app page to come back to', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    expect(await h5.confirmCredit({ platform: 'h5', confirmUrl: '/api/sandbox/credit/R-1?t=tk' }, { returnTo: '/pkg-credit/rental/index?id=5' })).toEqual({ status: 'redirected' })
    const href = new URL(open.mock.calls[0][0] as string)
    expect(`${href.origin}${href.pathname}`).toBe(`${api}/api/sandbox/credit/R-1`)
    // The sandbox page keeps its own query (the ticket) and takes `back` as a path on this origin.
    expect(href.searchParams.get('t')).toBe('tk')
    expect(href.searchParams.get('back')).toBe(`${window.location.pathname}#/pkg-credit/rental/index?id=5`)
    expect(backPath(undefined)).toBe(`${window.location.pathname}${window.location.search}${window.location.hash}`)
    expect(open.mock.calls[0][1]).toBe('_self')
  })

  it('never leaves for another origin, a script URL or a mini-program shape', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    for (const confirmUrl of ['https://evil.example/c', '//evil.example/c', 'javascript:alert(1)', '']) {
      expect((await h5.confirmCredit({ platform: 'h5', confirmUrl })).status, confirmUrl).toBe('failed')
    }
    expect((await h5.confirmCredit(wxParams)).status).toBe('failed')
    expect((await h5.confirmCredit({ orderStr: 'x' })).status).toBe('failed')
    expect(open).not.toHaveBeenCalled()
  })
})

it('the neutral default fails rather than pretending', async () => {
  expect((await neutral.confirmCredit(wxParams)).status).toBe('failed')
})

describe('openCreditConfirm against a sandbox server (mini-program in its IDE)', () => {
  const ticket = { outOrderNo: 'RT1', ticket: 'tk', kind: 'rental' as const, amount: 3000 }
  const adapterSaying = (r: Awaited<ReturnType<CreditAdapter['confirmCredit']>>): CreditAdapter => ({ confirmCredit: async () => r })

  it('a host that cannot open the sandbox order hands over to the in-app sandbox confirm', async () => {
    const confirm = { orderStr: 'x', sandbox: ticket }
    expect(await openCreditConfirm(confirm, '/pkg-credit/rental/index?id=1', adapterSaying({ status: 'failed', message: 'no' }))).toEqual({ kind: 'sandbox', ticket })
    // Confirmed or closed by the shopper: as usual.
    expect(await openCreditConfirm(confirm, '/x', adapterSaying({ status: 'confirmed' }))).toEqual({ kind: 'confirming' })
    expect(await openCreditConfirm(confirm, '/x', adapterSaying({ status: 'cancelled' }))).toEqual({ kind: 'cancelled' })
  })

  it('without a (well-formed) ticket a failure stays a failure', async () => {
    expect(await openCreditConfirm({ orderStr: 'x' }, '/x', adapterSaying({ status: 'failed', message: 'no' }))).toEqual({ kind: 'failed', message: 'no' })
    expect(sandboxCreditTicket({ orderStr: 'x', sandbox: { ...ticket, kind: 'other' as never } })).toBeNull()
    expect(sandboxCreditTicket({ orderStr: 'x', sandbox: { ...ticket, ticket: '' } })).toBeNull()
  })
})
