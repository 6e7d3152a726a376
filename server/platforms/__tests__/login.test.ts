import { describe, expect, it } from 'vitest'
import type { Queryable } from '../../db'
import { loadConfig } from '../../plugins/env'
import { buildPlatforms } from '../index'
import { SandboxCore, generateSandboxKeys } from '../sandbox/core'
import { sandboxLogin } from '../sandbox/login'
import { LoginRejected } from '../types'
import { wechatLogin } from '../wechat/login'

describe('wechat login', () => {
  it('calls jscode2session and maps errcode to a rejection', async () => {
    const urls: string[] = []
    const fake = (async (url: URL) => {
      urls.push(String(url))
      const code = url.searchParams.get('js_code')
      const body = code === 'ok' ? { openid: 'o1', session_key: 'k', unionid: 'u1' } : { errcode: 40029, errmsg: 'invalid code' }
      return new Response(JSON.stringify(body), { status: 200 })
    }) as unknown as typeof fetch
    const login = wechatLogin({ appId: 'wxapp', secret: 'sec' }, fake)
    expect(await login('ok')).toEqual({ externalId: 'o1', openId: 'o1', unionId: 'u1' })
    await expect(login('nope')).rejects.toBeInstanceOf(LoginRejected)
    expect(urls[0]).toContain('appid=wxapp')
    expect(urls[0]).toContain('grant_type=authorization_code')
  })
})

describe('sandbox login', () => {
  const core = new SandboxCore(generateSandboxKeys(), () => new Date(), null)

  it('is one stable, prefixed id per (platform, device); without a device id one per code', async () => {
    const wx = sandboxLogin(core, 'wechat')
    const ali = sandboxLogin(core, 'alipay')
    const device = 'device-0123456789abcdef'
    const a = await wx('code-1', { deviceId: device })
    expect(await wx('code-2', { deviceId: device })).toEqual(a)
    expect(a.externalId).toMatch(/^sandbox-wx-[\w-]{32}$/)
    expect(a.openId).toBe(a.externalId)
    expect(a.externalId).not.toContain(device)
    expect((await wx('code-1', { deviceId: 'device-fedcba9876543210' })).externalId).not.toBe(a.externalId)
    const b = await ali('auth-1', { deviceId: device })
    expect(b.externalId).toMatch(/^sandbox-ali-[\w-]{32}$/)
    // Never an Alipay user id (2088 + 12 digits): Alipay pay sends it as buyer_open_id.
    expect(b.externalId).not.toMatch(/^2088\d{12}$/)
    expect((await wx('code-9')).externalId).not.toBe((await wx('code-8')).externalId)
    // Same keys (DATA_DIR), a restarted server: the same shopper.
    const restarted = new SandboxCore(core.keys, () => new Date(), null)
    expect(await sandboxLogin(restarted, 'wechat')('code-3', { deviceId: device })).toEqual(a)
  })

  it('refuses malformed device ids and empty codes', async () => {
    const wx = sandboxLogin(core, 'wechat')
    for (const deviceId of ['short', 'x'.repeat(65), 'has space 0123456789', 'semi;colon-0123456789']) await expect(wx('c', { deviceId })).rejects.toBeInstanceOf(LoginRejected)
    await expect(wx('  ')).rejects.toBeInstanceOf(LoginRejected)
  })
})

describe('buildPlatforms login facets', () => {
  const db = {} as Queryable
  const now = () => new Date()
  it('sandbox mode (no keys) has the sandbox login on both platforms; any key takes it away', async () => {
    const sandbox = buildPlatforms({ ...loadConfig({}), dataDir: 'memory://' }, {}, { db, now, sandboxNotifyDelayMs: null })
    expect(sandbox.login.wechat).toBeTypeOf('function')
    expect((await sandbox.login.alipay!('c', { deviceId: 'device-0123456789abcdef' })).externalId).toMatch(/^sandbox-ali-/)
    const live = buildPlatforms({ ...loadConfig({}), dataDir: 'memory://', wechat: { appId: 'wx1', secret: 's' } }, {}, { db, now, sandboxNotifyDelayMs: null })
    expect(live.login.alipay).toBeUndefined()
    const order = { orderId: 1, orderNo: 'N1', outTradeNo: 'N1P01', amount: 100, description: 'x' }
    const ideShopper = { platform: 'alipay' as const, externalId: 'sandbox-ali-abc', openId: 'sandbox-ali-abc' }
    expect(sandbox.pay.byId.alipay?.paramsFor(order, 'T1', ideShopper)).toMatchObject({ tradeNO: 'T1', sandbox: { outTradeNo: 'N1P01', ticket: expect.any(String) } })
    // Only sandbox shoppers get the ticket; in live mode no one does.
    expect(sandbox.pay.byId.alipay?.paramsFor(order, 'T1', { platform: 'alipay', externalId: '2088000000000002', openId: null })).toEqual({ tradeNO: 'T1' })
    expect(live.pay.byId.alipay?.paramsFor(order, 'T1', ideShopper)).toEqual({ tradeNO: 'T1' })
    sandbox.stop()
    live.stop()
  })
})
