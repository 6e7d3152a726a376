import { ProviderError, type ProviderId, type ClientParams, type Created, type PayFacet, type PayOrder, type Payer, type QueryAnswer, type RawNotify, type RefundAnswer, type RefundOrder, type VerifyResult } from '../types'
import { GatewayFacet } from '../facet'
import { alipayUnreachable, fenToYuan, verifyAlipayFields, yuanToFen, type AlipayCore } from './core'
import type { AlipaySdk } from 'alipay-sdk'

/** Alipay's trade calls (JSAPI_PAY): the live SDK and the sandbox both implement them. */
export interface AlipayPayApi {
  tradeCreate(biz: Record<string, unknown>): Promise<{ tradeNo?: string; code?: string; subMsg?: string }>
  tradeQuery(outTradeNo: string): Promise<{ tradeStatus?: string; totalAmount?: string; tradeNo?: string; code?: string }>
  tradeClose(outTradeNo: string): Promise<void>
  /** alipay.trade.refund: code 10000 with fundChange Y = refunded now. */
  tradeRefund(biz: Record<string, unknown>): Promise<{ code?: string; fundChange?: string; refundFee?: string; subCode?: string; subMsg?: string }>
  /** alipay.trade.fastpay.refund.query: refundStatus REFUND_SUCCESS once done. */
  refundQuery(outTradeNo: string, outRequestNo: string): Promise<{ code?: string; refundStatus?: string; refundAmount?: string; subCode?: string; subMsg?: string }>
}

/** Answers that mean "try again later" rather than "refused". */
const ALIPAY_TRY_LATER = new Set(['ACQ.SYSTEM_ERROR', 'aop.ACQ.SYSTEM_ERROR'])

/** Verifies a form-encoded Alipay payment or refund notify. */
export function verifyAlipayNotify(sdk: AlipaySdk, raw: RawNotify): VerifyResult {
  const v = verifyAlipayFields(sdk, raw)
  if (!v.ok) return v
  const fields = v.fields
  // A refund changes the trade too: its notify names the refund request as out_biz_no.
  if (fields.out_biz_no && fields.refund_fee) {
    if (!fields.out_trade_no) return { ok: false, reason: 'bad_format', message: 'notify lacks fields' }
    return {
      ok: true,
      event: {
        kind: 'refund',
        outTradeNo: fields.out_trade_no,
        outRefundNo: fields.out_biz_no,
        amount: yuanToFen(fields.send_back_fee),
        merchantId: fields.seller_id ?? null,
        appId: fields.app_id ?? null,
        refundId: fields.trade_no ?? '',
        state: 'succeeded',
      },
    }
  }
  const amount = yuanToFen(fields.total_amount)
  if (!fields.out_trade_no || !fields.app_id || amount === null) return { ok: false, reason: 'bad_format', message: 'notify lacks fields' }
  return {
    ok: true,
    event: {
      kind: 'payment',
      outTradeNo: fields.out_trade_no,
      amount,
      appId: fields.app_id,
      merchantId: fields.seller_id ?? null,
      tradeId: fields.trade_no ?? '',
      success: fields.trade_status === 'TRADE_SUCCESS' || fields.trade_status === 'TRADE_FINISHED',
    },
  }
}

export class AlipayPay extends GatewayFacet<AlipayCore, AlipayPayApi> implements PayFacet {
  readonly id: ProviderId = 'alipay'

  async createPayment(order: PayOrder, payer: Payer): Promise<Created> {
    if (payer.platform !== 'alipay') throw new ProviderError('Alipay needs an Alipay user')
    // user_id (2088…) goes as buyer_id; an open_id (newer apps) as buyer_open_id.
    const buyer = /^2088\d{12}$/.test(payer.externalId) ? { buyerId: payer.externalId } : { buyerOpenId: payer.openId ?? payer.externalId }
    const res = await this.api.tradeCreate({
      outTradeNo: order.outTradeNo,
      totalAmount: fenToYuan(order.amount),
      subject: order.description.slice(0, 256),
      productCode: 'JSAPI_PAY',
      notifyUrl: this.notifyUrl,
      ...buyer,
    })
    if (!res.tradeNo) throw new ProviderError(`alipay.trade.create: ${res.code ?? ''} ${res.subMsg ?? ''}`)
    return { platformRef: res.tradeNo, params: { tradeNO: res.tradeNo } }
  }

  paramsFor(_order: PayOrder, tradeNo: string): ClientParams {
    return { tradeNO: tradeNo }
  }

  verifyNotify(raw: RawNotify): VerifyResult {
    return verifyAlipayNotify(this.core.sdk, raw)
  }

  async queryPayment(outTradeNo: string): Promise<QueryAnswer> {
    const t = await this.api.tradeQuery(outTradeNo)
    if (t.tradeStatus === 'TRADE_SUCCESS' || t.tradeStatus === 'TRADE_FINISHED') return { state: 'paid', amount: yuanToFen(t.totalAmount) ?? undefined, tradeId: t.tradeNo }
    if (t.tradeStatus === 'TRADE_CLOSED') return { state: 'closed' }
    return { state: 'pending' }
  }

  closePayment(outTradeNo: string): Promise<void> {
    return this.api.tradeClose(outTradeNo)
  }

  async refund(r: RefundOrder): Promise<RefundAnswer> {
    const res = await this.api
      .tradeRefund({ outTradeNo: r.outTradeNo, refundAmount: fenToYuan(r.amount), outRequestNo: r.outRefundNo, refundReason: r.reason.slice(0, 256) })
      .catch(alipayUnreachable)
    if (res.code === '10000' && res.fundChange === 'Y') return { state: 'succeeded', refundId: r.outRefundNo }
    // fundChange N: this request number was refunded before (a retry) or is still being processed.
    if (res.code === '10000') return this.queryRefund(r)
    if (res.subCode && ALIPAY_TRY_LATER.has(res.subCode)) return { state: 'pending', message: res.subMsg }
    return { state: 'failed', message: `${res.subCode ?? res.code ?? 'REFUSED'} ${res.subMsg ?? ''}`.trim() }
  }

  async queryRefund(r: RefundOrder): Promise<RefundAnswer> {
    const res = await this.api.refundQuery(r.outTradeNo, r.outRefundNo).catch(alipayUnreachable)
    if (res.code === '10000' && res.refundStatus === 'REFUND_SUCCESS' && yuanToFen(res.refundAmount) === r.amount) return { state: 'succeeded', refundId: r.outRefundNo }
    return { state: 'pending' }
  }
}

/** The trade calls through the core's SDK. */
export function liveAlipayPayApi(core: AlipayCore): AlipayPayApi {
  return {
    async tradeCreate(biz) {
      const { notifyUrl, ...rest } = biz
      return core.exec('alipay.trade.create', { notifyUrl, bizContent: rest })
    },
    async tradeQuery(outTradeNo) {
      return core.exec('alipay.trade.query', { bizContent: { outTradeNo } })
    },
    async tradeClose(outTradeNo) {
      await core.exec('alipay.trade.close', { bizContent: { outTradeNo } })
    },
    async tradeRefund(biz) {
      return core.exec('alipay.trade.refund', { bizContent: biz })
    },
    async refundQuery(outTradeNo, outRequestNo) {
      return core.exec('alipay.trade.fastpay.refund.query', { bizContent: { outTradeNo, outRequestNo } })
    },
  }
}
