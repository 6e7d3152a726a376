import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin'
import type { NotifyChannel, RawNotify } from '../types'
import { AlipayCore } from '../alipay/core'
import { WechatCore } from '../wechat/core'

/**
 * The sandbox gateway's core: chosen when merchant keys are missing. It generates one set of
 * key pairs (and an APIv3 key) once into DATA_DIR and plays both platforms with them: it signs
 * notifies exactly as WeChat Pay v3 and Alipay do (signedWechat, signedAlipay), so the shop's
 * side, the live gateways' own facets over the cores below (wechat, alipay: sandbox keys),
 * verifies them with the production code. It also schedules its own later notifies and signs
 * the tickets of its H5 pages. Keys never enter the repo or the log.
 */
export interface SandboxKeys {
  wechatMerchantPrivate: string
  wechatMerchantPublic: string
  wechatPlatformPrivate: string
  wechatPlatformPublic: string
  apiV3Key: string
  alipayAppPrivate: string
  alipayPlatformPrivate: string
  alipayPlatformPublic: string
  /** The salt the sandbox's Kuaidi100 signs its tracking pushes with (added later: older key files get one on load). */
  kuaidi100Salt?: string
}

export const SANDBOX_IDS = {
  wechatAppId: 'wxsandbox00000000',
  wechatMchId: '1900000001',
  wechatPublicKeyId: 'PUB_KEY_ID_0119000000012025SANDBOX0000001',
  alipayAppId: '2021000000000000',
  alipaySellerId: '2088000000000001',
} as const

function rsaPair(): { privateKey: string; publicKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    // PKCS#1: the form alipay-sdk expects for an app private key by default.
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  })
}

export function generateSandboxKeys(): SandboxKeys {
  const m = rsaPair()
  const w = rsaPair()
  const a = rsaPair()
  const p = rsaPair()
  return {
    wechatMerchantPrivate: m.privateKey,
    wechatMerchantPublic: m.publicKey,
    wechatPlatformPrivate: w.privateKey,
    wechatPlatformPublic: w.publicKey,
    // 32 characters: WeChat's APIv3 key is 32 bytes of text.
    apiV3Key: crypto.randomBytes(16).toString('hex'),
    alipayAppPrivate: a.privateKey,
    alipayPlatformPrivate: p.privateKey,
    alipayPlatformPublic: p.publicKey,
    kuaidi100Salt: crypto.randomBytes(16).toString('hex'),
  }
}

let memoryKeys: SandboxKeys | undefined

/** Keys from DATA_DIR/sandbox-pay-keys.json, generated on first start (mode 0600). In-memory data dirs keep one set per process. */
export function loadSandboxKeys(dataDir: string): SandboxKeys {
  if (dataDir.startsWith('memory://')) return (memoryKeys ??= generateSandboxKeys())
  const file = path.resolve(dataDir, 'sandbox-pay-keys.json')
  try {
    const keys = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxKeys
    // A key file from before tracking: the one new key is added to it, the others stay.
    if (!keys.kuaidi100Salt) {
      keys.kuaidi100Salt = crypto.randomBytes(16).toString('hex')
      fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 })
    }
    return keys
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${file}: ${(err as Error).message}`)
  }
  const keys = generateSandboxKeys()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' })
  return keys
}

/** The Sesame / Pay Score service the sandbox's merchant has. */
export const SANDBOX_CREDIT = { serviceId: '00004000000000000000000000000001', category: 'RENT_DIGITAL' } as const

/** Where a notify the sandbox sends of its own goes (set by the module that takes it). */
export type Deliver = ((channel: NotifyChannel, raw: RawNotify) => Promise<unknown>) | undefined

export class SandboxCore {
  /** The shop's side of WeChat Pay, with the sandbox's merchant keys. */
  readonly wechat: WechatCore
  /** The shop's side of Alipay, with the sandbox's app keys. */
  readonly alipay: AlipayCore
  /** Signs the H5 pages' tickets: they are opened by navigation, without the session header. */
  private readonly ticketSecret = crypto.randomBytes(32)
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    readonly keys: SandboxKeys,
    readonly now: () => Date,
    /** Delay before the sandbox's own notifies are delivered; null: never on their own (tests deliver by hand). */
    private readonly notifyDelayMs: number | null = 200,
  ) {
    this.wechat = new WechatCore(
      { appId: SANDBOX_IDS.wechatAppId, mchId: SANDBOX_IDS.wechatMchId, merchantPrivateKey: keys.wechatMerchantPrivate, apiV3Key: keys.apiV3Key, platformKeys: new Map([[SANDBOX_IDS.wechatPublicKeyId, keys.wechatPlatformPublic]]) },
      now,
      true,
    )
    this.alipay = new AlipayCore({ appId: SANDBOX_IDS.alipayAppId, privateKey: keys.alipayAppPrivate, alipayPublicKey: keys.alipayPlatformPublic, sellerId: SANDBOX_IDS.alipaySellerId }, true)
  }

  /**
   * Sends `make()` to `deliver` after the delay, as the real platform sends a notify a moment
   * after the call that caused it. A notify that is not taken is the platform's problem to
   * resend (the shop's reconciler queries meanwhile), so its failure is dropped.
   */
  later(deliver: () => Deliver, channel: NotifyChannel, make: () => RawNotify): void {
    if (this.notifyDelayMs === null || !deliver()) return
    const t = setTimeout(() => {
      this.timers.delete(t)
      deliver()?.(channel, make())?.catch(() => undefined)
    }, this.notifyDelayMs)
    t.unref()
    this.timers.add(t)
  }

  /** Drops the notifies not yet sent (the server is closing). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  ticket(ref: string): string {
    return crypto.createHmac('sha256', this.ticketSecret).update(ref).digest('base64url')
  }

  checkTicket(ref: string, ticket: string): boolean {
    const want = Buffer.from(this.ticket(ref))
    const got = Buffer.from(ticket)
    return want.length === got.length && crypto.timingSafeEqual(want, got)
  }

  /** Encrypts the resource with the APIv3 key and signs the body with the platform key, as WeChat Pay v3 does. */
  signedWechat(eventType: string, summary: string, originalType: string, resource: object, skewSec = 0): RawNotify {
    const now = this.now()
    const nonce = Formatter.nonce(12)
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: now.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext: Aes.AesGcm.encrypt(JSON.stringify(resource), this.keys.apiV3Key, nonce, originalType), associated_data: originalType, nonce },
    })
    const timestamp = String(Math.floor(now.getTime() / 1000) + skewSec)
    const headerNonce = Formatter.nonce()
    return {
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': headerNonce,
        'wechatpay-serial': SANDBOX_IDS.wechatPublicKeyId,
        'wechatpay-signature': Rsa.sign(Formatter.response(timestamp, headerNonce, body), this.keys.wechatPlatformPrivate as never),
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
      body,
    }
  }

  /** Alipay's notify time text, "2026-11-23 12:00:00". */
  alipayStamp(): string {
    return this.now().toISOString().replace('T', ' ').slice(0, 19)
  }

  /** The fields every Alipay notify starts with. */
  alipayHead(notifyType: string, appId: string = SANDBOX_IDS.alipayAppId): Record<string, string> {
    return { notify_id: crypto.randomBytes(16).toString('hex'), notify_time: this.alipayStamp(), notify_type: notifyType, charset: 'utf-8', version: '1.0', app_id: appId }
  }

  /** RSA2 over the sorted fields but sign / sign_type, with the platform key; form-encoded. */
  signedAlipay(fields: Record<string, string>): RawNotify {
    const content = Object.keys(fields)
      .sort()
      .map((k) => `${k}=${fields[k]}`)
      .join('&')
    const sign = crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(this.keys.alipayPlatformPrivate, 'base64')
    const body = new URLSearchParams({ ...fields, sign_type: 'RSA2', sign }).toString()
    return { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }
  }
}
