import { networkOutcome, type ShippingCallOutcome, type WechatOrderState, type WechatShippingBody, type WechatShippingFacet } from '../types'
import { WECHAT_API } from './core'
import { TokenError, type TokenSource } from './messages'

/** errcodes that say the access_token is bad: renew it and call again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])
/** Busy or rate limited: nothing was done, try later. */
const TRY_LATER = new Set([-1, 45009, 45011])
/** How long is_trade_managed's answer is kept: it changes only when the merchant changes the setting. */
const TRADE_MANAGED_TTL_MS = 60 * 60_000

export interface WechatShippingOptions {
  tokens: TokenSource
  merchantId: string
  appId: string
  fetch?: typeof fetch
  now?: () => Date
}

type Answer = { errcode?: number; errmsg?: string } & Record<string, unknown>

/**
 * WeChat's order shipping management (小程序发货信息管理服务), all POST JSON under
 * api.weixin.qq.com/wxa/sec/order/ with the access_token from the token source messages use:
 * upload_shipping_info, opspecialorder, is_trade_managed {appid}, get_order {transaction_id},
 * get_delivery_list {}. Answers are {errcode, errmsg, …}; errcode 0 is success.
 */
export function wechatShipping(o: WechatShippingOptions): WechatShippingFacet {
  const fetchImpl = o.fetch ?? fetch
  const now = o.now ?? (() => new Date())
  let managed: { value: boolean; until: number } | null = null

  async function call(path: string, body: unknown): Promise<{ ok: true; answer: Answer } | ShippingCallOutcome> {
    for (let round = 0; round < 2; round++) {
      let token: string
      try {
        token = await o.tokens.get()
      } catch (err) {
        return { kind: 'retry', detail: err instanceof TokenError ? err.message : `token: ${(err as Error).message}`, response: null }
      }
      let res: Response
      try {
        res = await fetchImpl(`${WECHAT_API}/wxa/sec/order/${path}?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        })
      } catch (err) {
        // Shipping uploads are keyed by the order: sending the same body again is harmless, so an ambiguous end is retried too.
        return { kind: 'retry', detail: networkOutcome(err).kind === 'retry' ? 'unreachable' : String((err as Error).message), response: null }
      }
      if (res.status >= 500) return { kind: 'retry', detail: `HTTP ${res.status}`, response: null }
      const answer = (await res.json().catch(() => null)) as Answer | null
      if (!answer) return { kind: 'retry', detail: `HTTP ${res.status}, unreadable answer`, response: null }
      const code = answer.errcode ?? 0
      if (code === 0) return { ok: true, answer }
      if (TOKEN_ERRORS.has(code)) {
        o.tokens.invalidate(token)
        continue
      }
      const detail = `errcode ${code} ${answer.errmsg ?? ''}`.trim()
      return { kind: TRY_LATER.has(code) ? 'retry' : 'rejected', detail, response: answer }
    }
    return { kind: 'retry', detail: 'access_token refused twice', response: null }
  }

  return {
    provider: 'wechat',
    sandbox: false,
    merchantId: o.merchantId,
    async uploadShippingInfo(body: WechatShippingBody) {
      const r = await call('upload_shipping_info', body)
      return 'ok' in r ? { kind: 'sent', response: r.answer } : r
    },
    async reportSpecialOrder(body) {
      const r = await call('opspecialorder', body)
      return 'ok' in r ? { kind: 'sent', response: r.answer } : r
    },
    async isTradeManaged() {
      if (managed && now().getTime() < managed.until) return managed.value
      const r = await call('is_trade_managed', { appid: o.appId })
      // Unknown: assume managed (uploading to a shop WeChat doesn't manage is refused, never harmful), and ask again next time.
      if (!('ok' in r)) return true
      managed = { value: r.answer.is_trade_managed === true, until: now().getTime() + TRADE_MANAGED_TTL_MS }
      return managed.value
    },
    async getOrderState(transactionId) {
      const r = await call('get_order', { transaction_id: transactionId })
      if (!('ok' in r)) return null
      const state = (r.answer.order as { order_state?: number } | undefined)?.order_state
      return typeof state === 'number' && state >= 1 && state <= 5 ? (state as WechatOrderState) : null
    },
    async deliveryList() {
      const r = await call('get_delivery_list', {})
      if (!('ok' in r)) return null
      const list = (r.answer.delivery_list as { delivery_id?: string; delivery_name?: string }[] | undefined) ?? []
      return list.filter((d) => d.delivery_id).map((d) => ({ code: d.delivery_id as string, name: d.delivery_name ?? (d.delivery_id as string) }))
    },
  }
}
