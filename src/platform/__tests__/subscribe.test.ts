import { afterEach, describe, expect, it, vi } from 'vitest'
import { decisionsOf as wxDecisions, subscribeAdapter as weapp } from '../subscribe/index.weapp'
import { decisionsOf as myDecisions, subscribeAdapter as alipay } from '../subscribe/index.alipay'
import { subscribeAdapter as h5 } from '../subscribe/index.h5'
import { subscribeAdapter as neutral } from '../subscribe'

type Callbacks = { success(res: unknown): void; fail(err: unknown): void }

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('weapp subscribe', () => {
  it('asks wx.requestSubscribeMessage with at most 5 tmplIds and keeps only their answers', async () => {
    const requestSubscribeMessage = vi.fn(({ success }: Callbacks & { tmplIds: string[] }) =>
      success({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'ban', d: 'filter', e: 'accept', zz: 'accept' }),
    )
    vi.stubGlobal('wx', { requestSubscribeMessage })
    const res = await weapp.request(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
    expect(requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(res).toEqual({ status: 'ok', decisions: { a: 'accept', b: 'reject', c: 'ban', d: 'filter', e: 'accept' } })
    expect(weapp.maxPerCall).toBe(5)
    expect(weapp.askAfterPay).toBe(true)
  })

  it('reports fail (e.g. 20004 switched off) and a missing API without throwing', async () => {
    vi.stubGlobal('wx', { requestSubscribeMessage: ({ fail }: Callbacks) => fail({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 }) })
    expect(await weapp.request(['a'])).toEqual({ status: 'failed', message: 'requestSubscribeMessage:fail' })
    vi.stubGlobal('wx', {})
    expect((await weapp.request(['a'])).status).toBe('unavailable')
    vi.stubGlobal('wx', {
      requestSubscribeMessage: () => {
        throw new Error('old base library')
      },
    })
    expect((await weapp.request(['a'])).status).toBe('failed')
  })

  it('asks nothing for no ids', async () => {
    const requestSubscribeMessage = vi.fn()
    vi.stubGlobal('wx', { requestSubscribeMessage })
    expect(await weapp.request([])).toEqual({ status: 'ok', decisions: {} })
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })

  it('drops values that are not decisions', () => {
    expect(wxDecisions(['a', 'b'], { a: 'accept', b: 'maybe' })).toEqual({ a: 'accept' })
  })
})

describe('alipay subscribe', () => {
  it('asks my.requestSubscribeMessage with at most 3 entityIds and reads the result lists', async () => {
    const requestSubscribeMessage = vi.fn(({ success }: Callbacks & { entityIds: string[] }) =>
      success({ behavior: 'subscribe', show: true, keep: false, refuse: false, result: { subscribeEntityIds: ['a'], subscribedEntityIds: ['a'], unsubscribedEntityIds: ['b', 'c'], currentSubscribedEntityIds: ['a'] } }),
    )
    vi.stubGlobal('my', { requestSubscribeMessage })
    const res = await alipay.request(['a', 'b', 'c', 'd'])
    expect(requestSubscribeMessage.mock.calls[0][0].entityIds).toEqual(['a', 'b', 'c'])
    expect(res).toEqual({ status: 'ok', decisions: { a: 'accept', b: 'reject', c: 'reject' } })
    expect(alipay.maxPerCall).toBe(3)
  })

  it('prefers the per-id keys newer hosts add', () => {
    expect(myDecisions(['a', 'b'], { a: 'reject', b: 'accept', result: { subscribedEntityIds: ['a'] } })).toEqual({ a: 'reject', b: 'accept' })
  })

  it('a closed panel (fail, behavior cancel) records nothing', async () => {
    vi.stubGlobal('my', { requestSubscribeMessage: ({ fail }: Callbacks) => fail({ behavior: 'cancel', errorMessage: '用户取消' }) })
    expect(await alipay.request(['a'])).toEqual({ status: 'failed', message: '用户取消' })
    vi.stubGlobal('my', {})
    expect((await alipay.request(['a'])).status).toBe('unavailable')
  })
})

describe('h5 and neutral subscribe', () => {
  it('the preview plays a shopper who allows, before the page leaves for the cashier', async () => {
    expect(h5.askAfterPay).toBe(false)
    expect(await h5.request(['x', 'y'])).toEqual({ status: 'ok', decisions: { x: 'accept', y: 'accept' } })
  })

  it('the neutral file asks nothing', async () => {
    expect(neutral.maxPerCall).toBe(0)
    expect((await neutral.request(['x'])).status).toBe('unavailable')
  })
})
