import crypto from 'node:crypto'
import type { ActivateCardInput, MemberCardSettings, MemberCardView, OpenCardStep, SandboxCardPage, SandboxCardResult, SandboxCardSubmit } from '../../../src/domain/member-cards'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, badInput, conflict } from '../../lib/errors'
import { CardRefused, ProviderError, type MemberCardsFacets } from '../../platforms/types'
import { recordAudit, type AdminIdentity } from '../staff'
import { enqueueUpdate } from './outbox'
import { activeCards, cardOf, ensureCard, markActive, openedAtOf, readSettings, shopperOf, writeSettings, type CardPlatform, type CardRow, type ShopperRow } from './repository'

export const DEFAULT_LEVEL_NAME = '普通会员'
/** The template / card the sandbox plays when the console has none. */
export const SANDBOX_TEMPLATE_ID = '20260000000000000000000000000000'
export const SANDBOX_CARD_ID = 'pSANDBOX-member-card'
/** The app's pages (src/routes.ts PAGES.sandboxCard / memberCard; the server may not import the app's routes). */
export const SANDBOX_CARD_PAGE = '/pkg-member/sandbox-card/index'
const MEMBER_CARD_PAGE = 'pkg-member/member-card/index'
const TOKEN_TTL_MS = 30 * 60_000
const MOBILE = /^1\d{10}$/
const FORM_MOBILE = 'OPEN_FORM_FIELD_MOBILE'
/** What the page says when the shop has no card on the shopper's platform (the 409 CARD_UNAVAILABLE message too). */
export const NO_WECHAT_CARD = '本店暂未开通微信会员卡，您在小程序内的会员等级和积分照常有效'
export const NO_CARD = '本店暂未开通会员卡，您在小程序内的会员等级和积分照常有效'

export interface MemberCardOptions {
  now: () => Date
  facets: MemberCardsFacets
  /** The shopper's points balance (the points module's balanceOf). */
  pointsOf: (userId: number) => Promise<number>
  /** The shopper's level name (the levels module); default 普通会员 for everyone. */
  levelNameOf?: (q: Queryable, userId: number) => Promise<string>
  /** WECHAT_MEMBER_CARD_ID: the WeChat card when the console names none. Without either, WeChat shoppers on a live app have the in-app membership only. */
  wechatCardId?: string
}

const refused = (err: unknown, code: string, message: string): never => {
  if (err instanceof CardRefused) throw badInputWith(code, message)
  if (err instanceof ProviderError) throw new AppError(502, 'CARD_PROVIDER_ERROR', '会员卡服务暂时不可用，请稍后再试')
  throw err
}
const badInputWith = (code: string, message: string, field?: string) => new AppError(400, code, message, field ? { field } : undefined)

export type MemberCardService = ReturnType<typeof memberCardService>

export function memberCardService(db: Db, o: MemberCardOptions) {
  const { facets, now } = o
  const levelNameOf = o.levelNameOf ?? (async () => DEFAULT_LEVEL_NAME)
  // Sandbox page tokens: signed here, valid for half an hour in this process (the sandbox's pages are for development).
  const tokenKey = crypto.randomBytes(32)

  /** Which platform's card the shopper gets: WeChat's in WeChat, Alipay's in Alipay; the H5 preview the sandbox's Alipay card. */
  const platformOf = (u: ShopperRow): CardPlatform | null => (u.platform === 'weapp' ? 'wechat' : u.platform === 'alipay' ? 'alipay' : facets.alipay.sandbox ? 'alipay' : null)
  const templateOf = (s: MemberCardSettings) => s.alipayTemplateId ?? (facets.alipay.sandbox ? SANDBOX_TEMPLATE_ID : null)
  const wechatCardOf = (s: MemberCardSettings) => s.wechatCardId ?? o.wechatCardId ?? (facets.wechat.sandbox ? SANDBOX_CARD_ID : null)
  const available = (p: CardPlatform | null, s: MemberCardSettings) => (p === 'alipay' ? !!templateOf(s) : p === 'wechat' ? !!wechatCardOf(s) : false)
  const openIdOf = (u: ShopperRow) => u.open_id ?? u.external_id

  function sign(payload: string): string {
    return crypto.createHmac('sha256', tokenKey).update(payload).digest('base64url')
  }
  function tokenFor(userId: number, platform: CardPlatform): string {
    const payload = `${userId}.${platform}.${now().getTime() + TOKEN_TTL_MS}`
    return `${Buffer.from(payload).toString('base64url')}.${sign(payload)}`
  }
  function readToken(token: string): { userId: number; platform: CardPlatform } {
    const bad = () => badInputWith('BAD_CARD_TOKEN', '开卡链接无效或已过期，请重新开卡')
    const [head, mac] = token.split('.')
    if (!head || !mac) throw bad()
    const payload = Buffer.from(head, 'base64url').toString('utf8')
    const want = Buffer.from(sign(payload))
    const got = Buffer.from(mac)
    if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) throw bad()
    const [user, platform, exp] = payload.split('.')
    if ((platform !== 'alipay' && platform !== 'wechat') || Number(exp) < now().getTime()) throw bad()
    return { userId: Number(user), platform }
  }

  async function view(userId: number): Promise<MemberCardView> {
    const [u, s, points, levelName] = await Promise.all([shopperOf(db, userId), readSettings(db), o.pointsOf(userId), levelNameOf(db, userId)])
    const p = platformOf(u)
    const card = p ? await cardOf(db, userId, p) : null
    const open = available(p, s)
    return {
      available: open,
      ...(open ? {} : { note: p === 'wechat' ? NO_WECHAT_CARD : NO_CARD }),
      status: card?.status ?? 'none',
      cardNo: card?.status === 'active' ? card.card_no : null,
      levelName,
      points,
      openedAt: openedAtOf(card),
      title: s.title,
      color: s.color,
    }
  }

  /** The shopper, their card platform and the settings; 409 CARD_UNAVAILABLE when the shop has no card there. */
  async function context(userId: number) {
    const [u, s] = await Promise.all([shopperOf(db, userId), readSettings(db)])
    const p = platformOf(u)
    if (!p || !available(p, s)) throw conflict('CARD_UNAVAILABLE', p === 'wechat' ? NO_WECHAT_CARD : NO_CARD)
    return { u, s, p }
  }

  async function open(userId: number): Promise<OpenCardStep> {
    const { u, s, p } = await context(userId)
    const card = await db.tx((q) => ensureCard(q, userId, p, now()))
    if (card.status === 'active') throw conflict('CARD_ACTIVE', '您已领取会员卡')
    const sandboxed = facets[p].sandbox
    if (sandboxed) return { kind: 'sandbox', path: `${SANDBOX_CARD_PAGE}?token=${encodeURIComponent(tokenFor(userId, p))}` }
    try {
      if (p === 'alipay') return { kind: 'alipay_form', url: await facets.alipay.activationUrl(templateOf(s) as string, card.card_no) }
      const cardId = wechatCardOf(s) as string
      const ext = await facets.wechat.cardExt(cardId, { code: card.card_no, openId: openIdOf(u) })
      return { kind: 'wechat_add_card', cardId, cardExt: ext.cardExt }
    } catch (err) {
      return refused(err, 'CARD_REFUSED', '开卡失败，请稍后再试')
    }
  }

  async function activateAlipay(userId: number, u: ShopperRow, s: MemberCardSettings, card: CardRow, input: ActivateCardInput): Promise<void> {
    for (const f of ['authCode', 'requestId', 'templateId'] as const) if (!input[f]) throw badInput(`缺少 ${f}`, f)
    if (input.templateId !== templateOf(s)) throw badInputWith('BAD_TEMPLATE', '会员卡模板不符，请重新开卡', 'templateId')
    const form = await facets.alipay
      .readActivationForm({ authCode: input.authCode as string, requestId: input.requestId as string, templateId: input.templateId as string })
      .catch((err: unknown) => refused(err, 'BAD_AUTH_CODE', '开卡授权无效，请重新开卡'))
    // The form must be this shopper's: Alipay's user id (2088…) or open_id is the one they logged in with.
    if (form.userId !== u.external_id && (form.openId === null || form.openId !== u.open_id)) throw badInputWith('CARD_NOT_YOURS', '开卡信息与当前账号不符')
    const [levelName, points] = await Promise.all([levelNameOf(db, userId), o.pointsOf(userId)])
    const openedAt = now()
    // out_serial_no is the card number: Alipay opens one card per serial, so activating twice opens it once.
    const { bizCardNo } = await facets.alipay
      .openCard({ outSerialNo: card.card_no, templateId: input.templateId as string, form, cardNo: card.card_no, openedAt, level: levelName, point: points })
      .catch((err: unknown) => refused(err, 'CARD_REFUSED', '开卡失败，请稍后再试'))
    await db.tx((q) => markActive(q, card.id, bizCardNo, openedAt))
  }

  async function activateWechat(userId: number, card: CardRow, input: ActivateCardInput): Promise<void> {
    if (!input.code) throw badInput('缺少 code', 'code')
    const code = await facets.wechat.decryptCode(input.code).catch((err: unknown) => refused(err, 'BAD_CARD_CODE', '卡券信息无效，请重新领取'))
    if (code !== card.card_no) throw badInputWith('CARD_NOT_YOURS', '卡券与当前账号不符')
    // WeChat's card starts without points or level: the first update sets them.
    await db.tx(async (q) => {
      if (await markActive(q, card.id, code, now())) await enqueueUpdate(q, userId, now())
    })
  }

  async function activate(userId: number, input: ActivateCardInput): Promise<MemberCardView> {
    const { u, s, p } = await context(userId)
    const card = await cardOf(db, userId, p)
    if (!card) throw conflict('CARD_NOT_OPENED', '请先开卡')
    if (card.status !== 'active') {
      if (p === 'alipay') await activateAlipay(userId, u, s, card, input)
      else await activateWechat(userId, card, input)
    }
    return view(userId)
  }

  async function sandboxPage(token: string): Promise<SandboxCardPage> {
    const { userId, platform } = readToken(token)
    const [u, s] = await Promise.all([shopperOf(db, userId), readSettings(db)])
    const card = await cardOf(db, userId, platform)
    if (!card) throw badInputWith('BAD_CARD_TOKEN', '开卡链接无效或已过期，请重新开卡')
    const [levelName, points] = await Promise.all([levelNameOf(db, userId), o.pointsOf(userId)])
    const cardId = platform === 'wechat' ? wechatCardOf(s) : null
    const ext = cardId ? await facets.wechat.cardExt(cardId, { code: card.card_no, openId: openIdOf(u) }) : null
    return {
      platform,
      title: s.title,
      color: s.color,
      cardNo: card.card_no,
      levelName,
      points,
      templateId: platform === 'alipay' ? templateOf(s) : null,
      fields: platform === 'alipay' ? [FORM_MOBILE] : [],
      cardId,
      cardExt: ext?.cardExt ?? null,
    }
  }

  async function sandboxSubmit(token: string, body: SandboxCardSubmit): Promise<SandboxCardResult> {
    const { userId, platform } = readToken(token)
    const [u, s] = await Promise.all([shopperOf(db, userId), readSettings(db)])
    if (platform === 'alipay') {
      if (!body.mobile || !MOBILE.test(body.mobile)) throw badInput('请填写正确的手机号', 'mobile')
      return facets.sandbox.submitForm({ templateId: templateOf(s) as string, userUniId: u.external_id, fields: { [FORM_MOBILE]: body.mobile }, outString: token })
    }
    if (!body.cardExt) throw badInput('缺少 cardExt', 'cardExt')
    const added = await facets.sandbox.addCard({ cardId: wechatCardOf(s) as string, cardExt: body.cardExt, openId: openIdOf(u) })
    if (!added) throw badInputWith('BAD_CARD_EXT', '卡券签名校验失败', 'cardExt')
    return added
  }

  async function saveSettings(actor: AdminIdentity, next: MemberCardSettings): Promise<MemberCardSettings> {
    return db.tx(async (q) => {
      const before = await readSettings(q)
      await writeSettings(q, next, now())
      await recordAudit(q, actor, { action: 'member_card.settings', entity: 'member_card_settings', entityId: 1, before, after: next })
      return readSettings(q)
    })
  }

  /** Creates the Alipay template (or modifies the one the settings name) with the settings' title and colour, and keeps its id. */
  async function createTemplate(actor: AdminIdentity): Promise<MemberCardSettings> {
    const s = await readSettings(db)
    const templateId = await facets.alipay
      .createTemplate({ title: s.title, color: s.color, openCardUrl: MEMBER_CARD_PAGE, templateId: s.alipayTemplateId })
      .catch((err: unknown) => refused(err, 'TEMPLATE_REFUSED', '支付宝拒绝了会员卡模板，请检查设置'))
    return db.tx(async (q) => {
      const before = await readSettings(q)
      const after = { ...before, alipayTemplateId: templateId }
      await writeSettings(q, after, now())
      await recordAudit(q, actor, { action: s.alipayTemplateId ? 'member_card.template_modify' : 'member_card.template_create', entity: 'member_card_settings', entityId: 1, before, after })
      return after
    })
  }

  /** Points or level changed: an update for the shopper's active cards, in the change's transaction (once per burst). */
  const cardChanged = (q: Tx | Queryable, userId: number) => enqueueUpdate(q, userId, now()).then(() => undefined)

  /** What the worker sends for one shopper now: each active card, with the current level and points. */
  async function sendUpdate(userId: number): Promise<{ platform: CardPlatform; cardNo: string; level: string; point: number }[]> {
    const cards = await activeCards(db, userId)
    if (!cards.length) return []
    const [levelName, points, s] = await Promise.all([levelNameOf(db, userId), o.pointsOf(userId), readSettings(db)])
    const sent = []
    for (const c of cards) {
      if (c.platform === 'alipay') await facets.alipay.updateCard({ bizCardNo: c.external_id ?? c.card_no, occurAt: now(), level: levelName, point: points })
      else await facets.wechat.updateCard({ cardId: wechatCardOf(s) as string, code: c.card_no, bonus: points, levelName })
      sent.push({ platform: c.platform, cardNo: c.card_no, level: levelName, point: points })
    }
    return sent
  }

  return {
    view,
    open,
    activate,
    sandboxPage,
    sandboxSubmit,
    settings: () => readSettings(db),
    saveSettings,
    createTemplate,
    cardChanged,
    sendUpdate,
    /** The sandbox's desk (tests: its outage switch). */
    sandboxDesk: facets.sandbox,
    /** Whether the sandbox plays either platform's card (the sandbox page's routes are registered then). */
    sandboxed: facets.alipay.sandbox || facets.wechat.sandbox,
  }
}
