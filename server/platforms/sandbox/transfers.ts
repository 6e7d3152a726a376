import crypto from 'node:crypto'
import type { Queryable } from '../../db'
import type { RawNotify, SandboxTransferDesk } from '../types'
import type { AlipayTransferAnswer, AlipayTransferApi } from '../alipay/transfers'
import { fenToYuan } from '../alipay/core'
import type { WechatTransferApi, WechatTransferBill } from '../wechat/transfers'
import { SANDBOX_IDS, type SandboxCore } from './core'

interface BillRow {
  out_bill_no: string
  provider: 'wechat' | 'alipay'
  amount: number
  open_id: string
  state: string
  bill_no: string
  created_at: Date | string
}

/**
 * The sandbox playing WeChat's 商家转账 and Alipay's uni.transfer: bills kept in
 * sandbox_transfers (they survive a restart, like the platforms' own), idempotent on
 * out_bill_no as both platforms are. A WeChat bill waits for the shopper's confirm
 * (WAIT_USER_CONFIRM with a package_info) and, confirmed, succeeds with a notify signed and
 * encrypted as WeChat's, which the shop verifies with its live code; an Alipay bill succeeds at
 * once. failNext(n) refuses the next transfers (merchant balance too low), setOutage(n) makes
 * the next calls unreachable.
 */
export class SandboxTransfers implements SandboxTransferDesk {
  private failing = 0
  private outage = 0
  deliver?: (raw: RawNotify) => Promise<unknown>

  constructor(
    readonly core: SandboxCore,
    private readonly db: Queryable,
  ) {}

  failNext(n: number): void {
    this.failing = n
  }

  setOutage(calls: number): void {
    this.outage = calls
  }

  private up(): void {
    if (this.outage <= 0) return
    this.outage -= 1
    throw new Error('sandbox: transfer platform unreachable')
  }

  private refuse(): boolean {
    if (this.failing <= 0) return false
    this.failing -= 1
    return true
  }

  private bill(outBillNo: string): Promise<BillRow | null> {
    return this.db.maybeOne<BillRow>('SELECT * FROM sandbox_transfers WHERE out_bill_no = $1', [outBillNo])
  }

  /** Opens the bill once; the same out_bill_no again answers the bill it already is. */
  private async open(provider: 'wechat' | 'alipay', outBillNo: string, amount: number, openId: string, state: string): Promise<BillRow | 'mismatch'> {
    const billNo = provider === 'wechat' ? `1330${Date.now()}${crypto.randomInt(1e6)}` : `2026${Date.now()}${crypto.randomInt(1e6)}`
    const now = this.core.now()
    await this.db.query(
      `INSERT INTO sandbox_transfers (out_bill_no, provider, amount, open_id, state, bill_no, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (out_bill_no) DO NOTHING`,
      [outBillNo, provider, amount, openId, state, billNo, now],
    )
    const row = (await this.bill(outBillNo)) as BillRow
    return row.provider === provider && row.amount === amount && row.open_id === openId ? row : 'mismatch'
  }

  private wechatBill(row: BillRow): WechatTransferBill {
    const waiting = row.state === 'WAIT_USER_CONFIRM'
    return {
      out_bill_no: row.out_bill_no,
      transfer_bill_no: row.bill_no,
      state: row.state,
      // What wx.requestMerchantTransfer takes as `package`; the sandbox's is only an opaque token.
      ...(waiting ? { package_info: `sandbox_${this.core.ticket(row.out_bill_no)}` } : {}),
      ...(row.state === 'FAIL' ? { fail_reason: 'TRANSFER_QUOTA_EXCEED' } : {}),
    }
  }

  readonly wechatApi: WechatTransferApi = {
    createBill: async (body) => {
      this.up()
      if (this.refuse()) return { code: 'NOT_ENOUGH', message: '商户运营账户资金不足' }
      const row = await this.open('wechat', String(body.out_bill_no), Number(body.transfer_amount), String(body.openid), 'WAIT_USER_CONFIRM')
      if (row === 'mismatch') return { code: 'INVALID_REQUEST', message: '商户单号重复，但参数不一致' }
      return this.wechatBill(row)
    },
    queryBill: async (outBillNo) => {
      this.up()
      const row = await this.bill(outBillNo)
      return row && row.provider === 'wechat' ? this.wechatBill(row) : null
    },
  }

  readonly alipayApi: AlipayTransferApi = {
    uniTransfer: async (biz): Promise<AlipayTransferAnswer> => {
      this.up()
      if (this.refuse()) return { code: '40004', msg: 'Business Failed', subCode: 'PAYER_BALANCE_NOT_ENOUGH', subMsg: '付款方余额不足' }
      const payee = biz.payee_info as { identity: string }
      const amount = Math.round(Number(biz.trans_amount) * 100)
      const row = await this.open('alipay', String(biz.out_biz_no), amount, payee.identity, 'SUCCESS')
      if (row === 'mismatch') return { code: '40004', subCode: 'PARAM_ILLEGAL', subMsg: '参数有误，out_biz_no 重复' }
      return { code: '10000', msg: 'Success', orderId: row.bill_no, payFundOrderId: row.bill_no, outBizNo: row.out_bill_no, status: row.state, transAmount: fenToYuan(row.amount) }
    },
    commonQuery: async (biz): Promise<AlipayTransferAnswer> => {
      this.up()
      const row = await this.bill(String(biz.out_biz_no))
      if (!row || row.provider !== 'alipay') return { code: '40004', subCode: 'ORDER_NOT_EXIST', subMsg: '转账订单不存在' }
      return { code: '10000', orderId: row.bill_no, payFundOrderId: row.bill_no, status: row.state }
    },
  }

  async confirm(outBillNo: string): Promise<boolean> {
    const r = await this.db.query(
      "UPDATE sandbox_transfers SET state = 'SUCCESS', updated_at = $2 WHERE out_bill_no = $1 AND provider = 'wechat' AND state = 'WAIT_USER_CONFIRM'",
      [outBillNo, this.core.now()],
    )
    // As WeChat does once the shopper confirmed: the result notify (a failed delivery is the shop's query's to catch up).
    if (r.rowCount > 0 && this.deliver) await this.deliver(await this.wechatNotify(outBillNo)).catch(() => undefined)
    return (await this.bill(outBillNo))?.state === 'SUCCESS'
  }

  async bills(): Promise<{ outBillNo: string; provider: 'wechat' | 'alipay'; amount: number; openId: string; state: string }[]> {
    const rows = await this.db.query<BillRow>('SELECT * FROM sandbox_transfers ORDER BY created_at, out_bill_no')
    return rows.rows.map((r) => ({ outBillNo: r.out_bill_no, provider: r.provider, amount: r.amount, openId: r.open_id, state: r.state }))
  }

  /** MCHTRANSFER.BILL.FINISHED: resource {out_bill_no, transfer_bill_no, state, mch_id, transfer_amount, openid, …}. */
  async wechatNotify(outBillNo: string, o: { state?: string; skewSec?: number } = {}): Promise<RawNotify> {
    const row = await this.bill(outBillNo)
    const stamp = this.core.now().toISOString().replace(/\.\d{3}Z$/, '+00:00')
    const resource = {
      out_bill_no: outBillNo,
      transfer_bill_no: row?.bill_no ?? '',
      state: o.state ?? row?.state ?? 'SUCCESS',
      mch_id: SANDBOX_IDS.wechatMchId,
      transfer_amount: row?.amount ?? 0,
      openid: row?.open_id ?? '',
      create_time: stamp,
      update_time: stamp,
      ...(o.state === 'FAIL' ? { fail_reason: 'TRANSFER_RISK' } : {}),
    }
    return this.core.signedWechat('MCHTRANSFER.BILL.FINISHED', '商家转账单据终态通知', 'mch_payment', resource, o.skewSec)
  }
}
