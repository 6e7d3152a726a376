import Taro from '@tarojs/taro'
import type { MessageTemplates } from '@/domain/contract'
import type { MessageEvent, SubscribeResult } from '@/domain/messages'
import { subscribeAdapter } from '@/platform/subscribe'
import type { SubscribeAdapter } from '@/platform/subscribe/types'
import { getMessageTemplates, postSubscriptionResults } from '@/services/messages'

/** Template ids the shopper refused or that are banned, kept on the device too (the server may be unreachable when they answer). */
export const DECLINED_KEY = 'duet-declined-templates'
/** The dialog waits for the shopper; past this the pay flow moves on without it. */
const ASK_TIMEOUT_MS = 60_000
/** Templates are fetched from the tap alongside POST /pay; a slow answer just means no dialog this time. */
const READY_TIMEOUT_MS = 5_000
const POST_TIMEOUT_MS = 3_000

export interface MessageAskDeps {
  adapter?: SubscribeAdapter
  getTemplates?: () => Promise<MessageTemplates>
  postResults?: (results: Record<string, SubscribeResult>) => Promise<unknown>
}

export function declinedIds(): Set<string> {
  const raw: unknown = Taro.getStorageSync(DECLINED_KEY)
  return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [])
}

function remember(ids: readonly string[]): void {
  if (!ids.length) return
  Taro.setStorageSync(DECLINED_KEY, [...new Set([...declinedIds(), ...ids])])
}

/** Which events a dialog is about (an id the templates don't name has no event: undefined). */
export type EventFilter = (event: MessageEvent | undefined) => boolean

/**
 * The pay tap asks about the order's own messages; after-sales progress is asked for where it
 * starts (the 提交申请 tap), so it doesn't take one of the pay dialog's few places (Alipay 3).
 */
const GROUP_EVENTS: readonly (MessageEvent | undefined)[] = ['group_succeeded', 'group_failed']
/** Only a pickup order (门店自提) gets these: a delivery order's dialog keeps its places for its own. */
const PICKUP_EVENTS: readonly (MessageEvent | undefined)[] = ['pickup_ready', 'pickup_reminder']
export const AT_PAY: EventFilter = (e) => e !== 'after_sale_update' && !GROUP_EVENTS.includes(e) && !PICKUP_EVENTS.includes(e)
/** A pickup order's pay tap: ready to collect, the reminder, and a refund if it is never collected. */
export const AT_PICKUP_PAY: EventFilter = (e) => PICKUP_EVENTS.includes(e) || e === 'refund_done'
export const AT_AFTER_SALE: EventFilter = (e) => e === 'after_sale_update'
/** The group-buy confirm page: whether the group succeeds or fails (a failure's refund is said by group_failed), and shipping; three fit Alipay's dialog. */
export const AT_GROUP_PAY: EventFilter = (e) => GROUP_EVENTS.includes(e) || e === 'order_shipped'

/** The ids one dialog may show: the server's groups (already without reject/ban), minus what this device saw refused, of the events asked about, at most `max`. */
export function idsToAsk(templates: MessageTemplates, declined: ReadonlySet<string>, max: number, which: EventFilter = () => true): string[] {
  const limit = Math.min(max, templates.maxPerRequest || max)
  const eventOf = new Map(templates.templates.map((t) => [t.templateId, t.event]))
  return templates.groups
    .flat()
    .filter((id) => !declined.has(id) && which(eventOf.get(id)))
    .slice(0, Math.max(0, limit))
}

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms)
    p.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      () => {
        clearTimeout(timer)
        resolve(fallback)
      },
    )
  })
}

export interface MessageAsk {
  /** Whether the dialog opens in the payment callback (true) or before handing over (false: paying leaves the page). */
  afterPay: boolean
  /** Opens the platform's subscribe dialog once and records the answers; never throws, never blocks paying for long. */
  ask(): Promise<void>
}

/**
 * Started from the pay tap: fetches this platform's templates at once (no dialog yet), so
 * that in the payment callback the dialog can open with no request in between (WeChat and
 * Alipay accept it only from a tap or a payment callback). Nothing here can stop a payment.
 */
export function prepareMessageAsk(deps: MessageAskDeps = {}, which: EventFilter = AT_PAY): MessageAsk {
  const adapter = deps.adapter ?? subscribeAdapter
  const getTemplates = deps.getTemplates ?? getMessageTemplates
  const postResults = deps.postResults ?? postSubscriptionResults
  const ready: Promise<string[]> =
    adapter.maxPerCall > 0 ? getTemplates().then((t) => idsToAsk(t, declinedIds(), adapter.maxPerCall, which)).catch(() => []) : Promise.resolve([])
  let asked = false

  return {
    afterPay: adapter.askAfterPay,
    async ask() {
      if (asked) return
      asked = true
      try {
        const ids = await within(ready, READY_TIMEOUT_MS, [] as string[])
        if (!ids.length) return
        const answer = await within(adapter.request(ids), ASK_TIMEOUT_MS, { status: 'failed', message: 'timeout' } as const)
        if (answer.status !== 'ok') return
        const results = answer.decisions
        remember(Object.keys(results).filter((id) => results[id] === 'reject' || results[id] === 'ban'))
        // Awaited (briefly): on H5 the page leaves for the cashier right after, which would cut the request off.
        if (Object.keys(results).length) await within(postResults(results), POST_TIMEOUT_MS, null)
      } catch {
        // Asking is a courtesy: any failure leaves paying as it was.
      }
    },
  }
}
