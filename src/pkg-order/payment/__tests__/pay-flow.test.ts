import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setRequestHandler } from '../../../../test/shims/taro'
import type { PayResult, PaymentAdapter, PaymentParams } from '@/platform/payment/types'
import { useSession } from '@/store/session'
import { payAndConfirm } from '../pay-flow'

const params: PaymentParams = { tradeNO: '2026112300001' }
let states: string[]
let polls: number
let payCalls: number

function server(orderStatuses: string[]) {
  states = orderStatuses
  polls = 0
  payCalls = 0
  setRequestHandler((r) => {
    if (r.method === 'POST' && r.url.endsWith('/api/orders/5/pay')) {
      payCalls++
      return { statusCode: 200, data: params }
    }
    if (r.method === 'GET' && r.url.endsWith('/api/orders/5/payment')) {
      const orderStatus = states[Math.min(polls, states.length - 1)]
      polls++
      return { statusCode: 200, data: { orderId: 5, orderStatus, payment: { provider: 'sandbox', outTradeNo: 'D5-1', amount: 100, status: orderStatus === 'paid' ? 'paid' : 'pending', paidAt: null } } }
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
  })
}

function adapter(result: PayResult) {
  const pay = vi.fn(async (_p: PaymentParams) => result)
  return { adapter: { platform: 'alipay', pay } satisfies PaymentAdapter, pay }
}

// A fake clock: sleeping advances it, so the 30 s limit is reached without waiting.
function clock() {
  let t = 0
  return { now: () => t, sleep: async (ms: number) => void (t += ms) }
}

beforeEach(() => {
  useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'alipay' } })
})

describe('payAndConfirm', () => {
  it('hands the server params to the adapter and reports paid only once the server says so', async () => {
    server(['created', 'created', 'paid'])
    const { adapter: a, pay } = adapter({ status: 'submitted' })
    const onConfirming = vi.fn()
    const outcome = await payAndConfirm(5, { adapter: a, onConfirming, ...clock() })
    expect(pay).toHaveBeenCalledWith(params)
    expect(onConfirming).toHaveBeenCalledTimes(1)
    expect(polls).toBe(3)
    expect(outcome).toEqual({ kind: 'paid' })
  })

  it('a submitted callback alone is not paid: the server never confirms -> timeout, not paid', async () => {
    server(['created'])
    const { adapter: a } = adapter({ status: 'submitted' })
    const outcome = await payAndConfirm(5, { adapter: a, intervalMs: 1500, timeoutMs: 30_000, ...clock() })
    expect(outcome).toEqual({ kind: 'timeout' })
    // every 1.5 s for 30 s: the first poll at 0 plus 20 more
    expect(polls).toBe(21)
  })

  it('pending from the platform also polls the server', async () => {
    server(['created', 'paid'])
    const { adapter: a } = adapter({ status: 'pending', message: '处理中' })
    expect(await payAndConfirm(5, { adapter: a, ...clock() })).toEqual({ kind: 'paid' })
  })

  it('cancelled: no polling, order untouched', async () => {
    server(['paid'])
    const { adapter: a } = adapter({ status: 'cancelled' })
    expect(await payAndConfirm(5, { adapter: a, ...clock() })).toEqual({ kind: 'cancelled' })
    expect(polls).toBe(0)
  })

  it('failed and unavailable carry their message', async () => {
    server(['paid'])
    expect(await payAndConfirm(5, { adapter: adapter({ status: 'failed', message: '余额不足' }).adapter, ...clock() })).toEqual({ kind: 'failed', message: '余额不足' })
    expect(await payAndConfirm(5, { adapter: adapter({ status: 'unavailable', reason: '当前环境暂不支持支付' }).adapter, ...clock() })).toEqual({ kind: 'failed', message: '当前环境暂不支持支付' })
    expect(polls).toBe(0)
  })

  it('a refused POST pay is a failure with the server message, and the adapter is not called', async () => {
    setRequestHandler(() => ({ statusCode: 409, data: { code: 'ORDER_NOT_PAYABLE', message: '订单当前不能付款' } }))
    const { adapter: a, pay } = adapter({ status: 'submitted' })
    expect(await payAndConfirm(5, { adapter: a, ...clock() })).toEqual({ kind: 'failed', message: '订单当前不能付款' })
    expect(pay).not.toHaveBeenCalled()
  })

  it('an order closed while waiting ends the wait', async () => {
    server(['created', 'closed'])
    const { adapter: a } = adapter({ status: 'submitted' })
    expect(await payAndConfirm(5, { adapter: a, ...clock() })).toEqual({ kind: 'ended', message: '订单已关闭' })
  })

  it('stops polling when the page goes away', async () => {
    server(['created'])
    const signal = { aborted: false }
    const c = clock()
    const sleep = async (ms: number) => {
      await c.sleep(ms)
      if (polls >= 2) signal.aborted = true
    }
    const { adapter: a } = adapter({ status: 'submitted' })
    expect(await payAndConfirm(5, { adapter: a, signal, now: c.now, sleep })).toEqual({ kind: 'aborted' })
    expect(polls).toBe(2)
    expect(payCalls).toBe(1)
  })
})
