import { describe, expect, it, vi } from 'vitest'
import { setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { api, linkSession } from '../http'

// No store imported here: the client knows the session only through what is linked to it.
describe('http and the session link', () => {
  it('sends no token before a session is linked', async () => {
    const seen: Parameters<RequestHandler>[0][] = []
    setRequestHandler((r) => (seen.push(r), { statusCode: 200, data: {} }))
    await api('GET', '/api/me')
    expect(seen[0].header?.authorization).toBeUndefined()
  })

  it('asks the link for the token on every call (not with auth: false), and tells it about a 401', async () => {
    const seen: Parameters<RequestHandler>[0][] = []
    const unauthorized = vi.fn()
    let token: string | null = 'one'
    linkSession({ token: () => token, unauthorized })
    setRequestHandler((r) => (seen.push(r), r.url.endsWith('/api/cart') ? { statusCode: 401, data: { code: 'UNAUTHORIZED', message: '请先登录' } } : { statusCode: 200, data: {} }))
    await api('GET', '/api/me')
    token = 'two'
    await api('GET', '/api/me')
    await api('POST', '/api/auth/dev-login', { auth: false })
    expect(seen.map((r) => r.header?.authorization)).toEqual(['Bearer one', 'Bearer two', undefined])
    expect(unauthorized).not.toHaveBeenCalled()
    await expect(api('GET', '/api/cart')).rejects.toMatchObject({ status: 401 })
    expect(unauthorized).toHaveBeenCalledOnce()
  })
})
