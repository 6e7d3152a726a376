import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import { adminOf } from '../staff'
import type { MemberCardService } from './service'
import type { CardWorker } from './worker'

const ActivateBody = z.object({
  authCode: z.string().max(256).optional(),
  requestId: z.string().max(256).optional(),
  templateId: z.string().max(64).optional(),
  code: z.string().max(512).optional(),
})
const TokenParams = z.object({ token: z.string().min(1).max(512) })
const SubmitBody = z.object({ mobile: z.string().max(20).optional(), cardExt: z.string().max(2048).optional() })
const SettingsBody = z.object({
  alipayTemplateId: z.string().trim().max(64).nullable().transform((v) => v || null),
  wechatCardId: z.string().trim().max(64).nullable().transform((v) => v || null),
  title: z.string({ error: '请填写卡名' }).trim().min(1, '请填写卡名').max(20, '卡名最多 20 字'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色格式应为 #rrggbb'),
})

declare module 'fastify' {
  interface FastifyInstance {
    /** Platform member cards (会员卡, modules/member-cards). */
    memberCards: MemberCardService
    /** The card-update outbox's sender (tests run it by hand). */
    memberCardWorker: CardWorker
  }
}

/** The shopper's card: GET the view, open (what the app does next), activate (what the platform returned). */
export async function memberCardRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  app.get('/member-card', async (req) => app.memberCards.view(req.userId))
  app.post('/member-card/open', async (req) => app.memberCards.open(req.userId))
  app.post('/member-card/activate', async (req) => app.memberCards.activate(req.userId, parse(ActivateBody, req.body ?? {})))
}

/** The sandbox page that plays Alipay's activation form / WeChat's addCard (only while the sandbox plays a card). The token is the page's capability. */
export async function sandboxMemberCardRoutes(app: FastifyInstance): Promise<void> {
  app.get('/sandbox/member-card/:token', async (req) => app.memberCards.sandboxPage(parse(TokenParams, req.params).token))
  app.post('/sandbox/member-card/:token/submit', async (req) => app.memberCards.sandboxSubmit(parse(TokenParams, req.params).token, parse(SubmitBody, req.body ?? {})))
}

/** The console's card settings and the Alipay template (inside the admin scope). */
export async function memberCardAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'marketing:read' as const } }
  const write = { config: { permission: 'levels:write' as const } }
  app.get('/admin/member-card', read, async () => app.memberCards.settings())
  app.put('/admin/member-card', write, async (req) => app.memberCards.saveSettings(adminOf(req), parse(SettingsBody, req.body)))
  app.post('/admin/member-card/template', write, async (req) => app.memberCards.createTemplate(adminOf(req)))
}
