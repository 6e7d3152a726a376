import { MESSAGE_EVENTS, isMessageEvent, type MessageEvent } from '../../../src/domain/messages'
import type { Platform } from '../../../src/domain/contract'

/** Template ids per event, for one platform. */
export type TemplateIds = Partial<Record<MessageEvent, string>>

/** Which sender a platform's users get their messages through. */
export type ChannelId = 'wechat' | 'alipay' | 'sandbox'

export interface MessageConfig {
  /** From WECHAT_MESSAGE_TEMPLATES / ALIPAY_MESSAGE_TEMPLATES. */
  templates: { weapp: TemplateIds; alipay: TemplateIds }
  /** How long before an unpaid order closes the shopper gets order_closing_soon (MESSAGE_CLOSING_SOON). */
  closingSoonMs: number
  /** How long a message waits for the shopper's consent after its event (MESSAGE_CONSENT_WAIT). */
  consentWaitMs: number
  /** WeChat's miniprogram_state for the page the message opens (WECHAT_MINIPROGRAM_STATE). */
  wechatState: 'formal' | 'trial' | 'developer'
}

/**
 * "order_paid=AbC123,order_shipped=XyZ" -> {order_paid: 'AbC123', ...}. Throws on an unknown
 * event or a malformed pair, so a typo fails at start instead of silently sending nothing.
 */
export function parseTemplateList(text: string | undefined, name: string): TemplateIds {
  const out: TemplateIds = {}
  if (!text) return out
  for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)\s*=\s*([\w-]{1,128})$/.exec(pair)
    if (!m) throw new Error(`${name}: "${pair}" is not event=templateId`)
    if (!isMessageEvent(m[1])) throw new Error(`${name}: unknown event "${m[1]}" (one of ${MESSAGE_EVENTS.join(', ')})`)
    out[m[1]] = m[2]
  }
  return out
}

/** The events the app asks about at the pay tap; the credit ones wait for the credit module. order_delivered: the tracking module's; group_*: the groups module's; pickup_*: the pickup module's. */
const SANDBOX_DEFAULT_EVENTS: readonly MessageEvent[] = ['order_paid', 'order_shipped', 'refund_done', 'order_closing_soon', 'after_sale_update', 'order_delivered', 'group_succeeded', 'group_failed', 'pickup_ready', 'pickup_reminder']

export interface ChannelKeys {
  wechat?: unknown
  alipay?: unknown
}

/** WeChat users go through WeChat when its keys are set, Alipay users likewise; everyone else through the sandbox. */
export function channelFor(platform: Platform, keys: ChannelKeys): ChannelId {
  if (platform === 'weapp' && keys.wechat) return 'wechat'
  if (platform === 'alipay' && keys.alipay) return 'alipay'
  return 'sandbox'
}

/**
 * The template ids a platform's users can subscribe to. A live platform offers only what is
 * configured; a platform the sandbox plays gets made-up ids for the order events (so the
 * H5 preview and the IDEs without keys run the whole flow), configured ones winning.
 */
export function templatesFor(platform: Platform, cfg: MessageConfig, keys: ChannelKeys): TemplateIds {
  const configured: TemplateIds = platform === 'h5' ? {} : cfg.templates[platform]
  if (channelFor(platform, keys) !== 'sandbox') return { ...configured }
  const ids: TemplateIds = {}
  for (const e of SANDBOX_DEFAULT_EVENTS) ids[e] = `sandbox-${platform}-${e.replace(/_/g, '-')}`
  return { ...ids, ...configured }
}

/** The event a template id stands for on that platform, or null. */
export function eventOf(templateId: string, ids: TemplateIds): MessageEvent | null {
  for (const e of MESSAGE_EVENTS) if (ids[e] === templateId) return e
  return null
}
