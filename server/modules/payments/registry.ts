import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Config } from '../../plugins/env'
import { AlipayProvider, liveAlipayApi } from './providers/alipay'
import { SandboxCashierProvider, SandboxPlatform, loadSandboxKeys, sandboxAlipay, sandboxWechat } from './providers/sandbox'
import type { PaymentProvider, ProviderId } from './providers/types'
import { WechatProvider, liveWechatApi, type WechatKeys } from './providers/wechat'

/** A key given as PEM text (\n may be escaped) or file:///absolute/path. */
export function readKey(text: string): string {
  if (text.startsWith('file://')) return fs.readFileSync(text.slice('file://'.length), 'utf8')
  return text.replace(/\\n/g, '\n')
}

export interface PaymentProviders {
  /** Providers by id; 'sandbox' (the H5 cashier) only without live keys. */
  byId: Partial<Record<ProviderId, PaymentProvider>>
  /** Present when any channel is played by the sandbox. */
  sandbox?: SandboxPlatform
}

/**
 * Each channel is live when its merchant keys are configured, else played by the sandbox
 * (keys generated once into DATA_DIR). The H5 cashier exists in sandbox mode only.
 */
export function buildPaymentProviders(config: Config, now: () => Date, options: { sandboxNotifyDelayMs?: number | null } = {}): PaymentProviders {
  const wechatNotify = `${config.notifyBaseUrl}/api/payments/notify/wechat`
  const alipayNotify = `${config.notifyBaseUrl}/api/payments/notify/alipay`
  const needSandbox = !config.wechatPay || !config.alipay
  const platform = needSandbox ? new SandboxPlatform(loadSandboxKeys(config.dataDir), now, options.sandboxNotifyDelayMs) : undefined
  const byId: PaymentProviders['byId'] = {}

  const wp = config.wechatPay
  if (wp && config.wechat) {
    const platformKeys = new Map<string, string>()
    if (wp.platformPublicKey && wp.platformPublicKeyId) platformKeys.set(wp.platformPublicKeyId, readKey(wp.platformPublicKey))
    for (const file of wp.platformCerts ?? []) {
      const cert = new crypto.X509Certificate(fs.readFileSync(file))
      platformKeys.set(cert.serialNumber.toUpperCase(), cert.publicKey.export({ type: 'spki', format: 'pem' }) as string)
    }
    const keys: WechatKeys = { appId: config.wechat.appId, mchId: wp.mchId, merchantPrivateKey: readKey(wp.merchantPrivateKey), apiV3Key: wp.apiV3Key, platformKeys }
    byId.wechat = new WechatProvider(keys, liveWechatApi(keys, wp.merchantSerial), wechatNotify, now)
  } else if (platform) {
    byId.wechat = sandboxWechat(platform, wechatNotify, now)
  }

  if (config.alipay) {
    const keys = { appId: config.alipay.appId, privateKey: readKey(config.alipay.privateKey), alipayPublicKey: readKey(config.alipay.publicKey), sellerId: config.alipaySellerId ?? null }
    byId.alipay = new AlipayProvider(keys, liveAlipayApi(keys), alipayNotify)
  } else if (platform) {
    byId.alipay = sandboxAlipay(platform, alipayNotify)
  }

  if (platform && !config.wechatPay && !config.alipay) byId.sandbox = new SandboxCashierProvider(platform, now, wechatNotify)
  return { byId, sandbox: platform }
}
