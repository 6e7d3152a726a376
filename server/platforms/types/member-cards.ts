/**
 * Member cards (会员卡) in the platforms' card packs: Alipay's merchant member card
 * (alipay.marketing.card.*) and WeChat's membership card (wx.addCard + card/* APIs). The shop
 * keeps its own card number and pushes level and points to the platform when they change.
 */
import { ProviderError } from './common'

/** The platform answered and said no (Alipay 40002 / 40004: a bad auth code, a form that does not exist): the shopper's input, not an outage. */
export class CardRefused extends ProviderError {}

/** alipay.marketing.card.template.create / .modify: the shop's side of the template. */
export interface AlipayCardTemplateInput {
  /** template_style_info.card_show_name */
  title: string
  /** template_style_info.bg_color, as Alipay takes it: "rgb(r,g,b)" made from #rrggbb. */
  color: string
  /** template_style_info.logo_id / background_id: image ids from alipay.offline.material.image.upload (the sandbox takes any). */
  logoId?: string
  backgroundId?: string
  /** open_card_conf.source_app_id: the mini-program the card opens (and whose page the form returns to). */
  appId?: string
  /** open_card_conf.open_card_url: where "open card" goes (the mini-program page). */
  openCardUrl: string
  /** The template to modify (alipay.marketing.card.template.modify); absent: create a new one. */
  templateId?: string | null
}

/** What the activation form returned to the shop: auth_code, template_id, request_id (the callback query / the mini-program's extraData). */
export interface AlipayFormReturn {
  authCode: string
  templateId: string
  requestId: string
}

/** alipay.system.oauth.token + alipay.marketing.card.activateform.query: who filled the form and what. */
export interface AlipayActivationForm {
  /** user_id (2088…) or open_id from oauth.token: the shopper the card is opened for. */
  userId: string | null
  openId: string | null
  /** The user's access_token (card.open and card.update are called with it as auth_token). */
  accessToken: string
  /** activateform.query's infos, flattened: OPEN_FORM_FIELD_MOBILE → '138…'. */
  fields: Record<string, string>
}

/** alipay.marketing.card.open's biz: out_serial_no, card_template_id, card_user_info, card_ext_info. */
export interface AlipayOpenCardInput {
  /** out_serial_no: one per card (the shop's card number): Alipay opens a card once per serial. */
  outSerialNo: string
  templateId: string
  form: AlipayActivationForm
  /** card_ext_info.external_card_no: the shop's card number shown on the card. */
  cardNo: string
  openedAt: Date
  level: string
  point: number
}

/** alipay.marketing.card.update: target_card_no (Alipay's biz_card_no, target_card_no_type BIZ_CARD), occur_time, card_info {point, level}. */
export interface AlipayUpdateCardInput {
  bizCardNo: string
  occurAt: Date
  level: string
  point: number
}

export interface AlipayMemberCardsFacet {
  readonly id: 'alipay'
  readonly sandbox: boolean
  /** template.create (or .modify) then formtemplate.set (mobile required): the template id. */
  createTemplate(t: AlipayCardTemplateInput): Promise<string>
  /** activateurl.apply {template_id, callback, out_string} → apply_card_url (URL-decoded, as my.addCardAuth takes it). */
  activationUrl(templateId: string, outString: string, callback?: string): Promise<string>
  /** The form the shopper submitted (oauth.token with the auth_code, then activateform.query). */
  readActivationForm(r: AlipayFormReturn): Promise<AlipayActivationForm>
  /** card.open → card_info.biz_card_no (Alipay's card number; updates name it). */
  openCard(c: AlipayOpenCardInput): Promise<{ bizCardNo: string }>
  updateCard(u: AlipayUpdateCardInput): Promise<void>
}

/** WeChat's signed cardExt for wx.addCard (a JSON string) and what went into it. */
export interface WechatCardExt {
  cardExt: string
  timestamp: number
  nonceStr: string
  signature: string
}

/** card/membercard/updateuser: code, card_id, bonus (the balance), custom_field_value1 (the level name). */
export interface WechatUpdateCardInput {
  cardId: string
  code: string
  bonus: number
  levelName: string
}

export interface WechatMemberCardsFacet {
  readonly id: 'wechat'
  readonly sandbox: boolean
  /** The signed cardExt for wx.addCard: custom code (the shop's card number) bound to the shopper's openid. */
  cardExt(cardId: string, c: { code: string; openId: string | null; outerStr?: string }): Promise<WechatCardExt>
  /** card/code/decrypt {encrypt_code} → code (what wx.addCard answered is encrypted). */
  decryptCode(encryptCode: string): Promise<string>
  updateCard(u: WechatUpdateCardInput): Promise<void>
}

/** Every call the sandbox saw (sandbox_card_calls), for tests and the console. */
export interface SandboxCardCall {
  id: number
  platform: 'alipay' | 'wechat'
  api: string
  request: Record<string, unknown>
  at: string
}

/**
 * The sandbox's side: it plays Alipay's activation form (submitForm: the auth_code and request_id
 * the form returns) and WeChat's addCard (addCard: checks the cardExt signature against its
 * api_ticket, answers the encrypted code), and keeps every call.
 */
export interface SandboxMemberCardsDesk {
  submitForm(s: { templateId: string; userUniId: string; fields: Record<string, string>; outString: string }): Promise<AlipayFormReturn>
  /** The shopper adds the card: null when cardExt's signature (or card id) is not the sandbox's. */
  addCard(s: { cardId: string; cardExt: string; openId: string | null }): Promise<{ code: string } | null>
  calls(filter?: { api?: string }): Promise<SandboxCardCall[]>
  /** The next `calls` platform calls fail as unreachable (tests of the update outbox's retries). */
  setOutage(calls: number): void
}

export interface MemberCardsFacets {
  /** Alipay's with the Alipay keys, else the live facet over the sandbox's Alipay. */
  alipay: AlipayMemberCardsFacet
  /** WeChat's with the app's keys, else the live facet over the sandbox's WeChat (its own api_ticket). */
  wechat: WechatMemberCardsFacet
  /** The sandbox's desk (always there: the H5 preview and sandbox logins open cards through it). */
  sandbox: SandboxMemberCardsDesk
}
