import type { ProviderId, TransferFacet, TransferOutcome, TransferRequest } from '../types'
import { GatewayFacet } from '../facet'
import { alipayAnswerDetail, alipaySystemBusy, alipayUnreachable, fenToYuan, type AlipayCore } from './core'

/**
 * Alipay's 单笔转账 (alipay.fund.trans.uni.transfer, product_code TRANS_ACCOUNT_NO_PWD,
 * biz_scene DIRECT_TRANSFER): biz {out_biz_no, trans_amount (yuan text), product_code,
 * biz_scene, order_title, payee_info {identity, identity_type}}; the answer's status SUCCESS
 * means paid (order_id, pay_fund_order_id), DEALING still going, FAIL refused. The state of an
 * earlier one: alipay.fund.trans.common.query {product_code, biz_scene, out_biz_no}. There is no
 * notify for this product. Answers come back camelCased by the SDK.
 */
export interface AlipayTransferAnswer {
  code?: string
  msg?: string
  subCode?: string
  subMsg?: string
  orderId?: string
  payFundOrderId?: string
  status?: string
  failReason?: string
  errorCode?: string
  outBizNo?: string
  transAmount?: string
}

export interface AlipayTransferApi {
  uniTransfer(biz: Record<string, unknown>): Promise<AlipayTransferAnswer>
  commonQuery(biz: Record<string, unknown>): Promise<AlipayTransferAnswer>
}

const PRODUCT = { product_code: 'TRANS_ACCOUNT_NO_PWD', biz_scene: 'DIRECT_TRANSFER' } as const

/** A 2088… id is an Alipay user id (older apps); anything else is an open_id. */
export function payeeOf(openId: string): { identity: string; identity_type: 'ALIPAY_USER_ID' | 'ALIPAY_OPEN_ID' } {
  return { identity: openId, identity_type: openId.startsWith('2088') ? 'ALIPAY_USER_ID' : 'ALIPAY_OPEN_ID' }
}

function statusOutcome(a: AlipayTransferAnswer): TransferOutcome {
  const billNo = a.payFundOrderId ?? a.orderId ?? null
  if (a.status === 'SUCCESS') return { kind: 'succeeded', platformBillNo: billNo }
  if (a.status === 'FAIL' || a.status === 'CLOSED' || a.status === 'REFUND') return { kind: 'failed', detail: `${a.status} ${a.failReason ?? a.errorCode ?? ''}`.trim() }
  return { kind: 'processing', platformBillNo: billNo }
}

export class AlipayTransfers extends GatewayFacet<AlipayCore, AlipayTransferApi> implements TransferFacet {
  readonly id: ProviderId = 'alipay'

  /** The contract: no merchant id on Alipay (the app id names the payer). */
  override get merchantId(): null {
    return null
  }

  async transfer(req: TransferRequest): Promise<TransferOutcome> {
    const a = await this.api
      .uniTransfer({ out_biz_no: req.outBillNo, trans_amount: fenToYuan(req.amount), ...PRODUCT, order_title: req.remark.slice(0, 32), payee_info: payeeOf(req.openId) })
      .catch(alipayUnreachable)
    if (a.code === '10000') return statusOutcome(a)
    // System busy: Alipay did nothing; the same out_biz_no is sent again by the sweep.
    if (alipaySystemBusy(a)) return alipayUnreachable(new Error(alipayAnswerDetail(a)))
    return { kind: 'failed', detail: alipayAnswerDetail(a) }
  }

  async query(outBillNo: string): Promise<TransferOutcome | null> {
    const a = await this.api.commonQuery({ ...PRODUCT, out_biz_no: outBillNo }).catch(alipayUnreachable)
    if (a.code === '10000') return statusOutcome(a)
    if (/ORDER_NOT_EXIST/.test(a.subCode ?? '')) return null
    return alipayUnreachable(new Error(alipayAnswerDetail(a)))
  }
}

/** The two calls through the core's SDK (signed, answers verified). */
export function liveAlipayTransferApi(core: AlipayCore): AlipayTransferApi {
  return {
    uniTransfer: (biz) => core.exec('alipay.fund.trans.uni.transfer', { bizContent: biz }),
    commonQuery: (biz) => core.exec('alipay.fund.trans.common.query', { bizContent: biz }),
  }
}
