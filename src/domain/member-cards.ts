/**
 * Platform member cards (会员卡): the shop's card in the shopper's Alipay card pack
 * (alipay.marketing.card.*) and, where the account has WeChat cards, in WeChat's card holder
 * (wx.addCard). The card shows the level and the points balance, updated when they change.
 * Shared by the server, the app and the console. Pure: types only.
 */

export const CARD_STATUSES = ['none', 'opening', 'active'] as const
export type CardStatus = (typeof CARD_STATUSES)[number]

/** GET /api/member-card */
export interface MemberCardView {
  /** Whether the shop has a card on the caller's platform (console 会员卡 set up; the sandbox always). */
  available: boolean
  status: CardStatus
  /** The shop's card number for this shopper (shown on the card). */
  cardNo: string | null
  levelName: string
  points: number
  openedAt: string | null
  /** The card's look, as the platform shows it (console 会员卡). */
  title: string
  color: string
  /** Why there is no card to open, in words for the page (e.g. WeChat without the card feature: the in-app membership only); absent when available. */
  note?: string
}

/**
 * POST /api/member-card/open: what the app does next.
 * - alipay: open the card's activation form (an Alipay URL from alipay.marketing.card.activateurl.apply);
 *   back in the app, POST /api/member-card/activate with what the form returned.
 * - wechat: call wx.addCard with this card id and its signed cardExt.
 * - sandbox: the sandbox page that plays either, then the same activate call.
 */
export type OpenCardStep =
  | { kind: 'alipay_form'; url: string }
  | { kind: 'wechat_add_card'; cardId: string; cardExt: string }
  | { kind: 'sandbox'; path: string }

/** POST /api/member-card/activate: Alipay's form answer (auth_code, template id, request id) or WeChat's addCard result (code). */
export interface ActivateCardInput {
  authCode?: string
  requestId?: string
  templateId?: string
  /** wx.addCard's cardList[0].code (encrypted) — decrypted server-side. */
  code?: string
}

/** GET/PUT /api/admin/member-card */
export interface MemberCardSettings {
  alipayTemplateId: string | null
  wechatCardId: string | null
  title: string
  /** A background colour, #rrggbb. */
  color: string
}

/** The platform a card lives on. */
export type CardPlatform = 'alipay' | 'wechat'

/** The sandbox page's data (GET /api/sandbox/member-card/:token): what the platform's sheet would show. */
export interface SandboxCardPage {
  platform: CardPlatform
  title: string
  color: string
  cardNo: string
  levelName: string
  points: number
  /** Alipay: the template and the form's fields (mobile). */
  templateId: string | null
  fields: string[]
  /** WeChat: what wx.addCard would be called with. */
  cardId: string | null
  cardExt: string | null
}

/** POST /api/sandbox/member-card/:token/submit: Alipay's form `{mobile}` or WeChat's `{cardExt}`. */
export interface SandboxCardSubmit {
  mobile?: string
  cardExt?: string
}

/** Its answer: Alipay's form return (authCode, requestId, templateId), or WeChat's encrypted `code` as addCard answers it. */
export interface SandboxCardResult {
  authCode?: string
  requestId?: string
  templateId?: string
  code?: string
}
