import crypto from 'node:crypto'
import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'
import { CardRefused, type AlipayFormReturn, type SandboxCardCall, type SandboxMemberCardsDesk } from '../types'
import type { AlipayGateway } from '../alipay/member-cards'
import { cardSignature, type WechatCardApi } from '../wechat/member-cards'
import type { SandboxCore } from './core'

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex')

interface FormSubmission {
  userUniId: string
  templateId: string
  requestId: string
  fields: Record<string, string>
}

/**
 * The sandbox playing both platforms' member cards with real signatures:
 * - Alipay's gateway: each request's RSA2 sign is checked with the sandbox app's public key
 *   (a request signed with another key answers 40002 isv.invalid-signature), and each answer is
 *   signed with the sandbox platform key as Alipay signs its own, so the shop's live facet
 *   (alipay/member-cards.ts) verifies it with the production code. The activation form is the
 *   sandbox page's submitForm: it issues the auth_code and request_id the form returns.
 * - WeChat: a card api_ticket of its own; addCard checks cardExt's signature against it and
 *   answers the code encrypted (AES-GCM under a sandbox key), which card/code/decrypt reverses.
 * Every call is kept in sandbox_card_calls (tests assert what went out). Auth codes live in
 * memory, as the platforms' do for minutes.
 */
export class SandboxMemberCards implements SandboxMemberCardsDesk {
  private readonly appPublicKey: string
  private readonly forms = new Map<string, FormSubmission>()
  private readonly tokens = new Map<string, string>()
  private readonly codeKey: Buffer
  private outage = 0
  readonly apiTicket: string

  constructor(
    private readonly core: SandboxCore,
    private readonly db: Queryable,
  ) {
    this.appPublicKey = crypto.createPublicKey(core.keys.alipayAppPrivate).export({ type: 'spki', format: 'pem' }) as string
    this.codeKey = crypto.createHash('sha256').update(`card-code:${core.keys.apiV3Key}`).digest()
    this.apiTicket = crypto.createHmac('sha256', core.keys.apiV3Key).update('wx_card').digest('base64url')
  }

  setOutage(calls: number): void {
    this.outage = calls
  }

  private up(): void {
    if (this.outage <= 0) return
    this.outage -= 1
    throw new Error('sandbox: card platform unreachable')
  }

  private async record(platform: 'alipay' | 'wechat', api: string, request: Record<string, unknown>): Promise<void> {
    await this.db.query('INSERT INTO sandbox_card_calls (platform, api, request, at) VALUES ($1, $2, $3, $4)', [platform, api, JSON.stringify(request), this.core.now()])
  }

  async calls(filter: { api?: string } = {}): Promise<SandboxCardCall[]> {
    const rows = await this.db.query<{ id: number; platform: 'alipay' | 'wechat'; api: string; request: unknown; at: Date }>(
      `SELECT id, platform, api, request, at FROM sandbox_card_calls ${filter.api ? 'WHERE api = $1' : ''} ORDER BY id`,
      filter.api ? [filter.api] : [],
    )
    return rows.rows.map((r) => ({ id: r.id, platform: r.platform, api: r.api, request: parseJson(r.request) as Record<string, unknown>, at: iso(r.at) }))
  }

  /** RSA2 over the sorted parameters but sign, as Alipay's gateway checks a request. */
  private requestSigned(params: Record<string, string>): boolean {
    const content = Object.keys(params)
      .filter((k) => k !== 'sign')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&')
    try {
      return crypto.createVerify('RSA-SHA256').update(content, 'utf8').verify(this.appPublicKey, params.sign ?? '', 'base64')
    } catch {
      return false
    }
  }

  /** {"<method>_response": {...}, "sign": RSA2 of that exact JSON with the platform key}. */
  private answer(method: string, data: Record<string, unknown>): string {
    const inner = JSON.stringify(data)
    const sign = crypto.createSign('RSA-SHA256').update(inner, 'utf8').sign(this.core.keys.alipayPlatformPrivate, 'base64')
    return `{"${method.replaceAll('.', '_')}_response":${inner},"sign":${JSON.stringify(sign)}}`
  }

  readonly alipayGateway: AlipayGateway = async (body) => {
    this.up()
    const params = Object.fromEntries(new URLSearchParams(body))
    const method = params.method ?? 'unknown'
    if (!this.requestSigned(params)) return this.answer(method, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' })
    const biz = (params.biz_content ? JSON.parse(params.biz_content) : {}) as Record<string, unknown>
    await this.record('alipay', method, { ...biz, ...(params.auth_token ? { auth_token: params.auth_token } : {}), ...(params.code ? { code: params.code } : {}) })
    return this.answer(method, await this.handle(method, biz, params))
  }

  private async handle(method: string, biz: Record<string, unknown>, params: Record<string, string>): Promise<Record<string, unknown>> {
    const ok = { code: '10000', msg: 'Success' }
    const refused = (sub: string, msg: string) => ({ code: '40004', msg: 'Business Failed', sub_code: sub, sub_msg: msg })
    switch (method) {
      case 'alipay.marketing.card.template.create':
        return { ...ok, template_id: `2026${sha(String(biz.request_id)).replace(/\D/g, '').padEnd(28, '0').slice(0, 28)}` }
      case 'alipay.marketing.card.template.modify':
      case 'alipay.marketing.card.formtemplate.set':
        return ok
      case 'alipay.marketing.card.activateurl.apply':
        return { ...ok, apply_card_url: encodeURIComponent(`https://memberprod.alipay.com/account/openform/activecard.htm?app_id=${params.app_id}&template_id=${biz.template_id}&out_string=${biz.out_string}`) }
      case 'alipay.system.oauth.token': {
        const form = this.forms.get(params.code ?? '')
        if (!form) return refused('isv.code-invalid', '授权码code无效')
        const token = `sandbox-token-${crypto.randomBytes(12).toString('hex')}`
        this.tokens.set(token, params.code as string)
        return { ...ok, access_token: token, user_id: form.userUniId, expires_in: 1296000 }
      }
      case 'alipay.marketing.card.activateform.query': {
        const form = this.forms.get(this.tokens.get(params.auth_token ?? '') ?? '')
        if (!form || form.requestId !== biz.request_id || form.templateId !== biz.template_id) return refused('USER_FORM_NOT_EXIST', '用户表单信息不存在')
        return { ...ok, infos: JSON.stringify(Object.entries(form.fields).map(([k, v]) => ({ [k]: v }))) }
      }
      case 'alipay.marketing.card.open':
        if (!this.tokens.has(params.auth_token ?? '')) return refused('USER_AUTH_TOKEN_INVALID', '用户授权令牌无效')
        // Alipay opens one card per out_serial_no: the same serial answers the same card.
        return { ...ok, card_info: { biz_card_no: `ali${sha(String(biz.out_serial_no)).slice(0, 16)}`, external_card_no: (biz.card_ext_info as { external_card_no?: string })?.external_card_no } }
      case 'alipay.marketing.card.update':
        return { ...ok, result_code: 'SUCCESS' }
      default:
        return refused('isv.invalid-method', `sandbox does not play ${method}`)
    }
  }

  async submitForm(s: { templateId: string; userUniId: string; fields: Record<string, string>; outString: string }): Promise<AlipayFormReturn> {
    const authCode = `sandbox-auth-${crypto.randomBytes(12).toString('hex')}`
    const requestId = `sandbox-req-${crypto.randomBytes(8).toString('hex')}`
    this.forms.set(authCode, { userUniId: s.userUniId, templateId: s.templateId, requestId, fields: s.fields })
    await this.record('alipay', 'activate_form.submit', { template_id: s.templateId, out_string: s.outString, fields: s.fields })
    return { authCode, templateId: s.templateId, requestId }
  }

  private encryptCode(code: string): string {
    const iv = crypto.randomBytes(12)
    const c = crypto.createCipheriv('aes-256-gcm', this.codeKey, iv)
    const body = Buffer.concat([c.update(code, 'utf8'), c.final()])
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')
  }

  async addCard(s: { cardId: string; cardExt: string; openId: string | null }): Promise<{ code: string } | null> {
    let ext: { code?: string; openid?: string; timestamp?: number; nonce_str?: string; signature?: string }
    try {
      ext = JSON.parse(s.cardExt) as typeof ext
    } catch {
      return null
    }
    const want = cardSignature({ apiTicket: this.apiTicket, timestamp: ext.timestamp ?? '', cardId: s.cardId, code: ext.code, openId: ext.openid, nonceStr: ext.nonce_str ?? '' })
    const good = typeof ext.signature === 'string' && ext.signature === want && (!ext.openid || ext.openid === s.openId)
    await this.record('wechat', 'addCard', { card_id: s.cardId, card_ext: ext, accepted: good })
    if (!good || !ext.code) return null
    return { code: this.encryptCode(ext.code) }
  }

  readonly wechatApi: WechatCardApi = {
    getTicket: async () => {
      await this.record('wechat', 'ticket/getticket', { type: 'wx_card' })
      return { ticket: this.apiTicket, expiresIn: 7200 }
    },
    decrypt: async (encryptCode) => {
      await this.record('wechat', 'card/code/decrypt', { encrypt_code: encryptCode })
      try {
        const raw = Buffer.from(encryptCode, 'base64url')
        const d = crypto.createDecipheriv('aes-256-gcm', this.codeKey, raw.subarray(0, 12))
        d.setAuthTag(raw.subarray(12, 28))
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')
      } catch {
        // WeChat's answer to a code it did not encrypt: errcode 40056 invalid serial code.
        throw new CardRefused('WeChat card/code/decrypt: errcode 40056 invalid serial code')
      }
    },
    updateUser: async (body) => {
      this.up()
      await this.record('wechat', 'card/membercard/updateuser', body)
    },
  }
}
