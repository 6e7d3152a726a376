import type { Session } from '@/domain/contract'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setRequestHandler, type RequestHandler } from '../../../../test/shims/taro'
import { loginAdapter as weapp } from '@/platform/login/index.weapp'
import { loginAdapter as alipay } from '@/platform/login/index.alipay'
import { loginAdapter as h5 } from '@/platform/login/index.h5'
import { loginAdapter as neutral } from '@/platform/login'
import { useSession } from '@/store/session'
import { signIn } from '../sign-in'

// Logging in end to end on each platform: the host's credential (platform/login), traded at
// the platform's auth endpoint for a session (services/auth).
type Req = Parameters<RequestHandler>[0]
const session: Session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'weapp' } }
let requests: Req[]

beforeEach(() => {
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    return { statusCode: 200, data: session }
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  useSession.getState().signOut()
})

describe('weapp', () => {
  it('trades the wx.login code at /api/auth/wechat, without an old token', async () => {
    useSession.getState().signIn({ ...session, token: 'old-token' })
    vi.stubGlobal('wx', { login: ({ success }: { success: (r: unknown) => void }) => success({ code: 'wx-code-1', errMsg: 'login:ok' }) })
    expect(await signIn(weapp)).toEqual({ status: 'ok', session })
    expect(requests).toHaveLength(1)
    expect(requests[0].method).toBe('POST')
    expect(requests[0].url).toMatch(/\/api\/auth\/wechat$/)
    // With the device id the app keeps (only a sandbox server reads it).
    expect(requests[0].data).toEqual({ code: 'wx-code-1', deviceId: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) })
    expect(requests[0].header?.authorization).toBeUndefined()
  })

  it('a failed wx.login never calls the server', async () => {
    vi.stubGlobal('wx', { login: ({ fail }: { fail: (e: unknown) => void }) => fail({ errMsg: 'login:fail timeout' }) })
    expect(await signIn(weapp)).toEqual({ status: 'failed', message: '微信登录失败，请稍后重试' })
    expect(requests).toHaveLength(0)
  })

  it('passes the server refusal on', async () => {
    vi.stubGlobal('wx', { login: ({ success }: { success: (r: unknown) => void }) => success({ code: 'bad', errMsg: 'login:ok' }) })
    setRequestHandler(() => ({ statusCode: 400, data: { code: 'BAD_CODE', message: '登录凭证无效' } }))
    expect(await signIn(weapp)).toEqual({ status: 'failed', message: '登录凭证无效' })
  })
})

describe('alipay', () => {
  it('trades the authCode at /api/auth/alipay', async () => {
    vi.stubGlobal('my', { getAuthCode: ({ success }: { success: (r: unknown) => void }) => success({ authCode: 'ali-code-1' }) })
    expect(await signIn(alipay)).toEqual({ status: 'ok', session })
    expect(requests[0].url).toMatch(/\/api\/auth\/alipay$/)
    expect(requests[0].data).toEqual({ authCode: 'ali-code-1', deviceId: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) })
  })

  it('a closed authorization sheet is cancelled, with no server call', async () => {
    vi.stubGlobal('my', { getAuthCode: ({ fail }: { fail: (e: unknown) => void }) => fail({ error: 11, errorMessage: '用户取消授权' }) })
    expect(await signIn(alipay)).toEqual({ status: 'cancelled' })
    expect(requests).toHaveLength(0)
  })
})

describe('h5 dev login', () => {
  it('needs a nickname before calling the server', async () => {
    expect(await signIn(h5, { nickname: '  ' })).toEqual({ status: 'failed', message: '请填写昵称' })
    expect(requests).toHaveLength(0)
  })

  it('posts the trimmed nickname to /api/auth/dev-login', async () => {
    expect(await signIn(h5, { nickname: ' 小明 ' })).toEqual({ status: 'ok', session })
    expect(requests[0].url).toMatch(/\/api\/auth\/dev-login$/)
    expect(requests[0].data).toEqual({ nickname: '小明' })
  })

  it('says so when the server is not in sandbox mode', async () => {
    setRequestHandler(() => ({ statusCode: 404, data: { code: 'NOT_FOUND', message: '预览登录未开启' } }))
    expect(await signIn(h5, { nickname: '小明' })).toEqual({ status: 'failed', message: '预览登录未开启' })
  })
})

it('the neutral default stays unavailable', async () => {
  expect(await signIn(neutral)).toEqual({ status: 'unavailable', reason: '当前环境不支持登录' })
  expect(requests).toHaveLength(0)
})
