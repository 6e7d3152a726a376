import { ProviderError, unreachable, type ProviderId, type RawNotify, type TransferFacet, type TransferNotifyVerify, type TransferOutcome, type TransferRequest } from '../types'
import { GatewayFacet } from '../facet'
import { verifyWechatEnvelope, type WechatCore, type WechatKeys, type WechatpayClient } from './core'

/**
 * WeChat Pay's 商家转账 (the 2025 version, "转账到用户，需用户确认收款"):
 *   POST /v3/fund-app/mch-transfer/transfer-bills
 *     {appid, out_bill_no, transfer_scene_id, openid, transfer_amount (fen), transfer_remark (≤ 32),
 *      transfer_scene_report_infos [{info_type, info_content}], notify_url}
 *     → {out_bill_no, transfer_bill_no, create_time, state, package_info}
 *   GET  /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no} → the same bill (state, fail_reason)
 * state: ACCEPTED | PROCESSING | WAIT_USER_CONFIRM | TRANSFERING | SUCCESS | FAIL | CANCELING | CANCELLED.
 * WAIT_USER_CONFIRM carries package_info for wx.requestMerchantTransfer. The result notify
 * (event MCHTRANSFER.BILL.FINISHED) is a v3 notify: same signature and AES-GCM resource as pay
 * notifies, resource {out_bill_no, transfer_bill_no, state, fail_reason, …}.
 */
export interface WechatTransferBill {
  out_bill_no?: string
  transfer_bill_no?: string
  state?: string
  package_info?: string
  fail_reason?: string
  /** A 4xx refusal: NOT_ENOUGH, PARAM_ERROR, NO_AUTH, … */
  code?: string
  message?: string
}

export interface WechatTransferApi {
  /** A 4xx answer comes back as {code, message}; an outage (network, 5xx) throws. */
  createBill(body: Record<string, unknown>): Promise<WechatTransferBill>
  /** 404 (the platform never heard of it): null. */
  queryBill(outBillNo: string): Promise<WechatTransferBill | null>
}

/** 现金营销: the scene a promoter's reward is paid under (商户平台 › 商家转账 › 产品设置). */
export const DEFAULT_TRANSFER_SCENE_ID = '1000'

/** Refusals that mean "ask again later", not "no": the bill may or may not exist, the same out_bill_no is safe to resend. */
const TRY_LATER = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'ACCEPT_FAIL'])

/** A bill's state as the shop's outcome. */
export function wechatTransferOutcome(b: WechatTransferBill): TransferOutcome {
  const billNo = b.transfer_bill_no ?? null
  if (b.code) {
    if (TRY_LATER.has(b.code)) throw new ProviderError(`WeChat transfer: ${b.code} ${b.message ?? ''}`.trim())
    return { kind: 'failed', detail: `${b.code} ${b.message ?? ''}`.trim() }
  }
  switch (b.state) {
    case 'SUCCESS':
      return { kind: 'succeeded', platformBillNo: billNo }
    case 'FAIL':
    case 'CANCELLED':
      return { kind: 'failed', detail: `${b.state} ${b.fail_reason ?? ''}`.trim() }
    case 'WAIT_USER_CONFIRM':
    case 'TRANSFERING':
      // The query answer may leave package_info out: then the shop keeps the one it has.
      return b.package_info ? { kind: 'waiting_confirm', platformBillNo: billNo, packageInfo: b.package_info } : { kind: 'processing', platformBillNo: billNo }
    default:
      return { kind: 'processing', platformBillNo: billNo }
  }
}

/** The transfer notify, through the one v3 verification every WeChat notify uses. */
export function verifyWechatTransferNotify(keys: Pick<WechatKeys, 'apiV3Key' | 'platformKeys'>, raw: RawNotify, now: Date): TransferNotifyVerify {
  const v = verifyWechatEnvelope(keys, raw, now)
  if (!v.ok) return v
  const r = v.resource as WechatTransferBill
  if (!r.out_bill_no || !r.state) return { ok: false, reason: 'bad_format', message: 'transfer bill lacks fields' }
  // A code in a notify resource means nothing: only the state counts.
  return { ok: true, outBillNo: r.out_bill_no, outcome: wechatTransferOutcome({ ...r, code: undefined }) }
}

const transferUnreachable = unreachable('WeChat Pay transfers')

export class WechatTransfers extends GatewayFacet<WechatCore, WechatTransferApi> implements TransferFacet {
  readonly id: ProviderId = 'wechat'

  constructor(
    core: WechatCore,
    api: WechatTransferApi,
    notifyUrl: string,
    private readonly sceneId = DEFAULT_TRANSFER_SCENE_ID,
  ) {
    super(core, api, notifyUrl)
  }

  override get merchantId(): string {
    return this.core.merchantId
  }

  async transfer(req: TransferRequest): Promise<TransferOutcome> {
    const remark = req.remark.slice(0, 32)
    const bill = await this.api
      .createBill({
        appid: this.core.keys.appId,
        out_bill_no: req.outBillNo,
        transfer_scene_id: this.sceneId,
        openid: req.openId,
        transfer_amount: req.amount,
        transfer_remark: remark,
        // Scene 1000 (现金营销) asks for these two report items.
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: '推广员佣金' },
          { info_type: '奖励说明', info_content: remark },
        ],
        notify_url: this.notifyUrl,
      })
      .catch(transferUnreachable)
    return wechatTransferOutcome(bill)
  }

  async query(outBillNo: string): Promise<TransferOutcome | null> {
    const bill = await this.api.queryBill(outBillNo).catch(transferUnreachable)
    return bill ? wechatTransferOutcome(bill) : null
  }

  verifyNotify(raw: RawNotify): TransferNotifyVerify {
    return verifyWechatTransferNotify(this.core.keys, raw, this.core.now())
  }
}

/** The bill calls through the core's signing v3 client (the same one wechat/pay.ts uses). */
export function liveWechatTransferApi(client: WechatpayClient): WechatTransferApi {
  const bills = () => client.v3['fund-app']['mch-transfer']['transfer-bills']
  return {
    async createBill(body) {
      try {
        return (await bills().post(body)).data as WechatTransferBill
      } catch (err) {
        const res = (err as { response?: { status?: number; data?: WechatTransferBill } }).response
        if (res?.status && res.status >= 400 && res.status < 500 && res.data?.code) return { code: res.data.code, message: res.data.message }
        throw err
      }
    },
    async queryBill(outBillNo) {
      try {
        return (await bills()['out-bill-no']._out_bill_no_.get({ out_bill_no: outBillNo })).data as WechatTransferBill
      } catch (err) {
        if ((err as { response?: { status?: number } }).response?.status === 404) return null
        throw err
      }
    },
  }
}
