import { beforeEach, describe, expect, it, vi } from 'vitest'
import Taro from '@tarojs/taro'
import { resetTaroShim, setRequestHandler } from '../../../../test/shims/taro'
import type { MessageTemplates } from '@/domain/contract'
import type { PayResult, PaymentAdapter, PaymentParams } from '@/platform/payment/types'
import type { SubscribeAdapter, SubscribeResult } from '@/platform/subscribe/types'
import { AT_AFTER_SALE, AT_GROUP_PAY, AT_PAY, DECLINED_KEY, idsToAsk, prepareMessageAsk } from '../ask-messages'
import { startPayment } from '../pay-flow'

const ids = ['t1', 't2', 't3', 't4', 't5', 't6']
const templates = (max: number, groups = [ids.slice(0, max), ids.slice(max)]): MessageTemplates => ({
  platform: max === 5 ? 'weapp' : 'alipay',
  maxPerRequest: max,
  templates: [],
  groups,
})

function subscriber(max: number, answer: (asked: string[]) => SubscribeResult, askAfterPay = true) {
  const request = vi.fn(async (asked: string[]) => answer(asked))
  return { adapter: { maxPerCall: max, askAfterPay, request } satisfies SubscribeAdapter, request }
}

beforeEach(() => resetTaroShim())

describe('idsToAsk', () => {
  it('takes the server groups in order, without what this device saw refused, at most max', () => {
    expect(idsToAsk(templates(5), new Set(), 5)).toEqual(['t1', 't2', 't3', 't4', 't5'])
    expect(idsToAsk(templates(3), new Set(['t2']), 3)).toEqual(['t1', 't3', 't4'])
    expect(idsToAsk(templates(5), new Set(), 3)).toEqual(['t1', 't2', 't3'])
  })
})

describe('which events a dialog asks about', () => {
  const named: MessageTemplates = {
    platform: 'alipay',
    maxPerRequest: 3,
    templates: (['order_paid', 'order_shipped', 'refund_done', 'order_closing_soon', 'after_sale_update', 'order_delivered', 'group_succeeded', 'group_failed'] as const).map((event, i) => ({
      event,
      templateId: `t${i + 1}`,
      status: 'none' as const,
      quota: 0,
    })),
    groups: [['t1', 't2', 't3'], ['t4', 't5', 't6'], ['t7', 't8']],
  }
  it("the pay tap leaves after-sales progress out (Alipay's three places go to the order's messages)", () => {
    expect(idsToAsk(named, new Set(), 3, AT_PAY)).toEqual(['t1', 't2', 't3'])
    expect(idsToAsk(named, new Set(['t1', 't2']), 3, AT_PAY)).toEqual(['t3', 't4', 't6'])
  })
  it('the after-sales tap asks for after-sales progress only; an id without a named event is not asked there', () => {
    expect(idsToAsk(named, new Set(), 3, AT_AFTER_SALE)).toEqual(['t5'])
    expect(idsToAsk(named, new Set(['t5']), 3, AT_AFTER_SALE)).toEqual([])
    expect(idsToAsk(templates(3), new Set(), 3, AT_AFTER_SALE)).toEqual([])
  })
  it('the group-buy confirm page asks whether the group succeeds or fails, and shipping; the pay tap elsewhere does not ask about groups', () => {
    expect(idsToAsk(named, new Set(), 3, AT_GROUP_PAY)).toEqual(['t2', 't7', 't8'])
    expect(idsToAsk(named, new Set(['t1', 't2', 't3', 't4']), 5, AT_PAY)).toEqual(['t6'])
  })
})

describe('prepareMessageAsk', () => {
  it('asks once with at most maxPerCall ids, posts the answers and remembers reject and ban', async () => {
    const { adapter, request } = subscriber(5, (asked) => ({ status: 'ok', decisions: Object.fromEntries(asked.map((id, i) => [id, i === 0 ? 'ban' : i === 1 ? 'reject' : 'accept'])) }))
    const postResults = vi.fn(async () => ({}))
    const ask = prepareMessageAsk({ adapter, getTemplates: async () => templates(5), postResults })
    await ask.ask()
    await ask.ask()
    expect(request).toHaveBeenCalledTimes(1)
    expect(request.mock.calls[0][0]).toEqual(['t1', 't2', 't3', 't4', 't5'])
    expect(postResults).toHaveBeenCalledWith({ t1: 'ban', t2: 'reject', t3: 'accept', t4: 'accept', t5: 'accept' })
    expect(Taro.getStorageSync(DECLINED_KEY)).toEqual(['t1', 't2'])

    // The next pay tap: even if the server still offered them, the refused ones are not asked again.
    const second = prepareMessageAsk({ adapter, getTemplates: async () => templates(5), postResults })
    await second.ask()
    expect(request.mock.calls[1][0]).toEqual(['t3', 't4', 't5', 't6'])
  })

  it('never throws: templates unavailable, dialog failed, posting failed', async () => {
    const { adapter, request } = subscriber(3, () => ({ status: 'failed', message: 'x' }))
    await prepareMessageAsk({ adapter, getTemplates: async () => Promise.reject(new Error('offline')) }).ask()
    expect(request).not.toHaveBeenCalled()
    await prepareMessageAsk({ adapter, getTemplates: async () => templates(3) }).ask()
    expect(request).toHaveBeenCalledOnce()
    const ok = subscriber(3, () => ({ status: 'ok', decisions: { t1: 'accept' } }))
    await expect(prepareMessageAsk({ adapter: ok.adapter, getTemplates: async () => templates(3), postResults: () => Promise.reject(new Error('500')) }).ask()).resolves.toBeUndefined()
  })

  it('a platform without the dialog fetches nothing', async () => {
    const getTemplates = vi.fn(async () => templates(5))
    const { adapter } = subscriber(0, () => ({ status: 'unavailable', reason: '' }))
    await prepareMessageAsk({ adapter, getTemplates }).ask()
    expect(getTemplates).not.toHaveBeenCalled()
  })
})

describe('startPayment with messages', () => {
  const params: PaymentParams = { tradeNO: '2026112300001' }
  function payAdapter(result: PayResult, log: string[]) {
    return {
      platform: 'alipay',
      pay: vi.fn(async () => {
        log.push('pay')
        return result
      }),
    } satisfies PaymentAdapter
  }
  beforeEach(() => setRequestHandler(() => ({ statusCode: 200, data: params })))

  it('asks in the payment callback (after pay) on the mini-programs, also after a cancel', async () => {
    for (const result of [{ status: 'submitted' }, { status: 'cancelled' }] as PayResult[]) {
      const log: string[] = []
      const ask = { afterPay: true, ask: vi.fn(async () => void log.push('ask')) }
      await startPayment(5, payAdapter(result, log), ask)
      expect(log).toEqual(['pay', 'ask'])
    }
  })

  it('does not ask when the cashier never opened', async () => {
    const log: string[] = []
    const ask = { afterPay: true, ask: vi.fn(async () => void log.push('ask')) }
    await startPayment(5, payAdapter({ status: 'failed', message: 'no' }, log), ask)
    expect(log).toEqual(['pay'])
  })

  it('asks before the page leaves for the cashier where paying leaves the page', async () => {
    const log: string[] = []
    const ask = { afterPay: false, ask: vi.fn(async () => void log.push('ask')) }
    expect(await startPayment(5, payAdapter({ status: 'redirected' }, log), ask)).toEqual({ kind: 'left' })
    expect(log).toEqual(['ask', 'pay'])
  })

  it('a dialog that fails still pays', async () => {
    const log: string[] = []
    const { adapter } = subscriber(5, () => {
      throw new Error('host crashed')
    })
    const ask = prepareMessageAsk({ adapter, getTemplates: async () => templates(5) })
    expect(await startPayment(5, payAdapter({ status: 'submitted' }, log), ask)).toEqual({ kind: 'confirming' })
  })
})
