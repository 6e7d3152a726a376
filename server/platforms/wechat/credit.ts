import crypto from 'node:crypto'
import { Formatter } from 'wechatpay-axios-plugin'
import type { WeappCreditConfirm } from '../../../src/domain/contract'
import { ProviderError, unreachable, type ProviderId, type CreditChargeAnswer, type CreditChargeRequest, type CreditCreated, type CreditFacet, type CreditOrderRequest, type CreditQueryAnswer, type CreditVerify, type Payer, type RawNotify } from '../types'
import { GatewayFacet } from '../facet'
import { verifyWechatEnvelope, type WechatCore, type WechatKeys, type WechatpayClient } from './core'

/**
 * WeChat Pay Score (微信支付分), API v3:
 * - POST /v3/payscore/serviceorder with need_user_confirm true answers a `package`; the app
 *   opens wx.openBusinessView({businessType: 'wxpayScoreUse', extraData}) with it.
 * - The shopper's confirm arrives as a v3 notify PAYSCORE.USER_CONFIRM, the collection as
 *   PAYSCORE.USER_PAID: the same headers, RSA signature and AES-256-GCM resource as pay
 *   notifies, verified by the core's verifyWechatEnvelope (one code path, not a copy).
 * - POST /v3/payscore/serviceorder/{out_order_no}/complete with total_amount and
 *   post_payments at return / collect; /cancel before use; GET to reconcile.
 * Pay Score has no partial waiver: a confirmed service order covers the whole risk fund
 * (waived = deposit). The notify's risk_fund.amount is what we read as the waived part; the
 * sandbox sends less than the deposit to model "partial / deny" (the shopper agreed to have
 * the rest frozen), which real Pay Score never does: on WeChat a refusal is simply no confirm.
 */

/** What Pay Score does for us; the live client and the sandbox both implement it. */
export interface PayScoreApi {
  create(body: Record<string, unknown>): Promise<{ package?: string; order_id?: string; state?: string }>
  complete(outOrderNo: string, body: Record<string, unknown>): Promise<PayScoreOrder>
  cancel(outOrderNo: string, body: Record<string, unknown>): Promise<void>
  query(outOrderNo: string): Promise<PayScoreOrder>
}

/** A service order as Pay Score reports it: CREATED, DOING, DONE, REVOKED, EXPIRED. */
export interface PayScoreOrder {
  out_order_no?: string
  order_id?: string
  state?: string
  state_description?: string
  risk_fund?: { name?: string; amount?: number }
  total_amount?: number
  collection?: { state?: string; paid_amount?: number }
}

/**
 * extraData.sign for wxpayScoreUse: the fields sorted by name in ASCII order as
 * "k=v&k=v", then "&key=" and the merchant key, HMAC-SHA256 with that key, uppercase hex.
 * This is WeChat Pay's v2 "签名算法" (安全规范) applied to mch_id, package, timestamp,
 * nonce_str, sign_type; Pay Score's docs name the APIv3 key as the key (not verified against
 * a live merchant here).
 */
export function payScoreSign(fields: Record<string, string>, key: string): string {
  const text = Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&')
  return crypto.createHmac('sha256', key).update(`${text}&key=${key}`, 'utf8').digest('hex').toUpperCase()
}

export function payScoreExtraData(mchId: string, pkg: string, key: string, now: Date): WeappCreditConfirm {
  const base = { mch_id: mchId, package: pkg, timestamp: String(Math.floor(now.getTime() / 1000)), nonce_str: Formatter.nonce(), sign_type: 'HMAC-SHA256' as const }
  return { businessType: 'wxpayScoreUse', extraData: { ...base, sign: payScoreSign(base, key) } }
}

/** Pay Score's YYYYMMDDHHmmss in China time. */
function wxTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14)
}

const RISK_NAME: Record<CreditOrderRequest['kind'], string> = { rental: 'DEPOSIT', pay_after_use: 'ESTIMATE_ORDER_COST', membership: 'ESTIMATE_ORDER_COST' }

interface ScoreResource {
  appid?: string
  mchid?: string
  out_order_no?: string
  order_id?: string
  state?: string
  risk_fund?: { amount?: number }
  total_amount?: number
  collection?: { state?: string; paid_amount?: number }
}

export function verifyPayScoreNotify(keys: Pick<WechatKeys, 'apiV3Key' | 'platformKeys'>, raw: RawNotify, now: Date): CreditVerify {
  const v = verifyWechatEnvelope(keys, raw, now)
  if (!v.ok) return v
  const r = v.resource as ScoreResource
  if (!r.out_order_no) return { ok: false, reason: 'bad_format', message: 'service order lacks out_order_no' }
  const base = { outOrderNo: r.out_order_no, platformId: r.order_id, appId: r.appid ?? null, merchantId: r.mchid ?? null }
  if (v.eventType === 'PAYSCORE.USER_CONFIRM') {
    if (typeof r.risk_fund?.amount !== 'number') return { ok: false, reason: 'bad_format', message: 'USER_CONFIRM lacks risk_fund' }
    return { ok: true, event: { ...base, type: 'confirmed', waived: r.risk_fund.amount } }
  }
  if (v.eventType === 'PAYSCORE.USER_PAID') {
    const amount = r.collection?.paid_amount ?? r.total_amount
    if (typeof amount !== 'number') return { ok: false, reason: 'bad_format', message: 'USER_PAID lacks the amount' }
    return { ok: true, event: { ...base, type: 'charged', amount } }
  }
  // Other Pay Score events are received and change nothing.
  return { ok: true, event: null }
}

const payScoreUnreachable = unreachable('Pay Score')

export class WechatPayScore extends GatewayFacet<WechatCore, PayScoreApi> implements CreditFacet {
  readonly id: ProviderId = 'wechat'
  constructor(
    core: WechatCore,
    api: PayScoreApi,
    notifyUrl: string,
    /** The Pay Score service id (WECHAT_PAYSCORE_SERVICE_ID). */
    private readonly serviceId: string,
  ) {
    super(core, api, notifyUrl)
  }

  async create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated> {
    const openid = user.openId ?? user.externalId
    if (user.platform !== 'weapp' || !openid) throw new ProviderError('Pay Score needs a WeChat user (openid)')
    const start = this.core.now()
    const days = req.days ?? 30
    const res = await this.api
      .create({
        appid: this.core.keys.appId,
        service_id: this.serviceId,
        out_order_no: req.outOrderNo,
        service_introduction: req.title.slice(0, 20),
        // OnAccept: the service starts once the shopper confirms (Pay Score's own wording).
        time_range: { start_time: 'OnAccept', end_time: wxTime(new Date(start.getTime() + days * 86_400_000)) },
        risk_fund: { name: RISK_NAME[req.kind], amount: req.amount },
        post_payments: req.dailyRate ? [{ name: '租金', amount: req.dailyRate * days, description: `${days}天×${(req.dailyRate / 100).toFixed(2)}元` }] : undefined,
        notify_url: this.notifyUrl,
        openid,
        need_user_confirm: true,
      })
      .catch(payScoreUnreachable)
    if (!res.package) throw new ProviderError('Pay Score gave no package')
    return { confirmRef: res.package, confirm: this.confirmFor(req, res.package) }
  }

  confirmFor(_req: CreditOrderRequest, pkg: string) {
    return payScoreExtraData(this.core.keys.mchId, pkg, this.core.keys.apiV3Key, this.core.now())
  }

  verifyNotify(raw: RawNotify): CreditVerify {
    return verifyPayScoreNotify(this.core.keys, raw, this.core.now())
  }

  async charge(req: CreditChargeRequest): Promise<CreditChargeAnswer> {
    const o = await this.api
      .complete(req.outOrderNo, {
        appid: this.core.keys.appId,
        service_id: this.serviceId,
        post_payments: [{ name: req.description.slice(0, 20), amount: req.charge }],
        total_amount: req.charge,
        time_range: { end_time: wxTime(this.core.now()) },
      })
      .catch(payScoreUnreachable)
    // complete answers at once; the money itself is reported by PAYSCORE.USER_PAID (or a query).
    if (o.state === 'DONE' && (req.charge === 0 || o.collection?.state === 'USER_PAID')) return { state: 'done', reference: o.order_id ?? req.outOrderNo }
    if (o.state === 'DOING' || o.state === 'DONE') return { state: 'pending', reference: o.order_id }
    return { state: 'failed', message: `Pay Score complete: ${o.state ?? 'refused'}` }
  }

  async cancel(req: { outOrderNo: string }): Promise<void> {
    await this.api.cancel(req.outOrderNo, { appid: this.core.keys.appId, service_id: this.serviceId, reason: '用户取消' }).catch(payScoreUnreachable)
  }

  async query(req: { outOrderNo: string; authorized: number }): Promise<CreditQueryAnswer> {
    const o = await this.api.query(req.outOrderNo).catch(payScoreUnreachable)
    if (o.state === 'DONE' && o.collection?.state === 'USER_PAID') return { state: 'charged', amount: o.collection.paid_amount ?? o.total_amount, platformId: o.order_id }
    if (o.state === 'DOING') return { state: 'confirmed', waived: o.risk_fund?.amount ?? req.authorized, platformId: o.order_id }
    if (o.state === 'REVOKED' || o.state === 'EXPIRED') return { state: 'cancelled' }
    return { state: 'waiting' }
  }
}

/** Pay Score through the core's v3 client. */
export function livePayScoreApi(client: WechatpayClient, keys: { appId: string; serviceId: string }): PayScoreApi {
  return {
    async create(body) {
      return (await client.v3.payscore.serviceorder.post(body)).data
    },
    async complete(outOrderNo, body) {
      return (await client.v3.payscore.serviceorder._out_order_no_.complete.post(body, { out_order_no: outOrderNo })).data
    },
    async cancel(outOrderNo, body) {
      await client.v3.payscore.serviceorder._out_order_no_.cancel.post(body, { out_order_no: outOrderNo })
    },
    async query(outOrderNo) {
      return (await client.v3.payscore.serviceorder.get({ params: { out_order_no: outOrderNo, service_id: keys.serviceId, appid: keys.appId } })).data
    },
  }
}
