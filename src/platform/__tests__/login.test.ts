import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { loginAdapter as weapp } from '../login/index.weapp'
import { loginAdapter as alipay } from '../login/index.alipay'
import { loginAdapter as h5 } from '../login/index.h5'
import { loginAdapter as neutral } from '../login'
import { DEVICE_ID_KEY, deviceId } from '../login/device-id'

// The adapters are host-only: they hand back the host's credential and never call the server
// (trading it for a session is services/auth's; pkg-account/login/__tests__/sign-in.test.ts).
let requests: Parameters<RequestHandler>[0][]

beforeEach(() => {
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    return { statusCode: 500, data: { code: 'UNEXPECTED', message: 'the adapter called the server' } }
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  expect(requests).toHaveLength(0)
})

describe('weapp login', () => {
  it('hands back the wx.login code', async () => {
    const login = vi.fn(({ success }: { success: (r: unknown) => void }) => success({ code: 'wx-code-1', errMsg: 'login:ok' }))
    vi.stubGlobal('wx', { login })
    expect(await weapp.login()).toEqual({ status: 'ok', credential: { platform: 'weapp', code: 'wx-code-1', deviceId: deviceId() } })
    expect(login).toHaveBeenCalledOnce()
  })

  it('reports a failed wx.login', async () => {
    vi.stubGlobal('wx', { login: ({ fail }: { fail: (e: unknown) => void }) => fail({ errMsg: 'login:fail timeout' }) })
    expect(await weapp.login()).toEqual({ status: 'failed', message: '微信登录失败，请稍后重试' })
  })

  it('treats a cancelled wx.login as cancelled, and no code as failed', async () => {
    vi.stubGlobal('wx', { login: ({ fail }: { fail: (e: unknown) => void }) => fail({ errMsg: 'login:fail cancel' }) })
    expect(await weapp.login()).toEqual({ status: 'cancelled' })
    vi.stubGlobal('wx', { login: ({ success }: { success: (r: unknown) => void }) => success({ errMsg: 'login:ok' }) })
    expect(await weapp.login()).toEqual({ status: 'failed', message: '微信登录失败，请稍后重试' })
  })
})

describe('alipay login', () => {
  it('asks my.getAuthCode for auth_base and hands back the authCode', async () => {
    const getAuthCode = vi.fn(({ success }: { success: (r: unknown) => void }) => success({ authCode: 'ali-code-1' }))
    vi.stubGlobal('my', { getAuthCode })
    expect(await alipay.login()).toEqual({ status: 'ok', credential: { platform: 'alipay', authCode: 'ali-code-1', deviceId: deviceId() } })
    expect(getAuthCode.mock.calls[0][0]).toMatchObject({ scopes: 'auth_base' })
  })

  it('treats a closed authorization sheet as cancelled', async () => {
    vi.stubGlobal('my', { getAuthCode: ({ fail }: { fail: (e: unknown) => void }) => fail({ error: 11, errorMessage: '用户取消授权' }) })
    expect(await alipay.login()).toEqual({ status: 'cancelled' })
  })

  it('fails when no authCode comes back', async () => {
    vi.stubGlobal('my', { getAuthCode: ({ success }: { success: (r: unknown) => void }) => success({}) })
    expect((await alipay.login()).status).toBe('failed')
  })
})

describe('h5 dev login', () => {
  it('needs a nickname, within the length limit', async () => {
    expect(await h5.login({ nickname: '  ' })).toEqual({ status: 'failed', message: '请填写昵称' })
    expect((await h5.login({ nickname: '名'.repeat(100) })).status).toBe('failed')
  })

  it('hands back the trimmed nickname', async () => {
    expect(await h5.login({ nickname: ' 小明 ' })).toEqual({ status: 'ok', credential: { platform: 'h5', nickname: '小明' } })
  })
})

it('the neutral default is unavailable rather than pretending', async () => {
  expect((await neutral.login()).status).toBe('unavailable')
})

describe('device id (sent with mini-program login codes; a sandbox server keys its shopper on it)', () => {
  it('is made once, kept in storage and the same on every login', async () => {
    Taro.removeStorageSync(DEVICE_ID_KEY)
    const first = deviceId()
    expect(first).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
    expect(Taro.getStorageSync(DEVICE_ID_KEY)).toBe(first)
    expect(deviceId()).toBe(first)
    vi.stubGlobal('wx', { login: ({ success }: { success: (r: unknown) => void }) => success({ code: 'c1', errMsg: 'login:ok' }) })
    const a = await weapp.login()
    const b = await weapp.login()
    expect(a.status === 'ok' && a.credential).toMatchObject({ deviceId: first })
    expect(b.status === 'ok' && b.credential).toMatchObject({ deviceId: first })
  })

  it('replaces a malformed stored value; two fresh installations differ', () => {
    Taro.setStorageSync(DEVICE_ID_KEY, 'bad id')
    const a = deviceId()
    expect(a).not.toBe('bad id')
    Taro.removeStorageSync(DEVICE_ID_KEY)
    expect(deviceId()).not.toBe(a)
  })
})
