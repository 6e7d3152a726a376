import { describe, expect, it } from 'vitest'
import { MESSAGE_EVENTS, SUBSCRIBE_MAX_IDS, groupTemplateIds, isMessageEvent, stillAsk } from '../messages'

describe('subscription message rules', () => {
  it('splits template ids into calls the platform takes: WeChat 5, Alipay 3', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    expect(groupTemplateIds(ids, SUBSCRIBE_MAX_IDS.weapp)).toEqual([['a', 'b', 'c', 'd', 'e'], ['f', 'g']])
    expect(groupTemplateIds(ids, SUBSCRIBE_MAX_IDS.alipay)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']])
    expect(groupTemplateIds([], 5)).toEqual([])
  })

  it('stops asking after reject or ban, keeps asking otherwise', () => {
    expect([null, 'accept', 'reject', 'ban'].map((c) => stillAsk(c as 'accept' | null))).toEqual([true, true, false, false])
  })

  it('knows its events, the credit ones included', () => {
    expect(MESSAGE_EVENTS).toContain('rental_due')
    expect(isMessageEvent('order_paid')).toBe(true)
    expect(isMessageEvent('order_payed')).toBe(false)
    expect(isMessageEvent(1)).toBe(false)
  })
})
