import { AlipaySdk } from 'alipay-sdk'
import { ProviderError, unreachable, type RawNotify, type VerifyFailure } from '../types'

/**
 * The Alipay gateway's core: the app's keys, the one alipay-sdk instance that signs requests
 * (exec, sdkExecute), checks answers and verifies notifies (RSA2), for every facet: login,
 * pay, Sesame credit, messages. Amounts go to Alipay in yuan text.
 */
export interface AlipayKeys {
  appId: string
  /** The app's private key (signs requests). */
  privateKey: string
  /** Alipay's public key (verifies answers and notifies). */
  alipayPublicKey: string
  /** The seller (2088…) a notify must name; unchecked when unknown. */
  sellerId: string | null
}

/** "199.00" (yuan, as Alipay writes amounts) -> 19900 fen; null when it isn't an amount. */
export function yuanToFen(text: string | undefined): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text ?? '')
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** The SDK for these keys: checkNotifySignV2 needs alipayPublicKey, the constructor a private key. */
export function alipaySdk(keys: Pick<AlipayKeys, 'appId' | 'privateKey' | 'alipayPublicKey'>): AlipaySdk {
  return new AlipaySdk({ appId: keys.appId, privateKey: keys.privateKey, alipayPublicKey: keys.alipayPublicKey })
}

/**
 * Checks a form-encoded Alipay notify's RSA2 signature (body as it arrived) and answers its
 * fields. Shared by every Alipay notify (payments, refunds, fund authorisation and Sesame
 * credit): one verification code path.
 */
export function verifyAlipayFields(sdk: AlipaySdk, raw: RawNotify): { ok: true; fields: Record<string, string> } | VerifyFailure {
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

/** A call that failed to reach Alipay: ProviderError. */
export const alipayUnreachable = unreachable('Alipay')

/** Alipay's common answer: code 10000 is success; subCode / subMsg say why not. */
export type AlipayAnswer = { code?: string; subCode?: string; subMsg?: string } & Record<string, unknown>

/** A not-10000 answer in one line, for the outbox row and the console: code, subCode, then subMsg (or msg). */
export function alipayAnswerDetail(res: { code?: string; msg?: string; subCode?: string; subMsg?: string }): string {
  return `${res.code ?? '?'} ${res.subCode ?? ''} ${res.subMsg ?? res.msg ?? ''}`.trim()
}

/** 20000 (service unavailable) or a system-error sub-code: Alipay did nothing, the same call may be sent again. */
export function alipaySystemBusy(res: { code?: string; subCode?: string }): boolean {
  return res.code === '20000' || /SYSTEM_ERROR|UNKNOW/i.test(res.subCode ?? '')
}

/** One Alipay app: its keys and its SDK. */
export class AlipayCore {
  readonly sdk: AlipaySdk
  constructor(
    readonly keys: AlipayKeys,
    /** The sandbox playing Alipay (its own keys; the calls go to the sandbox, not the SDK). */
    readonly sandbox = false,
  ) {
    this.sdk = alipaySdk(keys)
  }

  get appId(): string {
    return this.keys.appId
  }
  get merchantId(): string | null {
    return this.keys.sellerId
  }

  /**
   * A request signed as alipay-sdk signs one (RSA2 over the sorted common parameters and
   * biz_content), every parameter form-encoded: the body of a POST to the gateway. `extra` are
   * more common parameters (auth_token, notify_url). biz is sent as written (snake_case).
   */
  signedRequest(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}): string {
    return this.sdk.sdkExecute(method, { ...extra, bizContent: biz }, { bizContentAutoSnakeCase: false })
  }

  /**
   * The gateway's answer text for `method`: {"<method>_response": {...}, "sign": "..."}. The
   * sign over the exact response text (alipay-sdk's getSignStr) must verify with Alipay's
   * public key, also on an error answer: an answer we cannot attribute to Alipay is refused
   * (ProviderError), never read. Answers the response object as Alipay wrote it (snake_case).
   */
  verifiedAnswer(method: string, text: string): AlipayAnswer & Record<string, unknown> {
    let json: Record<string, unknown>
    try {
      json = JSON.parse(text) as Record<string, unknown>
    } catch {
      throw new ProviderError(`Alipay ${method}: answer is not JSON`)
    }
    const key = `${method.replaceAll('.', '_')}_response`
    const data = (json[key] ?? json.error_response) as Record<string, unknown> | undefined
    if (!data || typeof data !== 'object') throw new ProviderError(`Alipay ${method}: no ${key} in the answer`)
    const sign = typeof json.sign === 'string' ? json.sign : ''
    if (!sign) throw new ProviderError(`Alipay ${method}: the answer is not signed`)
    try {
      this.sdk.checkResponseSign(text, json[key] ? key : 'error_response', sign, '')
    } catch {
      throw new ProviderError(`Alipay ${method}: the answer's signature does not verify`)
    }
    const { sub_code: subCode, sub_msg: subMsg, ...rest } = data as { sub_code?: string; sub_msg?: string }
    return { ...rest, subCode, subMsg } as AlipayAnswer & Record<string, unknown>
  }

  /** A live call (exec: signed, answer verified by the SDK). */
  async exec<T = AlipayAnswer>(method: string, params: Record<string, unknown>): Promise<T> {
    return (await this.sdk.exec(method, params)) as T
  }
}
