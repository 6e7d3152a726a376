import { beforeEach, describe, expect, it } from 'vitest'
import { setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { useSession } from '@/store/session'
import { ApiError } from '../http'
import { getPaymentState, requestPayment } from '../payments'

type Req = Parameters<RequestHandler>[0]
let requests: Req[]

const session = { token: 'tok-7', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 7, nickname: '小红', avatar: null, platform: 'weapp' as const } }

beforeEach(() => {
  requests = []
  useSession.getState().signIn(session)
})

describe('payments service', () => {
  it('POSTs /api/orders/:id/pay with the token and passes the platform params through untouched', async () => {
    const params = { timeStamp: '1700000000', nonceStr: 'n1', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'sig' }
    setRequestHandler((r) => {
      requests.push(r)
      return { statusCode: 200, data: params }
    })
    expect(await requestPayment(12)).toEqual(params)
    expect(requests[0].method).toBe('POST')
    expect(requests[0].url).toMatch(/\/api\/orders\/12\/pay$/)
    expect(requests[0].header?.authorization).toBe('Bearer tok-7')
  })

  it('GETs /api/orders/:id/payment', async () => {
    const state = { orderId: 12, orderStatus: 'created', payment: { provider: 'sandbox', outTradeNo: 'D12-1', amount: 990, status: 'pending', paidAt: null } }
    setRequestHandler((r) => {
      requests.push(r)
      return { statusCode: 200, data: state }
    })
    expect(await getPaymentState(12)).toEqual(state)
    expect(requests[0].method).toBe('GET')
    expect(requests[0].url).toMatch(/\/api\/orders\/12\/payment$/)
  })

  it('turns a refusal into an ApiError with the server message', async () => {
    setRequestHandler(() => ({ statusCode: 409, data: { code: 'ORDER_NOT_PAYABLE', message: '订单当前不能付款' } }))
    const err = await requestPayment(12).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe('订单当前不能付款')
  })
})
