import { afterEach, describe, expect, it, vi } from 'vitest'
import { paymentAdapter as weapp } from '../payment/index.weapp'
import { paymentAdapter as alipay, resultOf } from '../payment/index.alipay'
import { cashierHref, paymentAdapter as h5 } from '../payment/index.h5'
import { paymentAdapter as neutral } from '../payment'
import type { PaymentParams } from '../payment/types'

type Callbacks = { success(res: unknown): void; fail(err: unknown): void }

const wxParams = {
  timeStamp: '1700000000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx123',
  signType: 'RSA',
  paySign: 'c2lnbmF0dXJl',
} as const satisfies PaymentParams

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('weapp payment', () => {
  it('calls wx.requestPayment with exactly the five fields and only submits on success', async () => {
    const requestPayment = vi.fn(({ success }: Callbacks) => success({ errMsg: 'requestPayment:ok' }))
    vi.stubGlobal('wx', { requestPayment })
    // Extra fields in the answer (orderId, appId) must not reach the host.
    const answer = { ...wxParams, orderId: 7, appId: 'wx-not-ours' } as PaymentParams
    expect(await weapp.pay(answer)).toEqual({ status: 'submitted' })
    expect(requestPayment).toHaveBeenCalledOnce()
    const { success, fail, ...fields } = requestPayment.mock.calls[0][0]
    expect(typeof success).toBe('function')
    expect(typeof fail).toBe('function')
    expect(fields).toEqual({
      timeStamp: '1700000000',
      nonceStr: 'n0nce',
      package: 'prepay_id=wx123',
      signType: 'RSA',
      paySign: 'c2lnbmF0dXJl',
    })
  })

  it('maps requestPayment:fail cancel to cancelled', async () => {
    vi.stubGlobal('wx', { requestPayment: ({ fail }: Callbacks) => fail({ errMsg: 'requestPayment:fail cancel' }) })
    expect(await weapp.pay(wxParams)).toEqual({ status: 'cancelled' })
  })

  it('maps any other failure to failed with a Chinese message, not the raw errMsg', async () => {
    vi.stubGlobal('wx', { requestPayment: ({ fail }: Callbacks) => fail({ errMsg: 'requestPayment:fail 支付验证签名失败' }) })
    expect(await weapp.pay(wxParams)).toEqual({ status: 'failed', message: '微信支付未完成，请稍后重试' })
  })

  it('a host that throws is a failure, not a crash', async () => {
    vi.stubGlobal('wx', {
      requestPayment: () => {
        throw new Error('bad arguments')
      },
    })
    expect((await weapp.pay(wxParams)).status).toBe('failed')
  })

  it('refuses incomplete or foreign parameters without calling the host', async () => {
    const requestPayment = vi.fn()
    vi.stubGlobal('wx', { requestPayment })
    expect(await weapp.pay({ ...wxParams, paySign: '' })).toEqual({ status: 'failed', message: '支付参数有误，请稍后重试' })
    const { nonceStr: _dropped, ...missing } = wxParams
    expect((await weapp.pay(missing as unknown as PaymentParams)).status).toBe('failed')
    expect((await weapp.pay({ tradeNO: '2024' })).status).toBe('failed')
    expect(requestPayment).not.toHaveBeenCalled()
  })

  it('is unavailable where there is no wx', async () => {
    expect((await weapp.pay(wxParams)).status).toBe('unavailable')
  })
})

describe('alipay payment', () => {
  const params: PaymentParams = { tradeNO: '2024112322001400000000000001' }
  const withCode = (resultCode: string | number) => {
    const tradePay = vi.fn(({ success }: Callbacks) => success({ resultCode }))
    vi.stubGlobal('my', { tradePay })
    return tradePay
  }

  it('calls my.tradePay with the tradeNO only', async () => {
    const tradePay = withCode('9000')
    expect(await alipay.pay(params)).toEqual({ status: 'submitted' })
    const { success, fail, ...rest } = tradePay.mock.calls[0][0]
    expect([typeof success, typeof fail]).toEqual(['function', 'function'])
    expect(rest).toEqual({ tradeNO: '2024112322001400000000000001' })
  })

  it.each([
    ['9000', { status: 'submitted' }],
    ['8000', { status: 'pending', message: '支付处理中，正在确认支付结果' }],
    ['6004', { status: 'pending', message: '支付结果未知，正在确认支付结果' }],
    ['6001', { status: 'cancelled' }],
    ['6002', { status: 'failed', message: '网络连接出错，请检查网络后重试' }],
    ['4000', { status: 'failed', message: '订单支付失败，请稍后重试' }],
  ])('resultCode %s in the success callback', async (code, expected) => {
    withCode(code)
    expect(await alipay.pay(params)).toEqual(expected)
  })

  it('accepts numeric result codes and leaves undocumented ones to the server', async () => {
    withCode(6001)
    expect(await alipay.pay(params)).toEqual({ status: 'cancelled' })
    expect(resultOf('99').status).toBe('pending')
    expect(resultOf(undefined).status).toBe('pending')
  })

  it('a fail callback is a failure with a message', async () => {
    vi.stubGlobal('my', { tradePay: ({ fail }: Callbacks) => fail({ error: 4, errorMessage: '无权调用' }) })
    expect(await alipay.pay(params)).toEqual({ status: 'failed', message: '支付宝支付未能发起，请稍后重试' })
  })

  it('refuses a missing tradeNO or foreign parameters without calling the host', async () => {
    const tradePay = vi.fn()
    vi.stubGlobal('my', { tradePay })
    expect((await alipay.pay({ tradeNO: ' ' })).status).toBe('failed')
    expect((await alipay.pay(wxParams)).status).toBe('failed')
    // The server's old spelling (tradeNo) is not the field my.tradePay takes.
    expect((await alipay.pay({ tradeNo: 'x' } as unknown as PaymentParams)).status).toBe('failed')
    expect(tradePay).not.toHaveBeenCalled()
  })

  it('is unavailable where there is no my', async () => {
    expect((await alipay.pay(params)).status).toBe('unavailable')
  })
})

describe('h5 sandbox cashier', () => {
  // Unit tests run without TARO_ENV, so the API base is the loopback server.
  const api = 'http://127.0.0.1:3000'

  it('opens the cashier path on the API origin in the same tab', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    expect(await h5.pay({ platform: 'h5', cashierUrl: '/api/payments/sandbox/cashier/p-1?order=7', outTradeNo: 'p-1', amount: 100 })).toEqual({ status: 'redirected' })
    expect(open).toHaveBeenCalledWith(`${api}/api/payments/sandbox/cashier/p-1?order=7`, '_self')
  })

  it('says so when the server sent no cashier', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    expect(await h5.pay({ platform: 'h5' } as unknown as PaymentParams)).toEqual({ status: 'failed', message: '预览收银台暂不可用，请稍后重试' })
    expect(open).not.toHaveBeenCalled()
  })

  it('never leaves for another origin or a script URL', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    for (const cashierUrl of ['https://evil.example/pay', '//evil.example/pay', 'javascript:alert(1)']) {
      expect((await h5.pay({ platform: 'h5', cashierUrl, outTradeNo: 'p-1', amount: 100 })).status, cashierUrl).toBe('failed')
    }
    expect((await h5.pay({ platform: 'weapp', cashierUrl: '/api/x' } as unknown as PaymentParams)).status).toBe('failed')
    expect(open).not.toHaveBeenCalled()
    expect(cashierHref(`${api}/api/payments/sandbox/cashier/p-2`)).toBe(`${api}/api/payments/sandbox/cashier/p-2`)
  })
})

it('the neutral default is unavailable rather than pretending', async () => {
  expect(neutral.platform).toBeNull()
  expect((await neutral.pay(wxParams)).status).toBe('unavailable')
})
