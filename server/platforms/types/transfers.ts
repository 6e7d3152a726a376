/** The transfers facet: paying money out to a shopper's wallet (a promoter's withdrawal). */
import type { ProviderId, RawNotify, VerifyFailure } from './common'

export interface TransferRequest {
  /** Ours, unique per withdrawal (the idempotency key on both platforms): out_bill_no / out_biz_no. */
  outBillNo: string
  /** Fen. */
  amount: number
  /** WeChat openid (weapp) / Alipay open_id or user id (2088…). */
  openId: string
  /** Shown to the shopper: transfer_remark / order_title (≤ 32 characters). */
  remark: string
}

/**
 * What the platform said. WeChat (POST /v3/fund-app/mch-transfer/transfer-bills) answers
 * WAIT_USER_CONFIRM with a package_info the shopper confirms in the app with
 * wx.requestMerchantTransfer, then ACCEPTED/PROCESSING/SUCCESS (or FAIL / CANCELLED) by notify
 * and query; Alipay (alipay.fund.trans.uni.transfer, product_code TRANS_ACCOUNT_NO_PWD,
 * biz_scene DIRECT_TRANSFER, payee_info identity_type ALIPAY_OPEN_ID / ALIPAY_USER_ID) answers
 * SUCCESS at once or FAIL with a sub_code.
 */
export type TransferOutcome =
  | { kind: 'succeeded'; platformBillNo: string | null }
  | { kind: 'waiting_confirm'; platformBillNo: string | null; packageInfo: string }
  | { kind: 'processing'; platformBillNo: string | null }
  | { kind: 'failed'; detail: string }

export type TransferNotifyVerify = { ok: true; outBillNo: string; outcome: TransferOutcome } | VerifyFailure

export interface TransferFacet {
  readonly id: ProviderId
  readonly sandbox: boolean
  readonly appId: string
  /** WeChat Pay mchid (wx.requestMerchantTransfer's mchId); null on Alipay. */
  readonly merchantId: string | null
  /** Starts the transfer; the same outBillNo again answers the same bill (both platforms are idempotent on it). Throws ProviderError when unreachable. */
  transfer(req: TransferRequest): Promise<TransferOutcome>
  /** Where a transfer is now (the reconcile sweep, a lost notify). */
  query(outBillNo: string): Promise<TransferOutcome | null>
  /** WeChat's transfer notify (the same v3 signature and AES-GCM resource as pay notifies). Alipay has none for this product. */
  verifyNotify?(raw: RawNotify): TransferNotifyVerify
}

/** Tests and the in-app sandbox: the sandbox playing both platforms' transfer side (its bills kept in sandbox_transfers). */
export interface SandboxTransferDesk {
  /** The shopper confirmed (the sandbox's stand-in for wx.requestMerchantTransfer's sheet): the bill succeeds and a signed notify is delivered. */
  confirm(outBillNo: string): Promise<boolean>
  /** The next n transfers fail (insufficient merchant balance), for the failure tests. */
  failNext(n: number): void
  /** The next n calls (transfer or query) fail as if the platform could not be reached. */
  setOutage(calls: number): void
  bills(): Promise<{ outBillNo: string; provider: 'wechat' | 'alipay'; amount: number; openId: string; state: string }[]>
  /** A WeChat-signed transfer notify for a bill as it stands (or with another state / a moved clock), for tests. */
  wechatNotify(outBillNo: string, o?: { state?: string; skewSec?: number }): Promise<RawNotify>
  /** Where confirm's notify goes: set by the module that takes transfer notifies (the same verification as a real one). */
  deliver?: (raw: RawNotify) => Promise<unknown>
}

export interface TransferFacets {
  wechat: TransferFacet
  alipay: TransferFacet
  /** The H5 preview's transfers: the sandbox's WeChat side (confirmed on the sandbox page); present with the sandbox. */
  h5?: TransferFacet
  sandbox?: SandboxTransferDesk
}
