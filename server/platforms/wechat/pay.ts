import { Formatter, Rsa } from 'wechatpay-axios-plugin'
import { ProviderError, unreachable, type ProviderId, type ClientParams, type Created, type PayFacet, type PayOrder, type Payer, type QueryAnswer, type RawNotify, type RefundAnswer, type RefundOrder, type VerifyResult, type WeappPayParams } from '../types'
import { GatewayFacet } from '../facet'
import { verifyWechatEnvelope, type WechatCore, type WechatKeys, type WechatpayClient } from './core'

/**
 * WeChat Pay API v3: JSAPI prepay, query, close, refunds. The calls to the platform go through
 * a WechatPayApi (the live client, or the sandbox playing the platform).
 */
export interface WechatPayApi {
  jsapiPrepay(body: Record<string, unknown>): Promise<{ prepay_id: string }>
  queryByOutTradeNo(outTradeNo: string): Promise<{ trade_state: string; amount?: { total?: number }; transaction_id?: string }>
  close(outTradeNo: string): Promise<void>
  /** POST /v3/refund/domestic/refunds. A 4xx answer comes back as {code, message}; a network or 5xx failure throws. */
  refund(body: Record<string, unknown>): Promise<WechatRefund>
  /** GET /v3/refund/domestic/refunds/{out_refund_no}. */
  queryRefund(outRefundNo: string): Promise<WechatRefund>
}

/** A refund as WeChat Pay reports it: status SUCCESS | PROCESSING | CLOSED | ABNORMAL, or a refusal code. */
export interface WechatRefund {
  refund_id?: string
  out_refund_no?: string
  status?: string
  code?: string
  message?: string
}

/** paySign = RSA-SHA256 over "appId\ntimeStamp\nnonceStr\npackage\n" with the merchant key. */
export function requestPaymentParams(keys: Pick<WechatKeys, 'appId' | 'merchantPrivateKey'>, prepayId: string, now: Date): WeappPayParams {
  const timeStamp = String(Math.floor(now.getTime() / 1000))
  const nonceStr = Formatter.nonce()
  const pkg = `prepay_id=${prepayId}`
  const paySign = Rsa.sign(Formatter.joinedByLineFeed(keys.appId, timeStamp, nonceStr, pkg), keys.merchantPrivateKey as never)
  return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign }
}

interface RefundResource {
  mchid?: string
  out_trade_no?: string
  out_refund_no?: string
  refund_id?: string
  refund_status?: string
  amount?: { refund?: number }
}
interface Transaction {
  appid?: string
  mchid?: string
  out_trade_no?: string
  transaction_id?: string
  trade_state?: string
  amount?: { total?: number; payer_total?: number }
}

/** A payment or refund notify (TRANSACTION.* / REFUND.*), verified by verifyWechatEnvelope. */
export function verifyWechatNotify(keys: Pick<WechatKeys, 'apiV3Key' | 'platformKeys'>, raw: RawNotify, now: Date): VerifyResult {
  const v = verifyWechatEnvelope(keys, raw, now)
  if (!v.ok) return v
  const eventType = v.eventType
  const tx = v.resource as Transaction
  if (eventType.startsWith('REFUND.')) return refundEvent(eventType, tx as RefundResource)
  if (!tx.out_trade_no || !tx.appid || typeof tx.amount?.total !== 'number') return { ok: false, reason: 'bad_format', message: 'transaction lacks fields' }
  return {
    ok: true,
    event: {
      kind: 'payment',
      outTradeNo: tx.out_trade_no,
      amount: tx.amount.total,
      appId: tx.appid,
      merchantId: tx.mchid ?? null,
      tradeId: tx.transaction_id ?? '',
      success: eventType === 'TRANSACTION.SUCCESS' && tx.trade_state === 'SUCCESS',
    },
  }
}

/** REFUND.SUCCESS, REFUND.ABNORMAL (the payer's account can't take it back) or REFUND.CLOSED. */
function refundEvent(eventType: string, r: RefundResource): VerifyResult {
  if (!r.out_trade_no || !r.out_refund_no || typeof r.amount?.refund !== 'number') return { ok: false, reason: 'bad_format', message: 'refund lacks fields' }
  const succeeded = eventType === 'REFUND.SUCCESS' && r.refund_status === 'SUCCESS'
  return {
    ok: true,
    event: {
      kind: 'refund',
      outTradeNo: r.out_trade_no,
      outRefundNo: r.out_refund_no,
      amount: r.amount.refund,
      merchantId: r.mchid ?? null,
      appId: null,
      refundId: r.refund_id ?? '',
      state: succeeded ? 'succeeded' : 'failed',
    },
  }
}

export function refundAnswer(r: WechatRefund): RefundAnswer {
  if (r.status === 'SUCCESS') return { state: 'succeeded', refundId: r.refund_id }
  if (r.status === 'PROCESSING') return { state: 'pending', refundId: r.refund_id }
  if (r.status === 'CLOSED' || r.status === 'ABNORMAL') return { state: 'failed', refundId: r.refund_id, message: r.status === 'ABNORMAL' ? '退款异常：买家账户无法入账，请在商户平台处理' : '退款已关闭' }
  return { state: 'failed', message: `${r.code ?? 'REFUSED'} ${r.message ?? ''}`.trim() }
}

const payUnreachable = unreachable('WeChat Pay')

export class WechatPay extends GatewayFacet<WechatCore, WechatPayApi> implements PayFacet {
  readonly id: ProviderId = 'wechat'

  async createPayment(order: PayOrder, payer: Payer): Promise<Created> {
    const openid = payer.openId ?? payer.externalId
    if (payer.platform !== 'weapp' || !openid) throw new ProviderError('WeChat Pay needs a WeChat user (openid)')
    const { prepay_id } = await this.api.jsapiPrepay({
      appid: this.core.keys.appId,
      mchid: this.core.keys.mchId,
      description: order.description.slice(0, 127),
      out_trade_no: order.outTradeNo,
      notify_url: this.notifyUrl,
      amount: { total: order.amount, currency: 'CNY' },
      payer: { openid },
    })
    if (!prepay_id) throw new ProviderError('WeChat Pay gave no prepay_id')
    return { platformRef: prepay_id, params: this.paramsFor(order, prepay_id) }
  }

  paramsFor(_order: PayOrder, prepayId: string): ClientParams {
    return requestPaymentParams(this.core.keys, prepayId, this.core.now())
  }

  verifyNotify(raw: RawNotify): VerifyResult {
    return verifyWechatNotify(this.core.keys, raw, this.core.now())
  }

  async queryPayment(outTradeNo: string): Promise<QueryAnswer> {
    const t = await this.api.queryByOutTradeNo(outTradeNo)
    if (t.trade_state === 'SUCCESS') return { state: 'paid', amount: t.amount?.total, tradeId: t.transaction_id }
    if (t.trade_state === 'CLOSED' || t.trade_state === 'REVOKED' || t.trade_state === 'PAYERROR') return { state: 'closed' }
    return { state: 'pending' }
  }

  closePayment(outTradeNo: string): Promise<void> {
    return this.api.close(outTradeNo)
  }

  async refund(r: RefundOrder): Promise<RefundAnswer> {
    const res = await this.api
      .refund({
        ...(r.tradeId ? { transaction_id: r.tradeId } : { out_trade_no: r.outTradeNo }),
        out_refund_no: r.outRefundNo,
        reason: r.reason.slice(0, 80),
        notify_url: this.notifyUrl,
        amount: { refund: r.amount, total: r.total, currency: 'CNY' },
      })
      .catch(payUnreachable)
    return refundAnswer(res)
  }

  async queryRefund(r: RefundOrder): Promise<RefundAnswer> {
    return refundAnswer(await this.api.queryRefund(r.outRefundNo).catch(payUnreachable))
  }
}

/** WeChat Pay through the core's v3 client. */
export function liveWechatPayApi(client: WechatpayClient, mchId: string): WechatPayApi {
  return {
    async jsapiPrepay(body) {
      const res = await client.v3.pay.transactions.jsapi.post(body)
      return res.data as { prepay_id: string }
    },
    async queryByOutTradeNo(outTradeNo) {
      const res = await client.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: mchId }, out_trade_no: outTradeNo })
      return res.data
    },
    async close(outTradeNo) {
      await client.v3.pay.transactions.outTradeNo._out_trade_no_.close.post({ mchid: mchId }, { out_trade_no: outTradeNo })
    },
    async refund(body) {
      return refused(() => client.v3.refund.domestic.refunds.post(body))
    },
    async queryRefund(outRefundNo) {
      return refused(() => client.v3.refund.domestic.refunds._out_refund_no_.get({ out_refund_no: outRefundNo }))
    },
  }
}

/** A 4xx from WeChat Pay is its answer ({code, message}: NOT_ENOUGH, INVALID_REQUEST…); anything else is an outage. */
async function refused(call: () => Promise<{ data: WechatRefund }>): Promise<WechatRefund> {
  try {
    return (await call()).data
  } catch (err) {
    const res = (err as { response?: { status?: number; data?: WechatRefund } }).response
    if (res?.status && res.status >= 400 && res.status < 500 && res.data?.code) return { code: res.data.code, message: res.data.message }
    throw err
  }
}
