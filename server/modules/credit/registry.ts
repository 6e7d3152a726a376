import type { Config } from '../../plugins/env'
import { readKey } from '../payments/registry'
import type { SandboxPlatform } from '../payments/providers/sandbox'
import { SesameProvider, liveSesameApi } from './providers/alipay'
import { SandboxCreditPlatform, SandboxCreditProvider, sandboxPayScore, sandboxSesame } from './providers/sandbox'
import type { CreditProvider, ProviderId } from './providers/types'
import { PayScoreProvider, livePayScoreApi } from './providers/wechat'

export interface CreditProviders {
  byId: Partial<Record<ProviderId, CreditProvider>>
  sandbox?: SandboxCreditPlatform
}

/**
 * Like payments: a channel is live when its merchant keys and its credit service id are
 * configured (WECHAT_PAYSCORE_SERVICE_ID; ALIPAY_ZHIMA_SERVICE_ID and ALIPAY_ZHIMA_CATEGORY),
 * else the sandbox plays it with the payments sandbox's keys. The H5 confirm page exists in
 * sandbox mode only.
 */
export function buildCreditProviders(
  config: Config,
  env: Record<string, string | undefined>,
  paymentsSandbox: SandboxPlatform | undefined,
  now: () => Date,
  notifyDelayMs: number | null | undefined,
): CreditProviders {
  const wechatNotify = `${config.notifyBaseUrl}/api/credit/notify/wechat`
  const alipayNotify = `${config.notifyBaseUrl}/api/credit/notify/alipay`
  const platform = paymentsSandbox ? new SandboxCreditPlatform(paymentsSandbox, now, notifyDelayMs === undefined ? 200 : notifyDelayMs) : undefined
  const byId: CreditProviders['byId'] = {}
  const wp = config.wechatPay
  if (wp && config.wechat && env.WECHAT_PAYSCORE_SERVICE_ID) {
    const platformKeys = new Map<string, string>()
    if (wp.platformPublicKey && wp.platformPublicKeyId) platformKeys.set(wp.platformPublicKeyId, readKey(wp.platformPublicKey))
    const keys = { appId: config.wechat.appId, mchId: wp.mchId, merchantPrivateKey: readKey(wp.merchantPrivateKey), apiV3Key: wp.apiV3Key, platformKeys, serviceId: env.WECHAT_PAYSCORE_SERVICE_ID }
    byId.wechat = new PayScoreProvider(keys, livePayScoreApi(keys, wp.merchantSerial), wechatNotify, now)
  } else if (platform) {
    byId.wechat = sandboxPayScore(platform, wechatNotify, now)
  }
  if (config.alipay && env.ALIPAY_ZHIMA_SERVICE_ID) {
    const keys = {
      appId: config.alipay.appId,
      privateKey: readKey(config.alipay.privateKey),
      alipayPublicKey: readKey(config.alipay.publicKey),
      sellerId: config.alipaySellerId ?? null,
      serviceId: env.ALIPAY_ZHIMA_SERVICE_ID,
      category: env.ALIPAY_ZHIMA_CATEGORY ?? 'RENT_DIGITAL',
    }
    byId.alipay = new SesameProvider(keys, liveSesameApi(keys), alipayNotify)
  } else if (platform) {
    byId.alipay = sandboxSesame(platform, alipayNotify)
  }
  if (platform && !config.wechatPay && !config.alipay) byId.sandbox = new SandboxCreditProvider(platform, alipayNotify)
  return { byId, sandbox: platform }
}
