import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { trackingStateFromKuaidi100 } from '../../../src/domain/shipping'
import { KUAIDI100_URLS, Kuaidi100Tracking, kuaidi100Sign, liveKuaidi100Api, snapshotOf } from '../kuaidi100/tracking'
import { SANDBOX_KUAIDI100, SandboxKuaidi100, sandboxTracking } from '../sandbox/tracking'
import type { Queryable } from '../../db'
import { describeConfig, loadConfig } from '../../plugins/env'
import { buildPlatforms } from '..'
import { ProviderError } from '../types'

const KEYS = { key: 'K-test-key', customer: 'C-test-customer', salt: 'S-test-salt' }
const md5 = (s: string) => crypto.createHash('md5').update(s, 'utf8').digest('hex').toUpperCase()

/** A push as Kuaidi100 sends one: form param + sign = MD5(param + salt). */
function push(lastResult: object, salt = KEYS.salt, tamper?: (param: string) => string) {
  const param = JSON.stringify({ status: 'polling', billstatus: 'got', message: '', lastResult })
  const sign = md5(param + salt)
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ param: tamper ? tamper(param) : param, sign }).toString() }
}

const TRACE = {
  state: '0',
  ischeck: '0',
  com: 'zhongtong',
  nu: 'ZT100200300',
  data: [
    { context: '快件已到达【上海转运中心】', ftime: '2026-12-05 10:30:00', areaName: '上海,上海市' },
    { context: '快件已揽收', ftime: '2026-12-04 18:00:00', areaName: null },
  ],
}

/** A fake fetch that records what it was sent and answers from a queue. */
function fakeFetch(answers: unknown[]) {
  const sent: { url: string; method: string; contentType: string; form: Record<string, string> }[] = []
  const fn = async (url: string, init: { method: string; headers: Record<string, string>; body: string }) => {
    sent.push({ url, method: init.method, contentType: init.headers['content-type'], form: Object.fromEntries(new URLSearchParams(init.body)) })
    const a = answers.shift()
    if (a instanceof Error) throw a
    return { ok: true, status: 200, text: async () => JSON.stringify(a) }
  }
  return { sent, fn }
}

describe('Kuaidi100 tracking gateway', () => {
  const facet = new Kuaidi100Tracking(KEYS, liveKuaidi100Api(fakeFetch([]).fn))

  it('verifies a push signed with our salt and reads it: our carrier code, ISO times, newest event first', () => {
    const r = facet.verifyPush(push(TRACE))
    expect(r).toEqual({
      ok: true,
      update: {
        carrier: 'ZTO',
        trackingNo: 'ZT100200300',
        state: 'in_transit',
        events: [
          { at: '2026-12-05T02:30:00.000Z', text: '快件已到达【上海转运中心】', area: '上海,上海市' },
          { at: '2026-12-04T10:00:00.000Z', text: '快件已揽收', area: null },
        ],
      },
    })
  })

  it('refuses a tampered param, a wrong salt, and a push without sign', () => {
    expect(facet.verifyPush(push(TRACE, KEYS.salt, (p) => p.replace('"state":"0"', '"state":"3"')))).toEqual({ ok: false, reason: 'bad_signature', message: 'sign does not match' })
    expect(facet.verifyPush(push(TRACE, 'another-salt'))).toEqual({ ok: false, reason: 'bad_signature', message: 'sign does not match' })
    expect(facet.verifyPush({ headers: {}, body: new URLSearchParams({ param: '{}' }).toString() })).toEqual({ ok: false, reason: 'bad_format', message: 'missing param or sign' })
    const notJson = 'not json'
    expect(facet.verifyPush({ headers: {}, body: new URLSearchParams({ param: notJson, sign: md5(notJson + KEYS.salt) }).toString() })).toEqual({ ok: false, reason: 'bad_format', message: 'param is not JSON' })
  })

  it('answers a push the way Kuaidi100 expects', () => {
    expect(facet.pushAnswer(true, '成功')).toEqual({ status: 200, body: { result: true, returnCode: '200', message: '成功' } })
    expect(facet.pushAnswer(false, 'sign does not match')).toEqual({ status: 400, body: { result: false, returnCode: '500', message: 'sign does not match' } })
  })

  it('sends the subscribe form exactly: schema=json, param {company, number, key, parameters {callbackurl, salt, resultv2, phone}}', async () => {
    const f = fakeFetch([{ result: true, returnCode: '200', message: '提交成功' }, { result: false, returnCode: '501', message: '重复订阅' }, { result: false, returnCode: '600', message: '您不是合法的订阅者' }])
    const live = new Kuaidi100Tracking(KEYS, liveKuaidi100Api(f.fn))
    await live.subscribe({ carrier: 'SF', trackingNo: 'SF1234567890', phone: '5678' }, 'https://shop.example.com/api/tracking/notify/kuaidi100')
    expect(f.sent[0]).toEqual({
      url: 'https://poll.kuaidi100.com/poll',
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      form: {
        schema: 'json',
        param: JSON.stringify({
          company: 'shunfeng',
          number: 'SF1234567890',
          key: 'K-test-key',
          parameters: { callbackurl: 'https://shop.example.com/api/tracking/notify/kuaidi100', salt: 'S-test-salt', resultv2: '1', phone: '5678' },
        }),
      },
    })
    // 501 重复订阅: already followed, fine. 600: refused.
    await expect(live.subscribe({ carrier: 'ZTO', trackingNo: 'ZT1', phone: null }, 'https://x/cb')).resolves.toBeUndefined()
    expect(JSON.parse(f.sent[1].form.param).parameters).toEqual({ callbackurl: 'https://x/cb', salt: 'S-test-salt', resultv2: '1' })
    await expect(live.subscribe({ carrier: 'ZTO', trackingNo: 'ZT2', phone: null }, 'https://x/cb')).rejects.toThrow(new ProviderError('Kuaidi100 refused the subscription: 600 您不是合法的订阅者'))
  })

  it('sends the query form exactly: customer, sign = MD5(param + key + customer) upper-case, param {com, num, resultv2, phone}', async () => {
    const f = fakeFetch([{ message: 'ok', status: '200', ...TRACE, state: '5' }, { result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' }, { result: false, returnCode: '400', message: '找不到对应公司' }])
    const live = new Kuaidi100Tracking(KEYS, liveKuaidi100Api(f.fn))
    const snap = await live.query({ carrier: 'SF', trackingNo: 'SF1234567890', phone: '5678' })
    const param = JSON.stringify({ com: 'shunfeng', num: 'SF1234567890', resultv2: '1', phone: '5678' })
    expect(f.sent[0]).toEqual({ url: 'https://poll.kuaidi100.com/poll/query.do', method: 'POST', contentType: 'application/x-www-form-urlencoded; charset=utf-8', form: { customer: 'C-test-customer', sign: md5(param + 'K-test-key' + 'C-test-customer'), param } })
    expect(f.sent[0].form.sign).toMatch(/^[0-9A-F]{32}$/)
    expect(snap.state).toBe('delivering')
    expect(snap.events).toHaveLength(2)
    await expect(live.query({ carrier: 'ZTO', trackingNo: 'ZT1', phone: null })).resolves.toEqual({ state: 'pending', events: [] })
    await expect(live.query({ carrier: 'ZTO', trackingNo: 'ZT1', phone: null })).rejects.toThrow(ProviderError)
  })

  it('turns a network failure into ProviderError, without the keys in its message', async () => {
    const f = fakeFetch([Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })])
    const live = new Kuaidi100Tracking(KEYS, liveKuaidi100Api(f.fn))
    const err = await live.query({ carrier: 'ZTO', trackingNo: 'ZT1', phone: null }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect((err as Error).message).not.toMatch(/K-test-key|C-test-customer|S-test-salt/)
  })

  it('maps Kuaidi100 states: 1 揽收, 0 在途, 5 派件, 3 签收, 2/14 疑难, 4/6 退回; ischeck 1 is delivered', () => {
    expect(['1', '0', '5', '3', '2', '14', '4', '6', '7', '8'].map(trackingStateFromKuaidi100)).toEqual([
      'collected',
      'in_transit',
      'delivering',
      'delivered',
      'problem',
      'problem',
      'returned',
      'returned',
      'in_transit',
      'in_transit',
    ])
    expect(snapshotOf({ state: '7', ischeck: '1', data: [] }).state).toBe('delivered')
    expect(kuaidi100Sign('abc')).toBe('900150983CD24FB0D6963F7D28E17F72')
  })
})

describe('the sandbox playing Kuaidi100', () => {
  it('moves a subscribed parcel collected → in_transit → delivering → delivered, each push signed with the subscription salt', async () => {
    let t = Date.UTC(2026, 11, 5, 2, 0, 0)
    const k = new SandboxKuaidi100(() => new Date(t), null)
    const facet = sandboxTracking('sandbox-salt', k)
    expect(k.step('ZTO', 'ZT9')).toBeNull()
    await facet.subscribe({ carrier: 'ZTO', trackingNo: 'ZT9', phone: null }, 'http://127.0.0.1:3000/api/tracking/notify/kuaidi100')
    expect(k.subscriptions()).toEqual([{ carrier: 'zhongtong', trackingNo: 'ZT9', callbackUrl: 'http://127.0.0.1:3000/api/tracking/notify/kuaidi100', phone: null }])
    await expect(facet.query({ carrier: 'ZTO', trackingNo: 'ZT9', phone: null })).resolves.toEqual({ state: 'pending', events: [] })
    const states: string[] = []
    for (;;) {
      t += 60_000
      const raw = k.step('ZTO', 'ZT9')
      if (!raw) break
      const v = facet.verifyPush(raw)
      if (!v.ok) throw new Error(v.message)
      states.push(v.update.state)
      expect(sandboxTracking('another-salt', k).verifyPush(raw)).toMatchObject({ ok: false, reason: 'bad_signature' })
    }
    expect(states).toEqual(['collected', 'in_transit', 'delivering', 'delivered'])
    const now = await facet.query({ carrier: 'ZTO', trackingNo: 'ZT9', phone: null })
    expect(now.state).toBe('delivered')
    expect(now.events.map((e) => e.at)).toEqual(['2026-12-05T02:04:00.000Z', '2026-12-05T02:03:00.000Z', '2026-12-05T02:02:00.000Z', '2026-12-05T02:01:00.000Z'])
  })

  it('refuses what Kuaidi100 refuses: a wrong key, SF without a phone, a query with a bad sign', async () => {
    const k = new SandboxKuaidi100(() => new Date(), null)
    await expect(new Kuaidi100Tracking({ ...SANDBOX_KUAIDI100, key: 'wrong', salt: 's' }, k, true).subscribe({ carrier: 'ZTO', trackingNo: 'Z1', phone: null }, 'http://x')).rejects.toThrow(ProviderError)
    await expect(sandboxTracking('s', k).subscribe({ carrier: 'SF', trackingNo: 'SF1', phone: null }, 'http://x')).rejects.toThrow('700')
    await expect(new Kuaidi100Tracking({ ...SANDBOX_KUAIDI100, customer: 'other', salt: 's' }, k, true).query({ carrier: 'ZTO', trackingNo: 'Z1', phone: null })).rejects.toThrow('400')
    expect(await k.post(KUAIDI100_URLS.subscribe, { schema: 'json', param: JSON.stringify({ company: 'shunfeng', number: 'SF2', key: SANDBOX_KUAIDI100.key, parameters: { callbackurl: 'http://x', phone: '1234' } }) })).toEqual({ result: true, returnCode: '200', message: '提交成功' })
  })
})

describe('which tracking facet is built', () => {
  const db = {} as Queryable
  const now = () => new Date()
  it('Kuaidi100 with all three keys (no sandbox desk), the sandbox otherwise; the keys never reach describeConfig', () => {
    const env = { KUAIDI100_KEY: 'live-key-xyz', KUAIDI100_CUSTOMER: 'LIVECUSTOMER', KUAIDI100_SALT: 'live-salt-xyz' }
    const config = { ...loadConfig(env), dataDir: 'memory://' }
    expect(config.kuaidi100).toEqual({ key: 'live-key-xyz', customer: 'LIVECUSTOMER', salt: 'live-salt-xyz' })
    const live = buildPlatforms(config, env, { db, now, sandboxNotifyDelayMs: null })
    expect([live.tracking.facet.id, live.tracking.facet.sandbox, live.tracking.sandbox]).toEqual(['kuaidi100', false, undefined])
    expect(describeConfig(config).join('\n')).not.toMatch(/live-key-xyz|LIVECUSTOMER|live-salt-xyz/)
    expect(describeConfig(config).join('\n')).toContain('Tracking: Kuaidi100 LIVE')

    const partial = { ...loadConfig({ KUAIDI100_KEY: 'k', KUAIDI100_CUSTOMER: 'c' }), dataDir: 'memory://' }
    expect(partial.kuaidi100).toBeUndefined()
    const sandbox = buildPlatforms(partial, {}, { db, now, sandboxNotifyDelayMs: null })
    expect([sandbox.tracking.facet.id, sandbox.tracking.facet.sandbox, typeof sandbox.tracking.sandbox?.step]).toEqual(['sandbox', true, 'function'])
    expect(loadConfig({}).trackingSandboxStepMs).toBe(120_000)
    expect(loadConfig({ TRACKING_SANDBOX_STEP_MS: '0' }).trackingSandboxStepMs).toBeNull()
    expect(loadConfig({}).trackingPollAfterMs).toBe(6 * 3_600_000)
    live.stop()
    sandbox.stop()
  })
})
