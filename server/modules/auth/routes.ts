import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { Session, User } from '../../../src/domain/contract'
import { LIMITS } from '../../../src/domain/validation'
import { AppError, unauthorized } from '../../lib/errors'
import { parse, text } from '../../lib/validate'
import { findUser } from '../../plugins/auth'
import { LoginRejected, type LoginFacets, type PlatformIdentity } from '../../platforms/types'
import { upsertUser } from './repository'

const DevLogin = z.object({ nickname: text(LIMITS.nickname, '昵称', { min: 1 }) })
const CodeBody = z.object({ code: z.string({ error: '缺少 code' }).min(1, '缺少 code').max(256, 'code 过长') })
const AuthCodeBody = z.object({ authCode: z.string({ error: '缺少 authCode' }).min(1, '缺少 authCode').max(256, 'authCode 过长') })

export async function authRoutes(app: FastifyInstance, opts: { providers: LoginFacets }): Promise<void> {
  async function session(user: User): Promise<Session> {
    return { ...(await app.sessions.sign(user.id)), user }
  }

  async function platformLogin(
    provider: ((code: string) => Promise<PlatformIdentity>) | undefined,
    platform: 'weapp' | 'alipay',
    code: string,
  ): Promise<Session> {
    if (!provider) {
      const keys = platform === 'weapp' ? 'WECHAT_APPID / WECHAT_SECRET' : 'ALIPAY_APPID / ALIPAY_PRIVATE_KEY / ALIPAY_PUBLIC_KEY'
      throw new AppError(503, 'PLATFORM_NOT_CONFIGURED', `服务器未配置${platform === 'weapp' ? '微信' : '支付宝'}登录（${keys}），当前为沙盒模式`)
    }
    let id: PlatformIdentity
    try {
      id = await provider(code)
    } catch (err) {
      if (err instanceof LoginRejected) throw unauthorized('登录失败，请重试', 'LOGIN_FAILED')
      app.log.warn({ err: (err as Error).message }, `${platform} login call failed`)
      throw new AppError(502, 'PLATFORM_UNAVAILABLE', '登录服务暂时不可用，请稍后重试')
    }
    const user = await upsertUser(app.db, { platform, ...id, nickname: platform === 'weapp' ? '微信用户' : '支付宝用户' })
    return session(user)
  }

  // The H5 preview's login: sandbox only, so a live shop has no way in without a platform.
  if (app.sandbox) {
    app.post('/auth/dev-login', async (req) => {
      const { nickname } = parse(DevLogin, req.body)
      const user = await upsertUser(app.db, { platform: 'h5', externalId: nickname, nickname })
      return session(user)
    })
  }

  app.post('/auth/wechat', async (req) => platformLogin(opts.providers.wechat, 'weapp', parse(CodeBody, req.body).code))

  app.post('/auth/alipay', async (req) => platformLogin(opts.providers.alipay, 'alipay', parse(AuthCodeBody, req.body).authCode))

  app.get('/me', { preHandler: app.authenticate }, async (req) => {
    const user = await findUser(app.db, req.userId)
    if (!user) throw unauthorized('登录信息无效，请重新登录', 'BAD_TOKEN')
    return user
  })
}
