import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { Session, User } from '../../../src/domain/contract'
import { LIMITS } from '../../../src/domain/validation'
import { AppError, unauthorized } from '../../lib/errors'
import { parse, text } from '../../lib/validate'
import { findUser } from '../../plugins/auth'
import { LoginRejected, type LoginFacet, type LoginFacets, type PlatformIdentity } from '../../platforms/types'
import { upsertUser } from './repository'

const DevLogin = z.object({ nickname: text(LIMITS.nickname, '昵称', { min: 1 }) })
// deviceId: the id the mini-program keeps in its storage; only the sandbox's login reads it.
const DeviceId = z.string().max(64, 'deviceId 过长').optional()
const CodeBody = z.object({ code: z.string({ error: '缺少 code' }).min(1, '缺少 code').max(256, 'code 过长'), deviceId: DeviceId })
const AuthCodeBody = z.object({ authCode: z.string({ error: '缺少 authCode' }).min(1, '缺少 authCode').max(256, 'authCode 过长'), deviceId: DeviceId })

export async function authRoutes(app: FastifyInstance, opts: { providers: LoginFacets }): Promise<void> {
  async function session(user: User): Promise<Session> {
    return { ...(await app.sessions.sign(user.id)), user }
  }

  async function platformLogin(
    provider: LoginFacet | undefined,
    platform: 'weapp' | 'alipay',
    code: string,
    deviceId: string | undefined,
  ): Promise<Session> {
    if (!provider) {
      const keys = platform === 'weapp' ? 'WECHAT_APPID / WECHAT_SECRET' : 'ALIPAY_APPID / ALIPAY_PRIVATE_KEY / ALIPAY_PUBLIC_KEY'
      throw new AppError(503, 'PLATFORM_NOT_CONFIGURED', `服务器未配置${platform === 'weapp' ? '微信' : '支付宝'}登录（${keys}）`)
    }
    let id: PlatformIdentity
    try {
      id = await provider(code, { deviceId })
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

  app.post('/auth/wechat', async (req) => {
    const { code, deviceId } = parse(CodeBody, req.body)
    return platformLogin(opts.providers.wechat, 'weapp', code, deviceId)
  })

  app.post('/auth/alipay', async (req) => {
    const { authCode, deviceId } = parse(AuthCodeBody, req.body)
    return platformLogin(opts.providers.alipay, 'alipay', authCode, deviceId)
  })

  app.get('/me', { preHandler: app.authenticate }, async (req) => {
    const user = await findUser(app.db, req.userId)
    if (!user) throw unauthorized('登录信息无效，请重新登录', 'BAD_TOKEN')
    return user
  })
}
