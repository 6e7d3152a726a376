import { describe, expect, it } from 'vitest'
import { wechatMessages, wechatTokenSource } from '../wechat/messages'
import { alipayMessages } from '../alipay/messages'
import type { OutgoingMessage } from '../types'

function manualClock(start = Date.now()) {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) }
}

const message: OutgoingMessage = {
  dedupeKey: 'order:7:order_paid',
  recipient: { userId: 1, platform: 'weapp', externalId: 'o-openid-1', openId: 'o-openid-1' },
  event: 'order_paid',
  templateId: 'TMPL_PAID',
  page: 'pkg-order/order-detail/index?id=7',
  data: { character_string1: 'D2026112300000007', amount2: '¥39.00' },
}

/** A fake api.weixin.qq.com: tokens numbered from 1, send answers from a queue. */
function fakeWechat(sendAnswers: object[] = []) {
  const calls = { token: 0, sends: [] as { token: string; body: Record<string, unknown> }[] }
  const impl = (async (url: string | URL, init?: RequestInit) => {
    const u = new URL(String(url))
    if (u.pathname === '/cgi-bin/token') {
      calls.token += 1
      expect(Object.fromEntries(u.searchParams)).toEqual({ grant_type: 'client_credential', appid: 'wx-app', secret: 'wx-secret' })
      await new Promise((r) => setTimeout(r, 5))
      return Response.json({ access_token: `TOKEN-${calls.token}`, expires_in: 7200 })
    }
    expect(u.pathname).toBe('/cgi-bin/message/subscribe/send')
    expect(init?.method).toBe('POST')
    calls.sends.push({ token: u.searchParams.get('access_token') as string, body: JSON.parse(String(init?.body)) })
    return Response.json(sendAnswers.shift() ?? { errcode: 0, errmsg: 'ok' })
  }) as typeof fetch
  return { calls, impl }
}

describe('wechat message provider', () => {
  const make = (answers: object[] = [], clock = manualClock()) => {
    const f = fakeWechat(answers)
    return { ...f, clock, provider: wechatMessages({ appId: 'wx-app', secret: 'wx-secret', state: 'trial', fetch: f.impl, now: clock.now }) }
  }

  it('posts touser, template_id, page, data as {key: {value}} and the mini-program state', async () => {
    const { provider, calls } = make()
    expect(provider.idempotent).toBe(false)
    expect(await provider.send(message)).toEqual({ kind: 'sent' })
    expect(calls.sends[0]).toEqual({
      token: 'TOKEN-1',
      body: {
        touser: 'o-openid-1',
        template_id: 'TMPL_PAID',
        page: 'pkg-order/order-detail/index?id=7',
        data: { character_string1: { value: 'D2026112300000007' }, amount2: { value: '¥39.00' } },
        miniprogram_state: 'trial',
        lang: 'zh_CN',
      },
    })
  })

  it('caches the access_token, fetches it once for a burst (single flight) and renews it before it expires', async () => {
    const { provider, calls, clock } = make()
    await Promise.all(Array.from({ length: 5 }, () => provider.send(message)))
    expect(calls.token).toBe(1)
    clock.advance(60 * 60_000)
    await provider.send(message)
    expect(calls.token).toBe(1)
    // 7200 s life, renewed 5 minutes early: at 1 h 55 min + 1 s a new one is fetched, while the old is still valid.
    clock.advance(55 * 60_000 + 1000)
    await provider.send(message)
    expect(calls.token).toBe(2)
    expect(calls.sends.at(-1)?.token).toBe('TOKEN-2')
  })

  it('40001 / 42001: renews the token and sends again once', async () => {
    const { provider, calls } = make([{ errcode: 40001, errmsg: 'invalid credential' }])
    expect(await provider.send(message)).toEqual({ kind: 'sent' })
    expect(calls.token).toBe(2)
    expect(calls.sends.map((s) => s.token)).toEqual(['TOKEN-1', 'TOKEN-2'])
    const twice = make([{ errcode: 42001, errmsg: 'expired' }, { errcode: 42001, errmsg: 'expired' }])
    expect((await twice.provider.send(message)).kind).toBe('retry')
  })

  it('43101 is no quota; busy is retry; a bad template is rejected', async () => {
    expect(await make([{ errcode: 43101, errmsg: 'user refuse to accept the msg' }]).provider.send(message)).toEqual({ kind: 'no_quota', detail: 'errcode 43101 user refuse to accept the msg' })
    expect((await make([{ errcode: -1, errmsg: 'system error' }]).provider.send(message)).kind).toBe('retry')
    expect((await make([{ errcode: 40037, errmsg: 'invalid template_id' }]).provider.send(message)).kind).toBe('rejected')
  })

  it('unreachable before connecting is retry; a timeout after sending is ambiguous; no token is retry', async () => {
    const tokenOk = (fail: () => never) =>
      wechatMessages({
        appId: 'a',
        secret: 's',
        state: 'formal',
        fetch: (async (url: string | URL) => (String(url).includes('/cgi-bin/token') ? Response.json({ access_token: 'T', expires_in: 7200 }) : fail())) as typeof fetch,
      })
    const refused = tokenOk(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
    })
    expect((await refused.send(message)).kind).toBe('retry')
    const timeout = tokenOk(() => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    })
    expect((await timeout.send(message)).kind).toBe('ambiguous')
    const noToken = wechatMessages({ appId: 'a', secret: 'bad', state: 'formal', fetch: (async () => Response.json({ errcode: 40125, errmsg: 'invalid appsecret' })) as typeof fetch })
    expect(await noToken.send(message)).toEqual({ kind: 'retry', detail: 'cgi-bin/token: 40125 invalid appsecret' })
  })

  it('invalidate drops only the token that was refused', async () => {
    const f = fakeWechat()
    const clock = manualClock()
    const tokens = wechatTokenSource({ appId: 'wx-app', secret: 'wx-secret', fetch: f.impl, now: clock.now })
    expect(await tokens.get()).toBe('TOKEN-1')
    tokens.invalidate('TOKEN-0')
    expect(await tokens.get()).toBe('TOKEN-1')
    tokens.invalidate('TOKEN-1')
    expect(await tokens.get()).toBe('TOKEN-2')
  })
})

describe('alipay message provider', () => {
  it('sends user_template_id, to_user_id, page and data as a JSON string through templatemessage.send', async () => {
    const seen: Record<string, string>[] = []
    const p = alipayMessages(async (biz) => {
      seen.push(biz)
      return seen.length === 1 ? { code: '10000', msg: 'Success' } : { code: '40004', msg: 'Business Failed', subCode: 'USER_TEMPLATE_ILLEGAL', subMsg: '模板不合法' }
    })
    const to = { ...message, recipient: { userId: 2, platform: 'alipay' as const, externalId: '2088000000000001', openId: null } }
    expect(await p.send(to)).toEqual({ kind: 'sent' })
    expect(seen[0]).toEqual({ to_user_id: '2088000000000001', user_template_id: 'TMPL_PAID', page: message.page, data: JSON.stringify({ character_string1: { value: 'D2026112300000007' }, amount2: { value: '¥39.00' } }) })
    expect((await p.send(to)).kind).toBe('rejected')
    const openIdUser = { ...to, recipient: { ...to.recipient, externalId: '074a1Xyz', openId: '074a1Xyz' } }
    await p.send(openIdUser)
    expect(seen[2]).toMatchObject({ to_open_id: '074a1Xyz' })
  })
})
