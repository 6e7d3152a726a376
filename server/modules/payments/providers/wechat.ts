import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin'
import type { ClientParams, Created, PayOrder, Payer, PaymentProvider, QueryAnswer, RawNotify, RefundAnswer, RefundOrder, VerifyResult, WeappPayParams } from './types'
import { ProviderError } from './types'

/**
 * WeChat Pay API v3. Signing, notify verification and resource decryption use
 * wechatpay-axios-plugin's Rsa / Aes / Formatter helpers; the calls to the platform go
 * through a WechatApi (the live HTTP client, or the sandbox playing the platform).
 */
export interface WechatKeys {
  appId: string
  mchId: string
  /** The merchant's API private key (signs paySign and requests). */
  merchantPrivateKey: KeyObject | string
  /** APIv3 key: 32 bytes of text, the AES-256-GCM key of notify resources. */
  apiV3Key: string
  /** Platform verification keys by Wechatpay-Serial: the platform public key id (public-key mode) or certificate serials. */
  platformKeys: Map<string, KeyObject | string>
}

/** What the platform does for us; the live client and the sandbox both implement it. */
export interface WechatApi {
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

/** Notifies older than this (or this far in the future) are replays or clock trouble. */
export const MAX_NOTIFY_SKEW_SEC = 300

/** paySign = RSA-SHA256 over "appId\ntimeStamp\nnonceStr\npackage\n" with the merchant key. */
export function requestPaymentParams(keys: Pick<WechatKeys, 'appId' | 'merchantPrivateKey'>, prepayId: string, now: Date): WeappPayParams {
  const timeStamp = String(Math.floor(now.getTime() / 1000))
  const nonceStr = Formatter.nonce()
  const pkg = `prepay_id=${prepayId}`
  const paySign = Rsa.sign(Formatter.joinedByLineFeed(keys.appId, timeStamp, nonceStr, pkg), keys.merchantPrivateKey as never)
  return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign }
}

interface NotifyBody {
  id?: string
  event_type?: string
  resource_type?: string
  resource?: { algorithm?: string; ciphertext?: string; associated_data?: string; nonce?: string; original_type?: string }
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

/**
 * Verifies Wechatpay-Signature over "timestamp\nnonce\nbody\n" with the platform key named by
 * Wechatpay-Serial, refuses stale timestamps, then decrypts the AES-256-GCM resource.
 * Signature probes (WECHATPAY/SIGNTEST/…) fail here on purpose. Shared by every v3 notify
 * (payments, refunds, Pay Score in server/modules/credit): one verification code path.
 */
export function verifyWechatEnvelope(
  keys: Pick<WechatKeys, 'apiV3Key' | 'platformKeys'>,
  raw: RawNotify,
  now: Date,
): { ok: true; eventType: string; resource: Record<string, unknown> } | { ok: false; reason: 'bad_signature' | 'bad_format'; message: string } {
  const signature = raw.headers['wechatpay-signature']
  const timestamp = raw.headers['wechatpay-timestamp']
  const nonce = raw.headers['wechatpay-nonce']
  const serial = raw.headers['wechatpay-serial']
  if (!signature || !timestamp || !nonce || !serial) return { ok: false, reason: 'bad_signature', message: 'missing Wechatpay-* headers' }
  const key = keys.platformKeys.get(serial)
  if (!key) return { ok: false, reason: 'bad_signature', message: 'unknown Wechatpay-Serial' }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_NOTIFY_SKEW_SEC)
    return { ok: false, reason: 'bad_signature', message: 'stale or bad Wechatpay-Timestamp' }
  let valid = false
  try {
    valid = Rsa.verify(Formatter.response(timestamp, nonce, raw.body), signature, key as never)
  } catch {
    valid = false
  }
  if (!valid) return { ok: false, reason: 'bad_signature', message: 'signature does not verify' }
  try {
    const body = JSON.parse(raw.body) as NotifyBody
    const r = body.resource
    if (!r || r.algorithm !== 'AEAD_AES_256_GCM' || !r.ciphertext || !r.nonce) throw new Error('no resource')
    const resource = JSON.parse(Aes.AesGcm.decrypt(r.ciphertext, keys.apiV3Key, r.nonce, r.associated_data ?? '')) as Record<string, unknown>
    return { ok: true, eventType: body.event_type ?? '', resource }
  } catch {
    return { ok: false, reason: 'bad_format', message: 'resource does not decrypt' }
  }
}

/** A payment or refund notify (TRANSACTION.* / REFUND.*), verified by verifyWechatEnvelope. */
export function verifyWechatNotify(keys: Pick<WechatKeys, 'apiV3Key' | 'platformKeys'>, raw: RawNotify, now: Date): VerifyResult {
  const v = verifyWechatEnvelope(keys, raw, now)
  if (!v.ok) return v
  const body = { event_type: v.eventType }
  const tx = v.resource as Transaction
  if (body.event_type?.startsWith('REFUND.')) return refundEvent(body.event_type, tx as RefundResource)
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
      success: body.event_type === 'TRANSACTION.SUCCESS' && tx.trade_state === 'SUCCESS',
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

/**
 * Keys parsed once: parsing PEM text costs about five times the RSA check itself, and every
 * notify and every paySign would pay it again.
 */
export function parsedWechatKeys(keys: WechatKeys): WechatKeys {
  const platformKeys = new Map<string, KeyObject>()
  for (const [serial, key] of keys.platformKeys) platformKeys.set(serial, typeof key === 'string' ? createPublicKey(key) : key)
  const merchantPrivateKey = typeof keys.merchantPrivateKey === 'string' ? createPrivateKey(keys.merchantPrivateKey) : keys.merchantPrivateKey
  return { ...keys, merchantPrivateKey, platformKeys }
}

export class WechatProvider implements PaymentProvider {
  readonly id = 'wechat' as const
  private readonly keys: WechatKeys
  constructor(
    keys: WechatKeys,
    private readonly api: WechatApi,
    private readonly notifyUrl: string,
    private readonly now: () => Date,
    readonly sandbox = false,
  ) {
    this.keys = parsedWechatKeys(keys)
  }

  get appId(): string {
    return this.keys.appId
  }
  get merchantId(): string {
    return this.keys.mchId
  }

  async createPayment(order: PayOrder, payer: Payer): Promise<Created> {
    const openid = payer.openId ?? payer.externalId
    if (payer.platform !== 'weapp' || !openid) throw new ProviderError('WeChat Pay needs a WeChat user (openid)')
    const { prepay_id } = await this.api.jsapiPrepay({
      appid: this.keys.appId,
      mchid: this.keys.mchId,
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
    return requestPaymentParams(this.keys, prepayId, this.now())
  }

  verifyNotify(raw: RawNotify): VerifyResult {
    return verifyWechatNotify(this.keys, raw, this.now())
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
      .catch(unreachable)
    return refundAnswer(res)
  }

  async queryRefund(r: RefundOrder): Promise<RefundAnswer> {
    return refundAnswer(await this.api.queryRefund(r.outRefundNo).catch(unreachable))
  }
}

function unreachable(err: unknown): never {
  throw new ProviderError(`WeChat Pay unreachable: ${(err as Error).message}`)
}

/** The live platform through wechatpay-axios-plugin (signs requests, verifies answers with the platform keys). */
export function liveWechatApi(keys: WechatKeys, merchantSerial: string): WechatApi {
  const certs: Record<string, string> = {}
  for (const [serial, key] of keys.platformKeys) certs[serial] = typeof key === 'string' ? key : (key.export({ type: 'spki', format: 'pem' }) as string)
  const privateKey = typeof keys.merchantPrivateKey === 'string' ? keys.merchantPrivateKey : (keys.merchantPrivateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wxpay = new Wechatpay({ mchid: keys.mchId, serial: merchantSerial, privateKey, certs }) as any
  return {
    async jsapiPrepay(body) {
      const res = await wxpay.v3.pay.transactions.jsapi.post(body)
      return res.data as { prepay_id: string }
    },
    async queryByOutTradeNo(outTradeNo) {
      const res = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: keys.mchId }, out_trade_no: outTradeNo })
      return res.data
    },
    async close(outTradeNo) {
      await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.close.post({ mchid: keys.mchId }, { out_trade_no: outTradeNo })
    },
    async refund(body) {
      return refused(() => wxpay.v3.refund.domestic.refunds.post(body))
    },
    async queryRefund(outRefundNo) {
      return refused(() => wxpay.v3.refund.domestic.refunds._out_refund_no_.get({ out_refund_no: outRefundNo }))
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
