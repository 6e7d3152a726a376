import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Queryable } from '../db'
import { isSandbox, type Config } from '../plugins/env'
import type { ActivitiesFacets, CodesFacets, MemberCardsFacets, CreditFacets, LoginFacets, MessagesFacets, PayFacets, ShippingFacets, TrackingFacets, TransferFacets } from './types'
import { AlipayCore } from './alipay/core'
import { AlipaySesame, liveSesameApi } from './alipay/credit'
import { alipayLogin } from './alipay/login'
import { alipayMessages, liveAlipayMessageApi } from './alipay/messages'
import { alipayShipping, liveAlipayOrderSyncApi } from './alipay/shipping'
import { alipayCodes, liveAlipayQrcodeApi } from './alipay/codes'
import { AlipayPay, liveAlipayPayApi } from './alipay/pay'
import { AlipayTransfers, liveAlipayTransferApi } from './alipay/transfers'
import { SandboxCore, loadSandboxKeys } from './sandbox/core'
import { SandboxConfirmPage, SandboxCredit, sandboxPayScore, sandboxSesame } from './sandbox/credit'
import { sandboxLogin } from './sandbox/login'
import { sandboxMessages } from './sandbox/messages'
import { sandboxShipping } from './sandbox/shipping'
import { sandboxCodes } from './sandbox/codes'
import { sandboxActivities } from './sandbox/activities'
import { wechatActivities } from './wechat/activities'
import { alipayMemberCards, liveAlipayGateway } from './alipay/member-cards'
import { liveWechatCardApi, wechatMemberCards } from './wechat/member-cards'
import { SandboxMemberCards } from './sandbox/member-cards'
import { SandboxCashier, SandboxPay, sandboxAlipayPay, sandboxWechatPay } from './sandbox/pay'
import { Kuaidi100Tracking, liveKuaidi100Api } from './kuaidi100/tracking'
import { SandboxKuaidi100, sandboxTracking } from './sandbox/tracking'
import { SandboxTransfers } from './sandbox/transfers'
import { WechatCore } from './wechat/core'
import { WechatPayScore, livePayScoreApi } from './wechat/credit'
import { wechatLogin } from './wechat/login'
import { wechatMessages, wechatTokenSource } from './wechat/messages'
import { wechatShipping } from './wechat/shipping'
import { wechatCodes } from './wechat/codes'
import { WechatPay, liveWechatPayApi } from './wechat/pay'
import { DEFAULT_TRANSFER_SCENE_ID, WechatTransfers, liveWechatTransferApi, type WechatTransferApi } from './wechat/transfers'

/** Tests reach the sandbox's platform side through these (settle a trade, write a notify, decide a confirm). */
export type { SandboxPay } from './sandbox/pay'
export type { SandboxCredit } from './sandbox/credit'

/** The facets each module gets; nothing else of the gateways leaves server/platforms. */
export interface Platforms {
  login: LoginFacets
  pay: PayFacets
  credit: CreditFacets
  messages: MessagesFacets
  /** Shipping uploads and WeChat's receipt check: live per platform with its keys, else the sandbox (kept in sandbox_shipping_calls). */
  shipping: ShippingFacets
  /** Parcel tracking: Kuaidi100 with KUAIDI100_KEY / _CUSTOMER / _SALT, else the sandbox's Kuaidi100. */
  tracking: TrackingFacets
  /** Mini-program codes: WeChat's with the app's keys (WECHAT_APPID/SECRET), Alipay's with its keys, else the sandbox's QR codes. */
  codes: CodesFacets
  /** Paying promoters out: WeChat's 商家转账 with WeChat Pay's keys, Alipay's uni.transfer with Alipay's, else the sandbox (kept in sandbox_transfers). */
  transfers: TransferFacets
  /** WeChat's updatable messages (group share cards): live with the app's keys, else the sandbox's. Alipay has none. */
  activities: ActivitiesFacets
  /** Member cards: Alipay's with its keys, WeChat's with the app's keys, else the live facets over the sandbox (its calls in sandbox_card_calls). */
  memberCards: MemberCardsFacets
  /** Drops the sandbox's notifies not yet sent (the server is closing). */
  stop(): void
}

export interface PlatformOptions {
  /** The sandbox's messages are kept in sandbox_messages. */
  db: Queryable
  now: () => Date
  /** Replaces the login facets (tests). */
  login?: LoginFacets
  /** Delay before the sandbox delivers its own notifies (refund results, credit charges); null: tests deliver them by hand. Default 200 ms. */
  sandboxNotifyDelayMs?: number | null
}

/** A key given as PEM text (\n may be escaped) or file:///absolute/path. */
function readKey(text: string): string {
  if (text.startsWith('file://')) return fs.readFileSync(text.slice('file://'.length), 'utf8')
  return text.replace(/\\n/g, '\n')
}

/** WeChat Pay's merchant side when its keys are configured: the platform public key and / or platform certificates verify notifies. */
function wechatCore(config: Config, now: () => Date): WechatCore | undefined {
  const wp = config.wechatPay
  if (!wp || !config.wechat) return undefined
  const platformKeys = new Map<string, string>()
  if (wp.platformPublicKey && wp.platformPublicKeyId) platformKeys.set(wp.platformPublicKeyId, readKey(wp.platformPublicKey))
  for (const file of wp.platformCerts ?? []) {
    const cert = new crypto.X509Certificate(fs.readFileSync(file))
    platformKeys.set(cert.serialNumber.toUpperCase(), cert.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  }
  return new WechatCore({ appId: config.wechat.appId, mchId: wp.mchId, merchantPrivateKey: readKey(wp.merchantPrivateKey), apiV3Key: wp.apiV3Key, platformKeys }, now, false, wp.merchantSerial)
}

function alipayCore(config: Config): AlipayCore | undefined {
  const a = config.alipay
  if (!a) return undefined
  return new AlipayCore({ appId: a.appId, privateKey: readKey(a.privateKey), alipayPublicKey: readKey(a.publicKey), sellerId: config.alipaySellerId ?? null })
}

/**
 * The gateways, built once at startup. A facet is live when its keys are configured
 * (WeChat Pay: WECHAT_PAY_*; Pay Score also WECHAT_PAYSCORE_SERVICE_ID; Sesame also
 * ALIPAY_ZHIMA_SERVICE_ID and ALIPAY_ZHIMA_CATEGORY), else the sandbox plays it with its own
 * keys (generated once into DATA_DIR). The H5 cashier and confirm page exist when neither
 * payment platform is live. Login and messages are live with the app's keys, else the
 * sandbox's in sandbox mode (no keys at all: sandbox logins for the IDEs) or absent (login, as
 * soon as any key is set) and the sandbox's (messages).
 */
export function buildPlatforms(config: Config, env: Record<string, string | undefined>, o: PlatformOptions): Platforms {
  const notify = (module: 'payments' | 'credit' | 'withdrawals', channel: 'wechat' | 'alipay') => `${config.notifyBaseUrl}/api/${module}/notify/${channel}`
  const wechat = wechatCore(config, o.now)
  const alipay = alipayCore(config)
  const sandbox = !config.wechatPay || !config.alipay ? new SandboxCore(loadSandboxKeys(config.dataDir), o.now, o.sandboxNotifyDelayMs === undefined ? 200 : o.sandboxNotifyDelayMs) : undefined
  const sandboxPay = sandbox && new SandboxPay(sandbox)
  const sandboxCredit = sandbox && new SandboxCredit(sandbox)
  const h5 = sandbox && !config.wechatPay && !config.alipay
  // Sandbox mode (no merchant keys at all): the mini-programs log in, pay and confirm credit in their
  // IDEs through the sandbox (sandbox logins; their shoppers' pay answers and credit confirms carry
  // the in-app cashier's / confirm's ticket). Any key turns all of it off.
  const ide = sandbox && h5 && isSandbox(config) ? sandbox : undefined

  const pay: PayFacets = { byId: {}, sandbox: sandboxPay }
  if (wechat) pay.byId.wechat = new WechatPay(wechat, liveWechatPayApi(wechat.client, wechat.keys.mchId), notify('payments', 'wechat'))
  else if (sandboxPay) pay.byId.wechat = sandboxWechatPay(sandboxPay, notify('payments', 'wechat'), !!ide)
  if (alipay) pay.byId.alipay = new AlipayPay(alipay, liveAlipayPayApi(alipay), notify('payments', 'alipay'))
  else if (sandboxPay) pay.byId.alipay = sandboxAlipayPay(sandboxPay, notify('payments', 'alipay'), !!ide)
  if (h5 && sandboxPay) pay.byId.sandbox = new SandboxCashier(sandboxPay, notify('payments', 'wechat'))

  const credit: CreditFacets = { byId: {}, sandbox: sandboxCredit }
  const payScoreId = env.WECHAT_PAYSCORE_SERVICE_ID
  if (wechat && payScoreId) credit.byId.wechat = new WechatPayScore(wechat, livePayScoreApi(wechat.client, { appId: wechat.keys.appId, serviceId: payScoreId }), notify('credit', 'wechat'), payScoreId)
  else if (sandboxCredit) credit.byId.wechat = sandboxPayScore(sandboxCredit, notify('credit', 'wechat'), !!ide)
  const sesameId = env.ALIPAY_ZHIMA_SERVICE_ID
  if (alipay && sesameId) credit.byId.alipay = new AlipaySesame(alipay, liveSesameApi(alipay), notify('credit', 'alipay'), { serviceId: sesameId, category: env.ALIPAY_ZHIMA_CATEGORY ?? 'RENT_DIGITAL' })
  else if (sandboxCredit) credit.byId.alipay = sandboxSesame(sandboxCredit, notify('credit', 'alipay'), !!ide)
  if (h5 && sandboxCredit) credit.byId.sandbox = new SandboxConfirmPage(sandboxCredit, notify('credit', 'alipay'))

  const login: LoginFacets = o.login ?? {
    wechat: config.wechat ? wechatLogin(config.wechat) : ide ? sandboxLogin(ide, 'wechat') : undefined,
    alipay: alipay ? alipayLogin(alipay) : ide ? sandboxLogin(ide, 'alipay') : undefined,
  }

  // One access_token cache per app id: messages and shipping share it (WeChat invalidates the previous token on renewal).
  const tokens = config.wechat ? wechatTokenSource({ ...config.wechat, fetch, now: o.now }) : undefined
  const inbox = sandboxMessages(o.db, o.now)
  const messages: MessagesFacets = {
    sandbox: inbox,
    byId: {
      sandbox: inbox,
      wechat: config.wechat ? wechatMessages({ ...config.wechat, state: config.messages.wechatState, now: o.now, tokens }) : undefined,
      alipay: alipay ? alipayMessages(liveAlipayMessageApi(alipay)) : undefined,
    },
  }

  const shippingSandbox = sandboxShipping(o.db, o.now)
  const shipping: ShippingFacets = {
    sandbox: shippingSandbox,
    // Live with the app's keys and live WeChat Pay: the transaction_ids we upload are WeChat's own. With app keys
    // but sandbox WeChat Pay, the trades are the sandbox's, which WeChat doesn't know: the sandbox plays it too.
    wechat: config.wechat && tokens && wechat ? wechatShipping({ tokens, appId: config.wechat.appId, merchantId: wechat.keys.mchId, now: o.now }) : shippingSandbox,
    alipay: alipay ? alipayShipping(liveAlipayOrderSyncApi(alipay)) : shippingSandbox,
  }

  // Tracking: the live Kuaidi100 facet over Kuaidi100, or over the sandbox's Kuaidi100 (its salt in the sandbox keys).
  let sandboxKuaidi100: SandboxKuaidi100 | undefined
  let tracking: TrackingFacets
  if (config.kuaidi100) tracking = { facet: new Kuaidi100Tracking(config.kuaidi100, liveKuaidi100Api()) }
  else {
    // loadSandboxKeys always answers a salt (an older key file gets one added).
    const salt = (sandbox?.keys ?? loadSandboxKeys(config.dataDir)).kuaidi100Salt as string
    sandboxKuaidi100 = new SandboxKuaidi100(o.now, config.trackingSandboxStepMs, salt)
    tracking = { facet: sandboxTracking(salt, sandboxKuaidi100), sandbox: sandboxKuaidi100 }
  }

  // Codes: each platform's own with its keys (WeChat's through the shared access_token), else the sandbox draws a plain QR code.
  const sandboxCode = sandboxCodes()
  const codes: CodesFacets = {
    sandbox: sandboxCode,
    wechat: config.wechat && tokens ? wechatCodes({ tokens, envVersion: config.wechatCodeEnv }) : sandboxCode,
    alipay: alipay ? alipayCodes(liveAlipayQrcodeApi(alipay)) : sandboxCode,
  }

  // Transfers: live per platform with its merchant keys, else the sandbox's (its bills in sandbox_transfers); the H5
  // preview's are the sandbox's WeChat side. (WeChat Pay keys without the app's id leave no live WeChat core: the sandbox's then.)
  const transferCore = sandbox ?? (!wechat || !alipay ? new SandboxCore(loadSandboxKeys(config.dataDir), o.now, null) : undefined)
  const sandboxTransfers = transferCore && new SandboxTransfers(transferCore, o.db)
  const sceneId = env.WECHAT_TRANSFER_SCENE_ID || DEFAULT_TRANSFER_SCENE_ID
  const wechatTransfers = (core: WechatCore, api: WechatTransferApi) => new WechatTransfers(core, api, notify('withdrawals', 'wechat'), sceneId)
  const transfers: TransferFacets = {
    wechat: wechat ? wechatTransfers(wechat, liveWechatTransferApi(wechat.client)) : wechatTransfers((sandboxTransfers as SandboxTransfers).core.wechat, (sandboxTransfers as SandboxTransfers).wechatApi),
    // Alipay sends no notify for this product: no notify_url.
    alipay: alipay ? new AlipayTransfers(alipay, liveAlipayTransferApi(alipay), '') : new AlipayTransfers((sandboxTransfers as SandboxTransfers).core.alipay, (sandboxTransfers as SandboxTransfers).alipayApi, ''),
    h5: sandboxTransfers && wechatTransfers(sandboxTransfers.core.wechat, sandboxTransfers.wechatApi),
    sandbox: sandboxTransfers,
  }

  // Updatable messages: WeChat's through the shared access_token, else the sandbox's (in memory).
  const activitySandbox = sandboxActivities(o.now)
  const activities: ActivitiesFacets = { sandbox: activitySandbox, wechat: config.wechat && tokens ? wechatActivities({ tokens, versionType: config.wechatCodeEnv }) : activitySandbox }

  // Member cards: the live facets over the platforms, or over the sandbox's gateway and WeChat (signed with the sandbox keys either way).
  const cardCore = sandbox ?? new SandboxCore(loadSandboxKeys(config.dataDir), o.now, null)
  const sandboxCards = new SandboxMemberCards(cardCore, o.db)
  const memberCards: MemberCardsFacets = {
    alipay: alipay ? alipayMemberCards(alipay, liveAlipayGateway()) : alipayMemberCards(cardCore.alipay, sandboxCards.alipayGateway),
    wechat: config.wechat && tokens ? wechatMemberCards(liveWechatCardApi(tokens), o.now) : wechatMemberCards(sandboxCards.wechatApi, o.now, true),
    sandbox: sandboxCards,
  }

  return {
    login,
    pay,
    activities,
    memberCards,
    credit,
    messages,
    shipping,
    tracking,
    codes,
    transfers,
    stop: () => {
      sandbox?.stop()
      sandboxKuaidi100?.stop()
    },
  }
}
