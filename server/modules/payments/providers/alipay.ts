import { AlipaySdk } from 'alipay-sdk'
import type { ClientParams, Created, PayOrder, Payer, PaymentProvider, QueryAnswer, RawNotify, RefundAnswer, RefundOrder, VerifyResult } from './types'
import { ProviderError } from './types'

/**
 * Alipay open platform: alipay.trade.create for the mini-program payer (buyer_id or
 * buyer_open_id) returning trade_no, notify verification with alipay-sdk's
 * checkNotifySignV2 (RSA2 over the sorted raw fields), trade.query, trade.close, trade.refund
 * (answers at once) and fastpay.refund.query.
 */
export interface AlipayKeys {
  appId: string
  /** The app's private key (signs requests). */
  privateKey: string
  /** Alipay's public key (verifies notifies and answers). */
  alipayPublicKey: string
  /** The merchant PID (2088…) a notify's seller_id must name; unchecked when unknown. */
  sellerId: string | null
}

/** What the platform does for us; the live SDK and the sandbox both implement it. */
export interface AlipayApi {
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

/** "199.00" (yuan, as Alipay writes amounts) -> 19900 fen; null when it isn't an amount. */
export function yuanToFen(text: string | undefined): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text ?? '')
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** A verifier-only SDK instance: checkNotifySignV2 needs alipayPublicKey, the constructor a private key. */
export function alipayVerifier(keys: Pick<AlipayKeys, 'appId' | 'privateKey' | 'alipayPublicKey'>): AlipaySdk {
  return new AlipaySdk({ appId: keys.appId, privateKey: keys.privateKey, alipayPublicKey: keys.alipayPublicKey })
}

/**
 * Checks a form-encoded Alipay notify's RSA2 signature (body as it arrived) and answers its
 * fields. Shared by every Alipay notify (payments, refunds, fund authorisation and Sesame
 * credit in server/modules/credit): one verification code path.
 */
export function verifyAlipayFields(sdk: AlipaySdk, raw: RawNotify): { ok: true; fields: Record<string, string> } | { ok: false; reason: 'bad_signature' | 'bad_format'; message: string } {
  const fields: Record<string, string> = {}
  try {
    for (const [k, v] of new URLSearchParams(raw.body)) fields[k] = v
  } catch {
    return { ok: false, reason: 'bad_format', message: 'not a form body' }
  }
  if (!fields.sign) return { ok: false, reason: 'bad_signature', message: 'no sign' }
  if (fields.sign_type && fields.sign_type !== 'RSA2') return { ok: false, reason: 'bad_signature', message: 'sign_type must be RSA2' }
  let valid = false
  try {
    valid = sdk.checkNotifySignV2(fields)
  } catch {
    valid = false
  }
  if (!valid) return { ok: false, reason: 'bad_signature', message: 'signature does not verify' }
  return { ok: true, fields }
}

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

export class AlipayProvider implements PaymentProvider {
  readonly id = 'alipay' as const
  private readonly verifier: AlipaySdk
  constructor(
    private readonly keys: AlipayKeys,
    private readonly api: AlipayApi,
    private readonly notifyUrl: string,
    readonly sandbox = false,
  ) {
    this.verifier = alipayVerifier(keys)
  }

  get appId(): string {
    return this.keys.appId
  }
  get merchantId(): string | null {
    return this.keys.sellerId
  }

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
    return verifyAlipayNotify(this.verifier, raw)
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
      .catch(unreachable)
    if (res.code === '10000' && res.fundChange === 'Y') return { state: 'succeeded', refundId: r.outRefundNo }
    // fundChange N: this request number was refunded before (a retry) or is still being processed.
    if (res.code === '10000') return this.queryRefund(r)
    if (res.subCode && ALIPAY_TRY_LATER.has(res.subCode)) return { state: 'pending', message: res.subMsg }
    return { state: 'failed', message: `${res.subCode ?? res.code ?? 'REFUSED'} ${res.subMsg ?? ''}`.trim() }
  }

  async queryRefund(r: RefundOrder): Promise<RefundAnswer> {
    const res = await this.api.refundQuery(r.outTradeNo, r.outRefundNo).catch(unreachable)
    if (res.code === '10000' && res.refundStatus === 'REFUND_SUCCESS' && yuanToFen(res.refundAmount) === r.amount) return { state: 'succeeded', refundId: r.outRefundNo }
    return { state: 'pending' }
  }
}

function unreachable(err: unknown): never {
  throw new ProviderError(`Alipay unreachable: ${(err as Error).message}`)
}

/** The live platform through alipay-sdk (curl-style exec, answers verified by the SDK). */
export function liveAlipayApi(keys: AlipayKeys): AlipayApi {
  const sdk = new AlipaySdk({ appId: keys.appId, privateKey: keys.privateKey, alipayPublicKey: keys.alipayPublicKey })
  return {
    async tradeCreate(biz) {
      const { notifyUrl, ...rest } = biz
      return (await sdk.exec('alipay.trade.create', { notifyUrl, bizContent: rest })) as { tradeNo?: string; code?: string; subMsg?: string }
    },
    async tradeQuery(outTradeNo) {
      return (await sdk.exec('alipay.trade.query', { bizContent: { outTradeNo } })) as { tradeStatus?: string; totalAmount?: string; tradeNo?: string; code?: string }
    },
    async tradeClose(outTradeNo) {
      await sdk.exec('alipay.trade.close', { bizContent: { outTradeNo } })
    },
    async tradeRefund(biz) {
      return (await sdk.exec('alipay.trade.refund', { bizContent: biz })) as { code?: string; fundChange?: string; refundFee?: string; subCode?: string; subMsg?: string }
    },
    async refundQuery(outTradeNo, outRequestNo) {
      return (await sdk.exec('alipay.trade.fastpay.refund.query', { bizContent: { outTradeNo, outRequestNo } })) as { code?: string; refundStatus?: string; refundAmount?: string }
    },
  }
}
