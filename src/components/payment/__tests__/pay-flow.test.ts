import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setRequestHandler } from '../../../../test/shims/taro'
import type { PayResult, PaymentAdapter, PaymentParams } from '@/platform/payment/types'
import { useSession } from '@/store/session'
import { confirmPayment, sandboxTicket, startPayment } from '../pay-flow'

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

describe('startPayment', () => {
  it('hands the server params to the adapter; submitted and pending both mean: ask the server', async () => {
    server(['paid'])
    const { adapter: a, pay } = adapter({ status: 'submitted' })
    expect(await startPayment(5, a)).toEqual({ kind: 'confirming' })
    expect(pay).toHaveBeenCalledWith(params)
    expect(await startPayment(5, adapter({ status: 'pending', message: '处理中' }).adapter)).toEqual({ kind: 'confirming' })
    // Starting never asks for the verdict: that is confirmPayment's job.
    expect(polls).toBe(0)
    expect(payCalls).toBe(2)
  })

  it('cancelled, redirected (H5 cashier page), failed and unavailable', async () => {
    server(['paid'])
    expect(await startPayment(5, adapter({ status: 'cancelled' }).adapter)).toEqual({ kind: 'cancelled' })
    expect(await startPayment(5, adapter({ status: 'redirected' }).adapter)).toEqual({ kind: 'left' })
    expect(await startPayment(5, adapter({ status: 'failed', message: '余额不足' }).adapter)).toEqual({ kind: 'failed', message: '余额不足' })
    expect(await startPayment(5, adapter({ status: 'unavailable', reason: '当前环境暂不支持支付' }).adapter)).toEqual({ kind: 'failed', message: '当前环境暂不支持支付' })
    expect(polls).toBe(0)
  })

  it('a refused POST pay is a failure with the server message, and the adapter is not called', async () => {
    setRequestHandler(() => ({ statusCode: 409, data: { code: 'ORDER_NOT_PAYABLE', message: '订单当前不能付款' } }))
    const { adapter: a, pay } = adapter({ status: 'submitted' })
    expect(await startPayment(5, a)).toEqual({ kind: 'failed', message: '订单当前不能付款' })
    expect(pay).not.toHaveBeenCalled()
  })
})

describe('confirmPayment', () => {
  it('reports paid only once the server says so', async () => {
    server(['created', 'created', 'paid'])
    expect(await confirmPayment(5, clock())).toEqual({ kind: 'paid' })
    expect(polls).toBe(3)
  })

  it('the server never confirms -> timeout, not paid', async () => {
    server(['created'])
    expect(await confirmPayment(5, { intervalMs: 1500, timeoutMs: 30_000, ...clock() })).toEqual({ kind: 'timeout' })
    // every 1.5 s for 30 s: the first poll at 0 plus 20 more
    expect(polls).toBe(21)
  })

  it('a failed poll is not a verdict', async () => {
    let n = 0
    setRequestHandler(() => (++n === 1 ? { statusCode: 502, data: { code: 'BAD_GATEWAY', message: 'x' } } : { statusCode: 200, data: { orderId: 5, orderStatus: 'paid', payment: null } }))
    expect(await confirmPayment(5, clock())).toEqual({ kind: 'paid' })
    expect(n).toBe(2)
  })

  it('an order closed or cancelled while waiting ends the wait', async () => {
    server(['created', 'closed'])
    expect(await confirmPayment(5, clock())).toEqual({ kind: 'ended', message: '订单已超时关闭' })
    server(['cancelled'])
    expect(await confirmPayment(5, clock())).toEqual({ kind: 'ended', message: '订单已取消' })
  })

  it('stops polling when the signal aborts', async () => {
    server(['created'])
    const signal = { aborted: false }
    const c = clock()
    const sleep = async (ms: number) => {
      await c.sleep(ms)
      if (polls >= 2) signal.aborted = true
    }
    expect(await confirmPayment(5, { signal, now: c.now, sleep })).toEqual({ kind: 'aborted' })
    expect(polls).toBe(2)
  })
})

describe('startPayment against a sandbox server (mini-program in its IDE)', () => {
  const ticket = { outTradeNo: 'D5P01', ticket: 'tkt' }
  function sandboxServer() {
    setRequestHandler((r) => (r.method === 'POST' && r.url.endsWith('/api/orders/5/pay') ? { statusCode: 200, data: { ...params, sandbox: ticket } } : { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }))
  }

  it('the host failing to pay the sandbox trade opens the in-app sandbox cashier', async () => {
    sandboxServer()
    for (const result of [{ status: 'failed', message: 'x' }, { status: 'pending', message: 'y' }, { status: 'unavailable', reason: 'z' }] as PayResult[]) {
      expect(await startPayment(5, adapter(result).adapter)).toEqual({ kind: 'sandbox', cashier: ticket })
    }
  })

  it('the host paying or the shopper closing it decides as usual', async () => {
    sandboxServer()
    expect(await startPayment(5, adapter({ status: 'submitted' }).adapter)).toEqual({ kind: 'confirming' })
    expect(await startPayment(5, adapter({ status: 'cancelled' }).adapter)).toEqual({ kind: 'cancelled' })
  })

  it('without a ticket (a live server) a failure stays a failure', async () => {
    server(['created'])
    expect(await startPayment(5, adapter({ status: 'failed', message: '微信支付未完成' }).adapter)).toEqual({ kind: 'failed', message: '微信支付未完成' })
    expect(sandboxTicket({ tradeNO: 'x', sandbox: { outTradeNo: '', ticket: 't' } })).toBeNull()
  })
})
