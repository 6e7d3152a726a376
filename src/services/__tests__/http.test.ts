import { describe, expect, it } from 'vitest'
import { setRequestHandler } from '../../../test/shims/taro'
import { useSession } from '@/store/session'
import { api, ApiError } from '../http'

function signIn() {
  useSession.getState().signIn({
    token: 't',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    user: { id: 1, nickname: 'n', avatar: null, platform: 'alipay' },
  })
}

describe('api client', () => {
  it('turns an HTTP error answer into an ApiError with the server code', async () => {
    setRequestHandler(() => ({ statusCode: 409, data: { code: 'SOLD_OUT', message: '已售罄' } }))
    await expect(api('POST', '/api/orders')).rejects.toMatchObject({ status: 409, code: 'SOLD_OUT', message: '已售罄' })
  })

  // Alipay's my.request rejects non-2xx answers (error 19) but still carries status and body.
  it('reads a server answer out of an Alipay-style failure', async () => {
    setRequestHandler(() => {
      throw { error: 19, errorMessage: 'http status error', status: 409, data: '{"code":"SOLD_OUT","message":"已售罄"}' }
    })
    const err = await api('POST', '/api/orders').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 409, code: 'SOLD_OUT', message: '已售罄', retryable: false })
  })

  it('signs out on a 401 delivered as an Alipay failure', async () => {
    signIn()
    setRequestHandler(() => {
      throw { error: 19, status: 401, data: { code: 'UNAUTHORIZED', message: '请先登录' } }
    })
    await expect(api('GET', '/api/cart')).rejects.toMatchObject({ status: 401 })
    expect(useSession.getState().token).toBeNull()
  })

  it('keeps an HTTP failure without details apart from a lost network', async () => {
    setRequestHandler(() => {
      throw { error: 19, errorMessage: 'http status error' }
    })
    await expect(api('GET', '/api/x')).rejects.toMatchObject({ status: 502, retryable: true })
    setRequestHandler(() => {
      throw { errMsg: 'request:fail timeout' }
    })
    await expect(api('GET', '/api/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK', retryable: true })
  })
})
