import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { loginAdapter as weapp } from '../login/index.weapp'
import { loginAdapter as alipay } from '../login/index.alipay'
import { loginAdapter as h5 } from '../login/index.h5'
import { loginAdapter as neutral } from '../login'

type Req = Parameters<RequestHandler>[0]
const session = { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'weapp' } }
let requests: Req[]

beforeEach(() => {
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    return { statusCode: 200, data: session }
  })
})
afterEach(() => vi.unstubAllGlobals())

describe('weapp login', () => {
  it('trades the wx.login code at /api/auth/wechat', async () => {
    const login = vi.fn(({ success }: { success: (r: unknown) => void }) => success({ code: 'wx-code-1', errMsg: 'login:ok' }))
    vi.stubGlobal('wx', { login })
    expect(await weapp.login()).toEqual({ status: 'ok', session })
    expect(login).toHaveBeenCalledOnce()
    expect(requests).toHaveLength(1)
    expect(requests[0].url).toMatch(/\/api\/auth\/wechat$/)
    expect(requests[0].data).toEqual({ code: 'wx-code-1' })
  })

  it('reports a failed wx.login without calling the server', async () => {
    vi.stubGlobal('wx', { login: ({ fail }: { fail: (e: unknown) => void }) => fail({ errMsg: 'login:fail timeout' }) })
    expect(await weapp.login()).toEqual({ status: 'failed', message: '微信登录失败，请稍后重试' })
    expect(requests).toHaveLength(0)
  })

  it('passes the server refusal on', async () => {
    vi.stubGlobal('wx', { login: ({ success }: { success: (r: unknown) => void }) => success({ code: 'bad', errMsg: 'login:ok' }) })
    setRequestHandler(() => ({ statusCode: 400, data: { code: 'BAD_CODE', message: '登录凭证无效' } }))
    expect(await weapp.login()).toEqual({ status: 'failed', message: '登录凭证无效' })
  })
})

describe('alipay login', () => {
  it('asks my.getAuthCode for auth_base and trades the authCode at /api/auth/alipay', async () => {
    const getAuthCode = vi.fn(({ success }: { success: (r: unknown) => void }) => success({ authCode: 'ali-code-1' }))
    vi.stubGlobal('my', { getAuthCode })
    expect(await alipay.login()).toEqual({ status: 'ok', session })
    expect(getAuthCode.mock.calls[0][0]).toMatchObject({ scopes: 'auth_base' })
    expect(requests[0].url).toMatch(/\/api\/auth\/alipay$/)
    expect(requests[0].data).toEqual({ authCode: 'ali-code-1' })
  })

  it('treats a closed authorization sheet as cancelled', async () => {
    vi.stubGlobal('my', { getAuthCode: ({ fail }: { fail: (e: unknown) => void }) => fail({ error: 11, errorMessage: '用户取消授权' }) })
    expect(await alipay.login()).toEqual({ status: 'cancelled' })
    expect(requests).toHaveLength(0)
  })

  it('fails when no authCode comes back', async () => {
    vi.stubGlobal('my', { getAuthCode: ({ success }: { success: (r: unknown) => void }) => success({}) })
    expect((await alipay.login()).status).toBe('failed')
    expect(requests).toHaveLength(0)
  })
})

describe('h5 dev login', () => {
  it('needs a nickname', async () => {
    expect(await h5.login({ nickname: '  ' })).toEqual({ status: 'failed', message: '请填写昵称' })
    expect(requests).toHaveLength(0)
  })

  it('posts the trimmed nickname to /api/auth/dev-login', async () => {
    expect(await h5.login({ nickname: ' 小明 ' })).toEqual({ status: 'ok', session })
    expect(requests[0].url).toMatch(/\/api\/auth\/dev-login$/)
    expect(requests[0].data).toEqual({ nickname: '小明' })
  })

  it('says so when the server is not in sandbox mode', async () => {
    setRequestHandler(() => ({ statusCode: 404, data: { code: 'NOT_FOUND', message: '预览登录未开启' } }))
    expect(await h5.login({ nickname: '小明' })).toEqual({ status: 'failed', message: '预览登录未开启' })
  })
})

it('the neutral default is unavailable rather than pretending', async () => {
  expect((await neutral.login()).status).toBe('unavailable')
})
