import type { AlipayOrderSyncBody, AlipayShippingFacet, ShippingCallOutcome } from '../types'
import { alipayAnswerDetail, alipaySystemBusy, type AlipayCore } from './core'

/** The one call we make, so tests can stand in for alipay-sdk. */
export type AlipayOrderSyncApi = (biz: AlipayOrderSyncBody) => Promise<{ code?: string; msg?: string; subCode?: string; subMsg?: string } & Record<string, unknown>>

export function liveAlipayOrderSyncApi(core: AlipayCore): AlipayOrderSyncApi {
  return (biz) => core.exec('alipay.merchant.order.sync', { bizContent: biz })
}

/**
 * Alipay's order centre (alipay.merchant.order.sync): the shop keeps the buyer's order in
 * Alipay in step on pay, ship, confirm and refund. Each sync carries the whole order again
 * (out_biz_no is the key), so repeating one is harmless.
 */
export function alipayShipping(api: AlipayOrderSyncApi): AlipayShippingFacet {
  return {
    provider: 'alipay',
    sandbox: false,
    async orderSync(biz): Promise<ShippingCallOutcome> {
      let res: Awaited<ReturnType<AlipayOrderSyncApi>>
      try {
        res = await api(biz)
      } catch (err) {
        return { kind: 'retry', detail: `unreachable: ${(err as Error).message}`, response: null }
      }
      if (res.code === '10000') return { kind: 'sent', response: res }
      const detail = alipayAnswerDetail(res)
      // 20000 service unavailable, system errors: nothing was recorded, try again.
      if (alipaySystemBusy(res)) return { kind: 'retry', detail, response: res }
      return { kind: 'rejected', detail, response: res }
    },
  }
}
