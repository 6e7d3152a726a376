import type { AlipaySdk } from 'alipay-sdk'
import type { CreditConfirmParams } from '../../../src/domain/contract'
import { ProviderError, type ProviderId, type CreditChargeAnswer, type CreditChargeRequest, type CreditCreated, type CreditFacet, type CreditOrderRequest, type CreditQueryAnswer, type CreditVerify, type Payer, type RawNotify } from '../types'
import { GatewayFacet } from '../facet'
import { alipayUnreachable, fenToYuan, verifyAlipayFields, yuanToFen, type AlipayAnswer, type AlipayCore } from './core'

/**
 * Sesame credit (芝麻信用) through alipay-sdk.
 *
 * Rental (芝麻免押): alipay.fund.auth.order.app.freeze (product_code PRE_AUTH_ONLINE,
 * deposit_product_mode POSTPAY, extra_param {category, serviceId}) through sdkExecute gives
 * the orderStr the app hands to my.tradePay. Its notify (form, RSA2, checked by the core's
 * verifyAlipayFields) carries auth_no, out_order_no, operation_type FREEZE, status, amount and
 * the split we rely on: credit_amount (what Sesame waived) and fund_amount (frozen from the
 * shopper). Those two names are the ones the freeze API's answer documents (Alipay open
 * platform reference for alipay.fund.auth.order.app.freeze, as mirrored on zhifubao.apifox.cn);
 * that the asynchronous notify uses the same names is our reading, not checked live.
 * Settlement: alipay.trade.pay with auth_no, product_code PRE_AUTH_ONLINE and
 * auth_confirm_mode COMPLETE (the rest of the authorisation is unfrozen by Alipay), or
 * alipay.fund.auth.order.unfreeze of everything when nothing is charged. Cancel before use:
 * alipay.fund.auth.operation.cancel.
 *
 * Pay after use and light membership (芝麻先享): the credit agreement is signed once with
 * zhima.credit.payafteruse.creditagreement.sign; its orderStr (sdkExecute) goes to the app like
 * the freeze's. The app-side call for that signing may not be my.tradePay on every Alipay
 * client (Alipay also documents a sign page); we hand the app an orderStr either way and say
 * so here. Each collection is zhima.credit.payafteruse.creditbizorder.create then .finish
 * (query to reconcile). The agreement notify's field names (out_agreement_no,
 * credit_agreement_id, agreement_status) are assumed from the API's request/answer names.
 */
export interface SesameService {
  /** The Sesame service id (extra_param.serviceId) and category configured for the merchant. */
  serviceId: string
  category: string
}

/** What Sesame does for us; the live SDK and the sandbox both implement it. */
export interface SesameApi {
  /** sdkExecute: the signed orderStr for my.tradePay. */
  orderStr(method: 'alipay.fund.auth.order.app.freeze' | 'zhima.credit.payafteruse.creditagreement.sign', biz: Record<string, unknown>, notifyUrl: string): string
  exec(method: string, biz: Record<string, unknown>): Promise<AlipayAnswer>
}

export function verifySesameNotify(sdk: AlipaySdk, raw: RawNotify): CreditVerify {
  const v = verifyAlipayFields(sdk, raw)
  if (!v.ok) return v
  const f = v.fields
  const base = { appId: f.app_id ?? null, merchantId: f.seller_id ?? f.payee_user_id ?? null }
  if (f.operation_type === 'FREEZE' && f.out_order_no) {
    if (f.status === 'CLOSED') return { ok: true, event: { ...base, outOrderNo: f.out_order_no, type: 'cancelled', platformId: f.auth_no } }
    if (f.status !== 'SUCCESS') return { ok: true, event: null }
    const waived = yuanToFen(f.credit_amount ?? '0.00')
    const frozen = yuanToFen(f.fund_amount ?? '0.00')
    const amount = yuanToFen(f.amount)
    if (waived === null || frozen === null || amount === null || !f.auth_no) return { ok: false, reason: 'bad_format', message: 'freeze notify lacks amounts' }
    return { ok: true, event: { ...base, outOrderNo: f.out_order_no, type: 'confirmed', waived, frozen, amount, platformId: f.auth_no } }
  }
  if (f.out_agreement_no) {
    const s = f.agreement_status
    const type = s === 'VALID' ? 'confirmed' : s === 'REFUSED' ? 'denied' : s === 'INVALID' || s === 'UNSIGN' ? 'cancelled' : null
    if (!type) return { ok: true, event: null }
    return { ok: true, event: { ...base, outOrderNo: f.out_agreement_no, type, platformId: f.credit_agreement_id } }
  }
  // Unfreeze and trade notifies of our own settlements: received, nothing to change (the call answered already).
  return { ok: true, event: null }
}

export class AlipaySesame extends GatewayFacet<AlipayCore, SesameApi> implements CreditFacet {
  readonly id: ProviderId = 'alipay'
  constructor(
    core: AlipayCore,
    api: SesameApi,
    notifyUrl: string,
    private readonly service: SesameService,
  ) {
    super(core, api, notifyUrl)
  }

  private orderStr(req: CreditOrderRequest): string {
    if (req.kind === 'rental') {
      return this.api.orderStr(
        'alipay.fund.auth.order.app.freeze',
        {
          out_order_no: req.outOrderNo,
          out_request_no: `${req.outOrderNo}F`,
          order_title: req.title.slice(0, 100),
          amount: fenToYuan(req.amount),
          product_code: 'PRE_AUTH_ONLINE',
          // POSTPAY: the fee is settled later from the authorisation (rental), with credit covering what Sesame allows.
          deposit_product_mode: 'POSTPAY',
          extra_param: JSON.stringify({ category: this.service.category, serviceId: this.service.serviceId }),
          ...(this.core.keys.sellerId ? { payee_user_id: this.core.keys.sellerId } : {}),
        },
        this.notifyUrl,
      )
    }
    return this.api.orderStr(
      'zhima.credit.payafteruse.creditagreement.sign',
      { out_agreement_no: req.outOrderNo, zm_service_id: this.service.serviceId, category_id: this.service.category, title: req.title.slice(0, 64) },
      this.notifyUrl,
    )
  }

  async create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated> {
    if (user.platform !== 'alipay' && !this.sandbox) throw new ProviderError('Sesame credit needs an Alipay user')
    const orderStr = this.orderStr(req)
    return { confirmRef: orderStr, confirm: { orderStr } }
  }

  confirmFor(_req: CreditOrderRequest, orderStr: string): CreditConfirmParams {
    return { orderStr }
  }

  verifyNotify(raw: RawNotify): CreditVerify {
    return verifySesameNotify(this.core.sdk, raw)
  }

  async charge(req: CreditChargeRequest): Promise<CreditChargeAnswer> {
    if (req.kind === 'rental') {
      if (req.charge === 0) {
        const r = await this.api
          .exec('alipay.fund.auth.order.unfreeze', { auth_no: req.platformId, out_request_no: req.outRequestNo, amount: fenToYuan(req.authorized), remark: '租赁结束，解冻押金' })
          .catch(alipayUnreachable)
        return r.code === '10000' ? { state: 'done', reference: req.outRequestNo } : refusal(r)
      }
      const r = await this.api
        .exec('alipay.trade.pay', {
          out_trade_no: req.outRequestNo,
          auth_no: req.platformId,
          product_code: 'PRE_AUTH_ONLINE',
          total_amount: fenToYuan(req.charge),
          subject: req.description.slice(0, 256),
          // COMPLETE: Alipay unfreezes what this payment does not take.
          auth_confirm_mode: 'COMPLETE',
        })
        .catch(alipayUnreachable)
      if (r.code === '10000') return { state: 'done', reference: String(r.tradeNo ?? req.outRequestNo) }
      if (r.code === '10003') return { state: 'pending', reference: req.outRequestNo }
      return refusal(r)
    }
    if (req.charge === 0) return { state: 'done', reference: req.outRequestNo }
    const created = await this.api
      .exec('zhima.credit.payafteruse.creditbizorder.create', { out_order_no: req.outRequestNo, credit_agreement_id: req.platformId, total_amount: fenToYuan(req.charge), subject: req.description.slice(0, 64) })
      .catch(alipayUnreachable)
    if (created.code !== '10000') return refusal(created)
    const finished = await this.api
      .exec('zhima.credit.payafteruse.creditbizorder.finish', { out_request_no: `${req.outRequestNo}F`, credit_biz_order_id: created.creditBizOrderId, total_amount: fenToYuan(req.charge) })
      .catch(alipayUnreachable)
    if (finished.code === '10000') return { state: finished.orderStatus === 'FINISHED' || !finished.orderStatus ? 'done' : 'pending', reference: String(created.creditBizOrderId ?? req.outRequestNo) }
    return refusal(finished)
  }

  async cancel(req: { kind: CreditOrderRequest['kind']; outOrderNo: string; platformId: string | null; authorized: number }): Promise<void> {
    if (req.kind === 'rental') {
      await this.api.exec('alipay.fund.auth.operation.cancel', { out_order_no: req.outOrderNo, out_request_no: `${req.outOrderNo}F`, remark: '取消租赁' }).catch(alipayUnreachable)
      return
    }
    if (req.platformId) await this.api.exec('zhima.credit.payafteruse.creditagreement.unsign', { credit_agreement_id: req.platformId }).catch(alipayUnreachable)
  }

  async query(req: { kind: CreditOrderRequest['kind']; outOrderNo: string; authorized: number }): Promise<CreditQueryAnswer> {
    if (req.kind === 'rental') {
      const r = await this.api.exec('alipay.fund.auth.operation.detail.query', { out_order_no: req.outOrderNo, out_request_no: `${req.outOrderNo}F` }).catch(alipayUnreachable)
      if (r.code !== '10000') return { state: 'waiting' }
      if (r.status === 'SUCCESS') {
        return { state: 'confirmed', waived: yuanToFen(String(r.creditAmount ?? '0.00')) ?? 0, frozen: yuanToFen(String(r.fundAmount ?? '0.00')) ?? 0, platformId: String(r.authNo ?? '') }
      }
      if (r.status === 'CLOSED') return { state: 'cancelled' }
      return { state: 'waiting' }
    }
    const r = await this.api.exec('zhima.credit.payafteruse.creditagreement.query', { out_agreement_no: req.outOrderNo }).catch(alipayUnreachable)
    if (r.agreementStatus === 'VALID') return { state: 'confirmed', platformId: String(r.creditAgreementId ?? '') }
    if (r.agreementStatus === 'REFUSED') return { state: 'denied' }
    return { state: 'waiting' }
  }
}

function refusal(r: AlipayAnswer): CreditChargeAnswer {
  return { state: 'failed', message: `${r.subCode ?? r.code ?? 'REFUSED'} ${r.subMsg ?? ''}`.trim() }
}

/** Sesame through the core's SDK: sdkExecute for the app's orderStr, exec (answers verified by the SDK) for the rest. */
export function liveSesameApi(core: AlipayCore): SesameApi {
  return {
    orderStr(method, biz, notifyUrl) {
      return core.sdk.sdkExecute(method, { notifyUrl, bizContent: biz })
    },
    exec(method, biz) {
      return core.exec(method, { bizContent: biz })
    },
  }
}
