import { describe, expect, it } from 'vitest'
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
