import { CardRefused, ProviderError, type AlipayActivationForm, type AlipayMemberCardsFacet } from '../types'
import { alipayAnswerDetail, alipayUnreachable, type AlipayAnswer, type AlipayCore } from './core'

/** Alipay's gateway: a signed form body in, the answer text out (live: openapi.alipay.com; the sandbox: its own gateway). */
export type AlipayGateway = (body: string) => Promise<string>

export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do'

export function liveAlipayGateway(fetchImpl: typeof fetch = fetch): AlipayGateway {
  return async (body) => {
    const res = await fetchImpl(ALIPAY_GATEWAY, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(10_000),
    })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return res.text()
  }
}

/** The member-card form field we ask for (formtemplate.set's required_form_field_list; activateform.query answers it by this name). */
export const FORM_MOBILE = 'OPEN_FORM_FIELD_MOBILE'

/** "#e4393c" → "rgb(228,57,60)": template_style_info.bg_color's format. */
export function rgbOf(hex: string): string {
  const n = Number.parseInt(hex.replace('#', ''), 16)
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`
}

/** Alipay's date-time text in Beijing time, "2026-12-05 21:00:00" (open_date, valid_date, occur_time). */
export function alipayTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19)
}

/** activateform.query's infos: a JSON text of [{"OPEN_FORM_FIELD_MOBILE": "138…"}, …] flattened to one record. */
export function formFields(infos: unknown): Record<string, string> {
  let list: unknown = infos
  if (typeof infos === 'string') {
    try {
      list = JSON.parse(infos)
    } catch {
      return {}
    }
  }
  const out: Record<string, string> = {}
  for (const item of Array.isArray(list) ? list : []) if (item && typeof item === 'object') for (const [k, v] of Object.entries(item)) out[k] = String(v)
  return out
}

/**
 * Alipay's merchant member card (商户会员卡), every call signed by the core and every answer's
 * signature checked by it (verifiedAnswer), live or against the sandbox's gateway:
 * - alipay.marketing.card.template.create / .modify {request_id, card_type OUT_MEMBER_CARD,
 *   biz_no_suffix_len, write_off_type, template_style_info {card_show_name, logo_id,
 *   background_id, bg_color}, column_info_list, field_rule_list, card_action_list,
 *   open_card_conf {open_card_source_type MER, source_app_id, open_card_url}} → template_id
 * - alipay.marketing.card.formtemplate.set {template_id, fields {required: [OPEN_FORM_FIELD_MOBILE]}}
 * - alipay.marketing.card.activateurl.apply {template_id, out_string, callback} → apply_card_url
 * - alipay.system.oauth.token {grant_type authorization_code, code} → access_token, user_id / open_id
 * - alipay.marketing.card.activateform.query {biz_type MEMBER_CARD, template_id, request_id} (auth_token) → infos
 * - alipay.marketing.card.open {out_serial_no, card_template_id, card_user_info {user_uni_id,
 *   user_uni_id_type UID | OPEN_ID}, card_ext_info {external_card_no, open_date, valid_date, level, point}} → card_info.biz_card_no
 * - alipay.marketing.card.update {target_card_no, target_card_no_type BIZ_CARD, occur_time, card_info {point, level}}
 */
export function alipayMemberCards(core: AlipayCore, gateway: AlipayGateway): AlipayMemberCardsFacet {
  async function call(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}): Promise<AlipayAnswer & Record<string, unknown>> {
    const text = await gateway(core.signedRequest(method, biz, extra)).catch(alipayUnreachable)
    const answer = core.verifiedAnswer(method, text)
    if (answer.code === '10000') return answer
    // 40002 invalid arguments / 40004 business failure: Alipay refused this request; anything else (20000, system errors) is an outage.
    if (answer.code === '40002' || answer.code === '40004') throw new CardRefused(`Alipay ${method}: ${alipayAnswerDetail(answer)}`)
    throw new ProviderError(`Alipay ${method}: ${alipayAnswerDetail(answer)}`)
  }

  return {
    id: 'alipay',
    sandbox: core.sandbox,
    async createTemplate(t) {
      const requestId = `tpl${Date.now()}${Math.floor(Math.random() * 1e6)}`
      const biz = {
        request_id: requestId,
        card_type: 'OUT_MEMBER_CARD',
        // The shop's own numbers ('D' + 11 digits) are external_card_no; Alipay's biz_card_no gets a suffix of this length.
        biz_no_suffix_len: '10',
        write_off_type: 'qrcode',
        template_style_info: { card_show_name: t.title, logo_id: t.logoId ?? 'logo', background_id: t.backgroundId ?? 'background', bg_color: rgbOf(t.color) },
        column_info_list: [
          { code: 'BENEFIT_INFO', operate_type: 'openWeb', title: '会员等级', value: '' },
          { code: 'POINT', operate_type: 'openNative', title: '积分', value: '' },
        ],
        field_rule_list: [
          { field_name: 'Point', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Point' },
          { field_name: 'Level', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Level' },
          { field_name: 'OpenDate', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'OpenDate' },
          { field_name: 'ValidDate', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'ValidDate' },
        ],
        card_action_list: [{ code: 'TO_SHOP', text: '进入商城', url_type: 'miniAppUrl', mini_app_url: { mini_app_id: t.appId ?? core.appId, mini_page_param: t.openCardUrl } }],
        open_card_conf: { open_card_source_type: 'MER', source_app_id: t.appId ?? core.appId, open_card_url: t.openCardUrl, conf: '' },
        ...(t.templateId ? { template_id: t.templateId } : {}),
      }
      const r = await call(t.templateId ? 'alipay.marketing.card.template.modify' : 'alipay.marketing.card.template.create', biz)
      const templateId = String(r.template_id ?? t.templateId ?? '')
      if (!templateId) throw new ProviderError('Alipay card.template.create: no template_id')
      await call('alipay.marketing.card.formtemplate.set', { template_id: templateId, fields: { required: JSON.stringify({ common_fields: [FORM_MOBILE] }) } })
      return templateId
    },
    async activationUrl(templateId, outString, callback) {
      const r = await call('alipay.marketing.card.activateurl.apply', { template_id: templateId, out_string: outString, ...(callback ? { callback } : {}) })
      if (typeof r.apply_card_url !== 'string') throw new ProviderError('Alipay card.activateurl.apply: no apply_card_url')
      // my.addCardAuth takes the URL decoded (the API answers it encoded).
      return decodeURIComponent(r.apply_card_url)
    },
    async readActivationForm(f): Promise<AlipayActivationForm> {
      const token = await call('alipay.system.oauth.token', {}, { grant_type: 'authorization_code', code: f.authCode })
      const accessToken = typeof token.access_token === 'string' ? token.access_token : ''
      if (!accessToken) throw new ProviderError('Alipay oauth.token: no access_token')
      const form = await call('alipay.marketing.card.activateform.query', { biz_type: 'MEMBER_CARD', template_id: f.templateId, request_id: f.requestId }, { auth_token: accessToken })
      return { userId: (token.user_id as string | undefined) ?? null, openId: (token.open_id as string | undefined) ?? null, accessToken, fields: formFields(form.infos) }
    },
    async openCard(c) {
      const uid = c.form.userId ? { user_uni_id: c.form.userId, user_uni_id_type: 'UID' } : { user_uni_id: c.form.openId ?? '', user_uni_id_type: 'OPEN_ID' }
      const validTo = new Date(c.openedAt.getTime() + 50 * 365 * 24 * 3600_000)
      const r = await call(
        'alipay.marketing.card.open',
        {
          out_serial_no: c.outSerialNo,
          card_template_id: c.templateId,
          card_user_info: uid,
          card_ext_info: { external_card_no: c.cardNo, open_date: alipayTime(c.openedAt), valid_date: alipayTime(validTo), level: c.level, point: String(c.point) },
          member_ext_info: c.form.fields[FORM_MOBILE] ? { cell: c.form.fields[FORM_MOBILE] } : undefined,
        },
        { auth_token: c.form.accessToken },
      )
      const info = (r.card_info ?? {}) as { biz_card_no?: string }
      if (!info.biz_card_no) throw new ProviderError('Alipay card.open: no card_info.biz_card_no')
      return { bizCardNo: info.biz_card_no }
    },
    async updateCard(u) {
      await call('alipay.marketing.card.update', {
        target_card_no: u.bizCardNo,
        target_card_no_type: 'BIZ_CARD',
        occur_time: alipayTime(u.occurAt),
        card_info: { point: String(u.point), level: u.level },
      })
    },
  }
}
