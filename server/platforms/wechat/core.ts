import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin'
import type { RawNotify, VerifyFailure } from '../types'

/**
 * The WeChat gateway's core: the merchant keys (parsed once), the API v3 HTTP client
 * (wechatpay-axios-plugin: signs requests, verifies answers) and the v3 notify verification
 * every facet's notifies go through (pay, refunds, Pay Score): one code path. Login and
 * messages use the mini-program's own app id and secret (WechatApp) against api.weixin.qq.com.
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

/** The mini-program's credentials (jscode2session, access_token). */
export interface WechatApp {
  appId: string
  secret: string
}

export const WECHAT_API = 'https://api.weixin.qq.com'

/** Notifies older than this (or this far in the future) are replays or clock trouble. */
export const MAX_NOTIFY_SKEW_SEC = 300

/** The API v3 client; its paths are built by property access (wxpay.v3.pay.transactions…). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WechatpayClient = any

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

/** The live platform through wechatpay-axios-plugin (signs requests, verifies answers with the platform keys). */
export function wechatpayClient(keys: WechatKeys, merchantSerial: string): WechatpayClient {
  const certs: Record<string, string> = {}
  for (const [serial, key] of keys.platformKeys) certs[serial] = typeof key === 'string' ? key : (key.export({ type: 'spki', format: 'pem' }) as string)
  const privateKey = typeof keys.merchantPrivateKey === 'string' ? keys.merchantPrivateKey : (keys.merchantPrivateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
  return new Wechatpay({ mchid: keys.mchId, serial: merchantSerial, privateKey, certs })
}

/**
 * Verifies Wechatpay-Signature over "timestamp\nnonce\nbody\n" with the platform key named by
 * Wechatpay-Serial, refuses stale timestamps, then decrypts the AES-256-GCM resource.
 * Signature probes (WECHATPAY/SIGNTEST/…) fail here on purpose. Shared by every v3 notify
 * (payments, refunds, Pay Score): one verification code path.
 */
export function verifyWechatEnvelope(
  keys: Pick<WechatKeys, 'apiV3Key' | 'platformKeys'>,
  raw: RawNotify,
  now: Date,
): { ok: true; eventType: string; resource: Record<string, unknown> } | VerifyFailure {
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
    const body = JSON.parse(raw.body) as { event_type?: string; resource?: { algorithm?: string; ciphertext?: string; associated_data?: string; nonce?: string } }
    const r = body.resource
    if (!r || r.algorithm !== 'AEAD_AES_256_GCM' || !r.ciphertext || !r.nonce) throw new Error('no resource')
    const resource = JSON.parse(Aes.AesGcm.decrypt(r.ciphertext, keys.apiV3Key, r.nonce, r.associated_data ?? '')) as Record<string, unknown>
    return { ok: true, eventType: body.event_type ?? '', resource }
  } catch {
    return { ok: false, reason: 'bad_format', message: 'resource does not decrypt' }
  }
}

/** One WeChat merchant: keys parsed once, the clock notifies are checked against, and (live) the v3 client. */
export class WechatCore {
  readonly keys: WechatKeys
  constructor(
    keys: WechatKeys,
    readonly now: () => Date,
    /** The sandbox playing WeChat Pay (its own keys, no client). */
    readonly sandbox = false,
    /** Live only: the merchant certificate serial the client signs requests with. */
    merchantSerial?: string,
  ) {
    this.keys = parsedWechatKeys(keys)
    this.client = merchantSerial === undefined ? undefined : wechatpayClient(keys, merchantSerial)
  }

  readonly client: WechatpayClient | undefined

  get appId(): string {
    return this.keys.appId
  }
  get merchantId(): string {
    return this.keys.mchId
  }
}
