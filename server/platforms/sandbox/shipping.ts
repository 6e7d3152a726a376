import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'
import type { SandboxShippingFacet, ShippingCallOutcome, WechatOrderState } from '../types'
import { SANDBOX_IDS } from './core'

/**
 * Plays WeChat's shipping management and Alipay's order centre without keys: every call is
 * kept exactly as it would have gone out (sandbox_shipping_calls), so tests and the console
 * can show it; an upload moves WeChat's order to 2 (已发货) and the sandbox receipt page's
 * confirm to 3 (确认收货), which get_order then answers. setOutage fails the next calls.
 */
export function sandboxShipping(db: Queryable, now: () => Date): SandboxShippingFacet {
  let outage = 0
  const down = (): ShippingCallOutcome | null => {
    if (outage <= 0) return null
    outage -= 1
    return { kind: 'retry', detail: 'sandbox outage (503)', response: null }
  }
  const record = (api: string, ref: string, request: unknown) =>
    db.query('INSERT INTO sandbox_shipping_calls (api, ref, request, at) VALUES ($1, $2, $3, $4)', [api, ref, JSON.stringify(request), now()])

  return {
    provider: 'sandbox',
    sandbox: true,
    merchantId: SANDBOX_IDS.wechatMchId,
    setOutage(calls) {
      outage = calls
    },
    async uploadShippingInfo(body) {
      const failed = down()
      if (failed) return failed
      const key = body.order_key
      const ref = key.order_number_type === 2 ? key.transaction_id : key.out_trade_no
      await record('upload_shipping_info', ref, body)
      // A second upload (WeChat allows one update) leaves a confirmed order confirmed.
      await db.query(
        `INSERT INTO sandbox_wechat_orders (transaction_id, order_state, updated_at) VALUES ($1, 2, $2)
         ON CONFLICT (transaction_id) DO UPDATE SET updated_at = $2 WHERE sandbox_wechat_orders.order_state < 2`,
        [ref, now()],
      )
      return { kind: 'sent', response: { errcode: 0, errmsg: 'ok' } }
    },
    async reportSpecialOrder(body) {
      const failed = down()
      if (failed) return failed
      // WeChat's rules for type 1: delay_to at least 15 days after payment and at most 330 (errcode 268546001 otherwise); the sandbox checks it is a future time.
      if (body.type === 1 && !(typeof body.delay_to === 'number' && body.delay_to * 1000 > now().getTime()))
        return { kind: 'rejected', detail: 'errcode 268546001 delay_to非法', response: { errcode: 268546001, errmsg: 'delay_to非法' } }
      await record('opspecialorder', body.order_id, body)
      return { kind: 'sent', response: { errcode: 0, errmsg: 'ok' } }
    },
    async isTradeManaged() {
      return true
    },
    async getOrderState(transactionId) {
      const r = await db.maybeOne<{ order_state: number }>('SELECT order_state FROM sandbox_wechat_orders WHERE transaction_id = $1', [transactionId])
      return r ? (r.order_state as WechatOrderState) : null
    },
    async deliveryList() {
      return null
    },
    async confirm(transactionId) {
      // Only a shipped order can be confirmed, as in WeChat's component.
      const r = await db.query('UPDATE sandbox_wechat_orders SET order_state = 3, updated_at = $2 WHERE transaction_id = $1 AND order_state IN (2, 3)', [transactionId, now()])
      return r.rowCount > 0
    },
    async orderSync(biz) {
      const failed = down()
      if (failed) return failed
      await record('alipay.merchant.order.sync', String(biz.out_biz_no ?? ''), biz)
      return { kind: 'sent', response: { code: '10000', msg: 'Success' } }
    },
    async calls(filter = {}) {
      const ref = filter.transactionId ?? filter.outBizNo
      const rows = await db.query<{ id: number; api: string; request: unknown; at: Date }>(
        `SELECT id, api, request, at FROM sandbox_shipping_calls ${ref === undefined ? '' : 'WHERE ref = $1'} ORDER BY id`,
        ref === undefined ? [] : [ref],
      )
      return rows.rows.map((r) => ({ id: r.id, api: r.api, request: parseJson(r.request), at: iso(r.at) }))
    },
  }
}
