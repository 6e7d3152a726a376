import crypto from 'node:crypto'
import type { CreditConfirmParams } from '../../../src/domain/contract'
import type { CreditKind } from '../../../src/domain/credit'
import type { CreditCreated, CreditDecision, CreditOrderRequest, NotifyChannel, Payer, ProviderId, RawNotify, SandboxCreditDesk, SandboxCreditOrder } from '../types'
import { fenToYuan } from '../alipay/core'
import { AlipaySesame, type SesameApi } from '../alipay/credit'
import { WechatPayScore, type PayScoreApi, type PayScoreOrder } from '../wechat/credit'
import { SANDBOX_CREDIT, SANDBOX_IDS, type Deliver, type SandboxCore } from './core'
import { SANDBOX_LOGIN_PREFIX } from '../types'

/**
 * The sandbox playing Pay Score and Sesame credit with the sandbox core's keys: it keeps the
 * credit orders it was asked to open, and on the shopper's decision (full / partial / deny /
 * cancel) writes the platform's own callback, signed as the platform signs it, which the shop
 * then verifies with the production code (wechat/credit.ts, alipay/credit.ts). Charges,
 * unfreezes and cancels answer at once.
 */
export class SandboxCredit implements SandboxCreditDesk {
  private readonly orders = new Map<string, SandboxCreditOrder>()
  /** Set by the credit service: how the sandbox's own later callbacks reach the shop. */
  deliver: Deliver
  /** Eligibility knob for tests and the preview: users the sandbox's credit refuses pay-after-use. */
  readonly refusedUsers = new Set<number>()
  constructor(readonly core: SandboxCore) {}

  private later(channel: NotifyChannel, make: () => RawNotify): void {
    this.core.later(() => this.deliver, channel, make)
  }

  checkTicket(outOrderNo: string, ticket: string): boolean {
    return this.core.checkTicket(outOrderNo, ticket)
  }

  private open(out: string, channel: NotifyChannel, kind: CreditKind, amount: number): SandboxCreditOrder {
    const known = this.orders.get(out)
    if (known) return known
    const o: SandboxCreditOrder = { channel, kind, amount, state: 'waiting', waived: 0, frozen: 0, platformId: `${channel === 'wechat' ? '1000' : '2026'}${Date.now()}${crypto.randomInt(1e6)}`, charged: 0 }
    this.orders.set(out, o)
    return o
  }

  order(out: string): Readonly<SandboxCreditOrder> | undefined {
    return this.orders.get(out)
  }

  /** Registers an order for the H5 confirm page (kept in memory: after a restart it is opened again). */
  openForPage(req: CreditOrderRequest): void {
    this.open(req.outOrderNo, 'alipay', req.kind, req.amount)
  }

  /** A mini-program's waiting order again after a restart (the in-app confirm decides it). */
  reopen(req: CreditOrderRequest, channel: NotifyChannel): void {
    this.open(req.outOrderNo, channel, req.kind, req.amount)
  }

  readonly payScoreApi: PayScoreApi = {
    create: async (body) => {
      const out = String(body.out_order_no)
      const risk = body.risk_fund as { name: string; amount: number }
      const kind: CreditKind = risk.name === 'DEPOSIT' ? 'rental' : 'pay_after_use'
      this.open(out, 'wechat', kind, risk.amount)
      return { package: `sandbox-payscore-${crypto.createHash('sha256').update(out).digest('hex').slice(0, 24)}`, state: 'CREATED' }
    },
    complete: async (out, body): Promise<PayScoreOrder> => {
      const o = this.orders.get(out)
      if (!o || o.state === 'waiting' || o.state === 'denied' || o.state === 'cancelled') return { out_order_no: out, state: o ? 'REVOKED' : 'CREATED' }
      const amount = Number(body.total_amount)
      if (o.state !== 'charged') {
        o.state = 'charged'
        o.charged = amount
        this.later('wechat', () => this.wechatPaid(out))
      }
      return { out_order_no: out, order_id: o.platformId, state: 'DONE', total_amount: o.charged, collection: { state: 'USER_PAID', paid_amount: o.charged } }
    },
    cancel: async (out) => {
      const o = this.orders.get(out)
      if (o && (o.state === 'waiting' || o.state === 'confirmed')) o.state = 'cancelled'
    },
    query: async (out): Promise<PayScoreOrder> => {
      const o = this.orders.get(out)
      if (!o) return { out_order_no: out, state: 'CREATED' }
      const state = { waiting: 'CREATED', confirmed: 'DOING', charged: 'DONE', cancelled: 'REVOKED', denied: 'REVOKED' }[o.state]
      return { out_order_no: out, order_id: o.platformId, state, risk_fund: { amount: o.waived }, total_amount: o.charged, collection: o.state === 'charged' ? { state: 'USER_PAID', paid_amount: o.charged } : undefined }
    },
  }

  readonly sesameApi: SesameApi = {
    orderStr: (method, biz, notifyUrl) => {
      const out = String(biz.out_order_no ?? biz.out_agreement_no)
      const rental = method === 'alipay.fund.auth.order.app.freeze'
      this.open(out, 'alipay', rental ? 'rental' : 'pay_after_use', rental ? Math.round(Number(biz.amount) * 100) : 0)
      // A real orderStr, signed with the sandbox app key exactly as alipay-sdk signs one for my.tradePay.
      return this.core.alipay.sdk.sdkExecute(method, { notifyUrl, bizContent: biz })
    },
    exec: async (method, biz) => {
      const ok = { code: '10000', msg: 'Success' }
      if (method === 'alipay.trade.pay') {
        const o = [...this.orders.values()].find((x) => x.platformId === biz.auth_no)
        if (!o || o.state !== 'confirmed' && o.state !== 'charged') return { code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST', subMsg: '授权不存在' }
        const amount = Math.round(Number(biz.total_amount) * 100)
        if (amount > o.amount) return { code: '40004', subCode: 'ACQ.TOTAL_FEE_EXCEED', subMsg: '超过授权金额' }
        o.state = 'charged'
        o.charged = amount
        return { ...ok, tradeNo: `2026${crypto.createHash('sha256').update(String(biz.out_trade_no)).digest('hex').slice(0, 20)}`, totalAmount: fenToYuan(amount) }
      }
      if (method === 'alipay.fund.auth.order.unfreeze') {
        const o = [...this.orders.values()].find((x) => x.platformId === biz.auth_no)
        if (!o) return { code: '40004', subCode: 'AUTH_ORDER_NOT_EXIST' }
        if (o.state === 'confirmed') o.state = 'charged'
        return ok
      }
      if (method === 'alipay.fund.auth.operation.cancel' || method === 'zhima.credit.payafteruse.creditagreement.unsign') {
        for (const [out, o] of this.orders) if ((out === biz.out_order_no || o.platformId === biz.credit_agreement_id) && o.state !== 'charged') o.state = 'cancelled'
        return ok
      }
      if (method === 'zhima.credit.payafteruse.creditbizorder.create') {
        const o = [...this.orders.values()].find((x) => x.platformId === biz.credit_agreement_id)
        if (!o || o.state === 'cancelled' || o.state === 'denied' || o.state === 'waiting') return { code: '40004', subCode: 'AGREEMENT_NOT_VALID' }
        return { ...ok, creditBizOrderId: `ZM${crypto.createHash('sha256').update(String(biz.out_order_no)).digest('hex').slice(0, 20)}` }
      }
      if (method === 'zhima.credit.payafteruse.creditbizorder.finish') return { ...ok, orderStatus: 'FINISHED' }
      if (method === 'alipay.fund.auth.operation.detail.query') {
        const o = this.orders.get(String(biz.out_order_no))
        if (!o) return { code: '40004' }
        const status = o.state === 'waiting' ? 'INIT' : o.state === 'cancelled' ? 'CLOSED' : 'SUCCESS'
        return { ...ok, status, authNo: o.platformId, creditAmount: fenToYuan(o.waived), fundAmount: fenToYuan(o.frozen) }
      }
      if (method === 'zhima.credit.payafteruse.creditagreement.query') {
        const o = this.orders.get(String(biz.out_agreement_no))
        if (!o) return { code: '40004' }
        return { ...ok, agreementStatus: o.state === 'denied' ? 'REFUSED' : o.state === 'waiting' ? 'INIT' : o.state === 'cancelled' ? 'INVALID' : 'VALID', creditAgreementId: o.platformId }
      }
      return { code: '40004', subCode: 'UNKNOWN_METHOD', subMsg: method }
    },
  }

  /**
   * The shopper decides on the platform's confirm screen. Answers the callback the platform
   * sends (null when it sends none: WeChat only reports confirms; a refusal or a cancel is
   * seen by a query), in the channel's own format.
   */
  decide(out: string, decision: CreditDecision): { channel: NotifyChannel; notify: RawNotify | null } | null {
    const o = this.orders.get(out)
    if (!o) return null
    if (o.state !== 'waiting') return { channel: o.channel, notify: null }
    const rental = o.kind === 'rental'
    if (decision === 'cancel' || (decision === 'deny' && !rental)) {
      o.state = decision === 'cancel' ? 'cancelled' : 'denied'
      if (o.channel === 'wechat') return { channel: 'wechat', notify: null }
      return { channel: 'alipay', notify: rental ? this.alipayFreeze(out, 'CLOSED') : this.alipayAgreement(out, decision === 'cancel' ? 'INVALID' : 'REFUSED') }
    }
    o.state = 'confirmed'
    // Rentals: full waives the deposit, partial half of it, deny nothing (the shopper agreed to freeze it all).
    o.waived = !rental ? o.amount : decision === 'full' ? o.amount : decision === 'partial' ? Math.floor(o.amount / 2) : 0
    o.frozen = o.amount - o.waived
    if (o.channel === 'wechat') return { channel: 'wechat', notify: this.wechatConfirm(out) }
    return { channel: 'alipay', notify: rental ? this.alipayFreeze(out, 'SUCCESS') : this.alipayAgreement(out, 'VALID') }
  }

  /** PAYSCORE.USER_CONFIRM, encrypted and signed like any v3 notify. */
  wechatConfirm(out: string, o: { appId?: string; mchId?: string } = {}): RawNotify {
    const c = this.orders.get(out)
    return this.core.signedWechat('PAYSCORE.USER_CONFIRM', '用户确认订单', 'payscore', {
      appid: o.appId ?? SANDBOX_IDS.wechatAppId,
      mchid: o.mchId ?? SANDBOX_IDS.wechatMchId,
      out_order_no: out,
      service_id: SANDBOX_CREDIT.serviceId,
      order_id: c?.platformId ?? '',
      state: 'DOING',
      state_description: 'USER_CONFIRM',
      risk_fund: { name: c?.kind === 'rental' ? 'DEPOSIT' : 'ESTIMATE_ORDER_COST', amount: c?.waived ?? 0 },
    })
  }

  /** PAYSCORE.USER_PAID after a complete. */
  wechatPaid(out: string): RawNotify {
    const c = this.orders.get(out)
    return this.core.signedWechat('PAYSCORE.USER_PAID', '用户支付成功', 'payscore', {
      appid: SANDBOX_IDS.wechatAppId,
      mchid: SANDBOX_IDS.wechatMchId,
      out_order_no: out,
      service_id: SANDBOX_CREDIT.serviceId,
      order_id: c?.platformId ?? '',
      state: 'DONE',
      total_amount: c?.charged ?? 0,
      collection: { state: 'USER_PAID', total_amount: c?.charged ?? 0, paid_amount: c?.charged ?? 0 },
    })
  }

  /** The fund authorisation freeze notify: amount, credit_amount (waived by Sesame), fund_amount (frozen). */
  alipayFreeze(out: string, status: 'SUCCESS' | 'CLOSED', o: { appId?: string; sellerId?: string } = {}): RawNotify {
    const c = this.orders.get(out)
    return this.core.signedAlipay({
      ...this.core.alipayHead('fund_auth_freeze', o.appId),
      auth_no: c?.platformId ?? '',
      out_order_no: out,
      operation_id: `${c?.platformId ?? ''}01`,
      out_request_no: `${out}F`,
      operation_type: 'FREEZE',
      status,
      amount: fenToYuan(c?.amount ?? 0),
      credit_amount: fenToYuan(c?.waived ?? 0),
      fund_amount: fenToYuan(c?.frozen ?? 0),
      total_freeze_amount: fenToYuan(c?.amount ?? 0),
      payee_user_id: o.sellerId ?? SANDBOX_IDS.alipaySellerId,
      gmt_trans: this.core.alipayStamp(),
    })
  }

  /** The Sesame credit agreement notify (field names assumed: see alipay/credit.ts). */
  alipayAgreement(out: string, status: 'VALID' | 'REFUSED' | 'INVALID', o: { appId?: string } = {}): RawNotify {
    const c = this.orders.get(out)
    return this.core.signedAlipay({
      ...this.core.alipayHead('zhima_credit_payafteruse_creditagreement', o.appId),
      out_agreement_no: out,
      credit_agreement_id: c?.platformId ?? '',
      agreement_status: status,
      gmt_sign: this.core.alipayStamp(),
    })
  }
}

/** A shopper the sandbox's login made (from an IDE): the one who gets the in-app confirm's ticket. */
const sandboxShopper = (user: Payer | undefined) => !!user && user.externalId.startsWith(SANDBOX_LOGIN_PREFIX)

function withTicket<T extends CreditConfirmParams>(credit: SandboxCredit, channel: NotifyChannel, confirm: T, req: CreditOrderRequest, user: Payer | undefined): T {
  if (!sandboxShopper(user)) return confirm
  // Kept in memory: after a restart the waiting order is known again.
  if (!credit.order(req.outOrderNo)) credit.reopen(req, channel)
  return { ...confirm, sandbox: { outOrderNo: req.outOrderNo, ticket: credit.core.ticket(req.outOrderNo), kind: req.kind, amount: req.amount } }
}

/** Pay Score over the sandbox; `appConfirm` (sandbox mode only): sandbox shoppers' confirms carry the in-app confirm's ticket. */
export function sandboxPayScore(credit: SandboxCredit, notifyUrl: string, appConfirm = false): WechatPayScore {
  if (!appConfirm) return new WechatPayScore(credit.core.wechat, credit.payScoreApi, notifyUrl, SANDBOX_CREDIT.serviceId)
  return new (class extends WechatPayScore {
    override async create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated> {
      const c = await super.create(req, user)
      return { ...c, confirm: withTicket(credit, 'wechat', c.confirm, req, user) }
    }
    override confirmFor(req: CreditOrderRequest, pkg: string, user?: Payer) {
      return withTicket(credit, 'wechat', super.confirmFor(req, pkg), req, user)
    }
  })(credit.core.wechat, credit.payScoreApi, notifyUrl, SANDBOX_CREDIT.serviceId)
}

/** Sesame over the sandbox; `appConfirm` as for Pay Score. */
export function sandboxSesame(credit: SandboxCredit, notifyUrl: string, appConfirm = false): AlipaySesame {
  if (!appConfirm) return new AlipaySesame(credit.core.alipay, credit.sesameApi, notifyUrl, SANDBOX_CREDIT)
  return new (class extends AlipaySesame {
    override async create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated> {
      const c = await super.create(req, user)
      return { ...c, confirm: withTicket(credit, 'alipay', c.confirm, req, user) }
    }
    override confirmFor(req: CreditOrderRequest, orderStr: string, user?: Payer): CreditConfirmParams {
      return withTicket(credit, 'alipay', super.confirmFor(req, orderStr), req, user)
    }
  })(credit.core.alipay, credit.sesameApi, notifyUrl, SANDBOX_CREDIT)
}

/**
 * The H5 preview's credit: the confirm page on the API's origin; the decision is written as a
 * Sesame (Alipay-format) callback and verified by the Sesame code; charges go to the sandbox Sesame.
 */
export class SandboxConfirmPage extends AlipaySesame {
  override readonly id: ProviderId = 'sandbox'
  constructor(
    private readonly credit: SandboxCredit,
    notifyUrl: string,
  ) {
    super(credit.core.alipay, credit.sesameApi, notifyUrl, SANDBOX_CREDIT)
  }

  override async create(req: CreditOrderRequest, user: Payer): Promise<CreditCreated> {
    await super.create(req, user)
    const confirm = this.confirmFor(req)
    return { confirmRef: confirm.confirmUrl, confirm }
  }

  override confirmFor(req: CreditOrderRequest): Extract<CreditConfirmParams, { platform: 'h5' }> {
    // The sandbox keeps orders in memory: after a restart the waiting order is opened again.
    this.credit.openForPage(req)
    return { platform: 'h5', confirmUrl: `/api/sandbox/credit/${encodeURIComponent(req.outOrderNo)}?t=${this.credit.core.ticket(req.outOrderNo)}` }
  }
}
