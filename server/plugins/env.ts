import { DEFAULT_AUTO_CONFIRM_DAYS } from '../../src/domain/shipping'
import { DEFAULT_GIFT_CLAIM_HOURS } from '../../src/domain/gifts'
import { z } from 'zod'
import { parseTemplateList, type MessageConfig } from '../modules/messages/templates'
import { DEFAULT_AFTER_SALE_POLICY, type AfterSalePolicy } from '../../src/domain/after-sales'

/**
 * Configuration from the environment, validated once at start. Secrets stay in here and are
 * never logged; `describeConfig` prints only what a developer needs to see.
 */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined))

/** "15" (minutes), "90s", "15m", "1h" -> milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim())
  if (!m) throw new Error(`not a duration: "${text}" (use e.g. 15m, 90s, 1h)`)
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'm') as 'ms' | 's' | 'm' | 'h']
  return Math.round(Number(m[1]) * unit)
}

/** An env duration ("90s", "15m"), parsed to milliseconds; a bad one or one under `minMs` stops the start with its name. */
function duration(fallback: string, minMs = 0) {
  return z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      try {
        const ms = parseDuration(v)
        if (ms < minMs) throw new Error(`must be at least ${minMs / 1000}s`)
        return ms
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message })
        return z.NEVER
      }
    })
}

/** Anything that signs sessions or opens the admin API must be hard to guess: 32 bytes or more. */
const MIN_SECRET_BYTES = 32
const secret = (name: string) =>
  optionalText.refine((v) => v === undefined || Buffer.byteLength(v, 'utf8') >= MIN_SECRET_BYTES, {
    message: `${name} is too short: use at least ${MIN_SECRET_BYTES} bytes, e.g. the output of \`openssl rand -hex 32\``,
  })

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().default('.data'),
  ORDER_TTL: duration('15m', 1000),
  SESSION_SECRET: secret('SESSION_SECRET'),
  ADMIN_TOKEN: secret('ADMIN_TOKEN'),
  /** How long a console sign-in lasts (staff sessions); at least a minute. */
  STAFF_SESSION_TTL: duration('12h', 60_000),
  WECHAT_APPID: optionalText,
  WECHAT_SECRET: optionalText,
  ALIPAY_APPID: optionalText,
  ALIPAY_PRIVATE_KEY: optionalText,
  ALIPAY_PUBLIC_KEY: optionalText,
  // Payments (server/modules/payments). Keys are PEM text or file:///absolute/path.
  WECHAT_MCHID: optionalText,
  WECHAT_APIV3_KEY: optionalText,
  WECHAT_MERCHANT_SERIAL: optionalText,
  WECHAT_MERCHANT_PRIVATE_KEY: optionalText,
  WECHAT_PLATFORM_PUBLIC_KEY: optionalText,
  WECHAT_PLATFORM_PUBLIC_KEY_ID: optionalText,
  /** Platform certificates (certificate mode): comma-separated PEM file paths. */
  WECHAT_PLATFORM_CERTS: optionalText,
  ALIPAY_SELLER_ID: optionalText,
  /** Public base URL the platforms post notifies to, e.g. https://shop.example.com */
  NOTIFY_BASE_URL: optionalText,
  // Subscription messages (server/modules/messages): "order_paid=TEMPLATE_ID,order_shipped=…".
  WECHAT_MESSAGE_TEMPLATES: optionalText,
  ALIPAY_MESSAGE_TEMPLATES: optionalText,
  /** How long before an unpaid order closes the shopper is reminded; 0 turns the reminder off. */
  MESSAGE_CLOSING_SOON: duration('5m'),
  /** How long a message waits for the shopper's consent after its event (the dialog opens in the payment callback). */
  MESSAGE_CONSENT_WAIT: duration('60s'),
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** Which version of the mini-program a WeChat code opens (getwxacodeunlimit env_version). */
  WECHAT_CODE_ENV: z.enum(['release', 'trial', 'develop']).default('release'),
  // Parcel tracking (server/modules/tracking): Kuaidi100 when all three are set, else the sandbox plays it.
  KUAIDI100_KEY: optionalText,
  KUAIDI100_CUSTOMER: optionalText,
  KUAIDI100_SALT: optionalText,
  /** The sandbox's Kuaidi100: milliseconds between two states of a parcel (0: only tests move them). */
  TRACKING_SANDBOX_STEP_MS: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
  /** Parcels the provider has said nothing about for this long are asked (the polling fallback). */
  TRACKING_POLL_AFTER: duration('6h', 60_000),
  /** Days an unverified notify audit row is kept (payment_notifies, credit_notifies); verified ones stay. */
  /** Days after shipping an order the shopper hasn't confirmed is confirmed by the sweeper. */
  ORDER_AUTO_CONFIRM_DAYS: z.coerce.number().int().min(1).max(90).default(DEFAULT_AUTO_CONFIRM_DAYS),
  /** Hours a paid gift (送礼) can be claimed; shares nobody claimed by then are refunded to the giver. */
  GIFT_CLAIM_HOURS: z.coerce.number().int().min(1).max(720).default(DEFAULT_GIFT_CLAIM_HOURS),
  NOTIFY_AUDIT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  CATALOG_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Requests per minute per client on login, dev login, coupon claims (notifies: ten times that); 0 = off. */
  RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(60),
  /** Behind a reverse proxy: `true`, the number of proxies, or their addresses (comma-separated), so req.ip is the client's. */
  TRUST_PROXY: optionalText,
  // After-sales (server/modules/after-sales), in days: the window after receipt, the shop's time
  // to answer before a request is approved, the shopper's time to send goods back.
  AFTER_SALES_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(DEFAULT_AFTER_SALE_POLICY.windowDays),
  AFTER_SALES_ANSWER_DAYS: z.coerce.number().int().min(1).max(90).default(DEFAULT_AFTER_SALE_POLICY.answerDays),
  AFTER_SALES_RETURN_DAYS: z.coerce.number().int().min(1).max(90).default(DEFAULT_AFTER_SALE_POLICY.returnDays),
  /** Where returns go, "name|phone|address"; unset: a demo address (fine for the sandbox, set it for a live shop). */
  AFTER_SALES_RETURN_ADDRESS: optionalText.refine((v) => v === undefined || /^[^|]+\|[^|]+\|[^|]+$/.test(v), { message: 'use "name|phone|address"' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export interface Config {
  port: number
  host: string
  databaseUrl?: string
  dataDir: string
  orderTtlMs: number
  /** ORDER_AUTO_CONFIRM_DAYS (default DEFAULT_AUTO_CONFIRM_DAYS, 10). */
  autoConfirmDays: number
  /** GIFT_CLAIM_HOURS (default DEFAULT_GIFT_CLAIM_HOURS, 24): how long a paid gift can be claimed. */
  giftClaimHours: number
  sessionSecret?: string
  sessionTtlSec: number
  adminToken?: string
  /** How long a staff (console) session lasts, ms. */
  staffSessionTtlMs: number
  wechat?: { appId: string; secret: string }
  alipay?: { appId: string; privateKey: string; publicKey: string }
  /** WeChat Pay v3 merchant keys; unset = the payment sandbox plays WeChat Pay. */
  wechatPay?: {
    mchId: string
    apiV3Key: string
    merchantSerial: string
    merchantPrivateKey: string
    platformPublicKey?: string
    platformPublicKeyId?: string
    platformCerts?: string[]
  }
  alipaySellerId?: string
  notifyBaseUrl: string
  logLevel: string
  /** Requests per minute per client on the limited routes (see plugins/security.ts); 0 = off. */
  rateLimit: number
  /** Fastify's trustProxy: whose X-Forwarded-For to believe. */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean)
  /** How long catalog reads may be answered from memory (0 = always read the database). */
  catalogCacheMs: number
  /** How long unverified notify audit rows are kept (ms). */
  notifyAuditMs: number
  /** Sweeper period: how often unpaid orders past their time are closed. */
  sweepIntervalMs: number
  /** Subscription message templates per platform and the closing-soon window. */
  messages: MessageConfig
  /** After-sales timers (days) and where returns are sent. */
  afterSales: AfterSalePolicy & { returnAddress: { name: string; phone: string; address: string } }
  /** Kuaidi100's keys (KUAIDI100_KEY, _CUSTOMER, _SALT); unset = the sandbox plays Kuaidi100. Secrets: never logged. */
  kuaidi100?: { key: string; customer: string; salt: string }
  /** The sandbox's Kuaidi100: ms between a parcel's states; null: only tests move them. */
  trackingSandboxStepMs: number | null
  /** How long a parcel may go without news before the sweep asks the provider (ms). */
  trackingPollAfterMs: number
  /** WECHAT_CODE_ENV: the mini-program version WeChat codes open (release checks the page exists; trial / develop don't). */
  wechatCodeEnv: 'release' | 'trial' | 'develop'
}

/** The sandbox's return address when AFTER_SALES_RETURN_ADDRESS is unset. */
export const DEMO_RETURN_ADDRESS = { name: 'Duet 售后组', phone: '400-000-0000', address: '上海市浦东新区演示路 1 号 售后仓' }

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(`Bad environment: ${first.path.join('.')}: ${first.message}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    orderTtlMs: e.ORDER_TTL,
    autoConfirmDays: e.ORDER_AUTO_CONFIRM_DAYS,
    giftClaimHours: e.GIFT_CLAIM_HOURS,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlSec: 30 * 24 * 3600,
    adminToken: e.ADMIN_TOKEN,
    staffSessionTtlMs: e.STAFF_SESSION_TTL,
    wechat: e.WECHAT_APPID && e.WECHAT_SECRET ? { appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET } : undefined,
    alipay:
      e.ALIPAY_APPID && e.ALIPAY_PRIVATE_KEY && e.ALIPAY_PUBLIC_KEY
        ? { appId: e.ALIPAY_APPID, privateKey: e.ALIPAY_PRIVATE_KEY, publicKey: e.ALIPAY_PUBLIC_KEY }
        : undefined,
    wechatPay:
      e.WECHAT_APPID && e.WECHAT_MCHID && e.WECHAT_APIV3_KEY && e.WECHAT_MERCHANT_SERIAL && e.WECHAT_MERCHANT_PRIVATE_KEY && ((e.WECHAT_PLATFORM_PUBLIC_KEY && e.WECHAT_PLATFORM_PUBLIC_KEY_ID) || e.WECHAT_PLATFORM_CERTS)
        ? {
            mchId: e.WECHAT_MCHID,
            apiV3Key: e.WECHAT_APIV3_KEY,
            merchantSerial: e.WECHAT_MERCHANT_SERIAL,
            merchantPrivateKey: e.WECHAT_MERCHANT_PRIVATE_KEY,
            platformPublicKey: e.WECHAT_PLATFORM_PUBLIC_KEY,
            platformPublicKeyId: e.WECHAT_PLATFORM_PUBLIC_KEY_ID,
            platformCerts: e.WECHAT_PLATFORM_CERTS?.split(',').map((x) => x.trim()).filter(Boolean),
          }
        : undefined,
    alipaySellerId: e.ALIPAY_SELLER_ID,
    notifyBaseUrl: (e.NOTIFY_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    rateLimit: e.RATE_LIMIT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    catalogCacheMs: e.CATALOG_CACHE_MS,
    notifyAuditMs: e.NOTIFY_AUDIT_DAYS * 86_400_000,
    sweepIntervalMs: Math.min(30_000, Math.max(1000, Math.floor(e.ORDER_TTL / 4))),
    messages: {
      templates: {
        weapp: parseTemplateList(e.WECHAT_MESSAGE_TEMPLATES, 'WECHAT_MESSAGE_TEMPLATES'),
        alipay: parseTemplateList(e.ALIPAY_MESSAGE_TEMPLATES, 'ALIPAY_MESSAGE_TEMPLATES'),
      },
      closingSoonMs: e.MESSAGE_CLOSING_SOON,
      consentWaitMs: e.MESSAGE_CONSENT_WAIT,
      wechatState: e.WECHAT_MINIPROGRAM_STATE,
    },
    afterSales: {
      windowDays: e.AFTER_SALES_WINDOW_DAYS,
      answerDays: e.AFTER_SALES_ANSWER_DAYS,
      returnDays: e.AFTER_SALES_RETURN_DAYS,
      returnAddress: parseReturnAddress(e.AFTER_SALES_RETURN_ADDRESS),
    },
    kuaidi100: e.KUAIDI100_KEY && e.KUAIDI100_CUSTOMER && e.KUAIDI100_SALT ? { key: e.KUAIDI100_KEY, customer: e.KUAIDI100_CUSTOMER, salt: e.KUAIDI100_SALT } : undefined,
    trackingSandboxStepMs: e.TRACKING_SANDBOX_STEP_MS === 0 ? null : e.TRACKING_SANDBOX_STEP_MS,
    trackingPollAfterMs: e.TRACKING_POLL_AFTER,
    wechatCodeEnv: e.WECHAT_CODE_ENV,
  }
}

function parseReturnAddress(v: string | undefined): Config['afterSales']['returnAddress'] {
  if (!v) return DEMO_RETURN_ADDRESS
  const [name, phone, address] = v.split('|').map((x) => x.trim())
  return { name, phone, address }
}

function parseTrustProxy(v: string | undefined): Config['trustProxy'] {
  if (!v || v === 'false') return false
  if (v === 'true') return true
  // A hop count: believe that many proxies in front of us (what proxy-addr does with a number).
  if (/^\d+$/.test(v)) return (_address: string, hop: number) => hop < Number(v)
  return v.split(',').map((x) => x.trim()).filter(Boolean)
}

/** Sandbox mode: no merchant keys at all. Dev login and the sandbox providers are on. */
export function isSandbox(c: Pick<Config, 'wechat' | 'alipay'>): boolean {
  return !c.wechat && !c.alipay
}

/** What start-up prints: no secrets, no database password. */
export function describeConfig(c: Config): string[] {
  const db = c.databaseUrl ? `PostgreSQL ${redactUrl(c.databaseUrl)}` : `PGlite (embedded) in ${c.dataDir}`
  return [
    isSandbox(c)
      ? 'Mode: SANDBOX (no merchant keys: WECHAT_APPID/WECHAT_SECRET, ALIPAY_APPID/ALIPAY_PRIVATE_KEY/ALIPAY_PUBLIC_KEY); dev login is on'
      : `Mode: LIVE (${[c.wechat && 'WeChat', c.alipay && 'Alipay'].filter(Boolean).join(' + ')} keys configured); dev login is off`,
    `Payments: WeChat Pay ${c.wechatPay && c.wechat ? 'LIVE' : 'sandbox'}, Alipay ${c.alipay ? 'LIVE' : 'sandbox'}; notifies at ${c.notifyBaseUrl}/api/payments/notify/{wechat,alipay}`,
    `Database: ${db}`,
    `Unpaid orders close after ${Math.round(c.orderTtlMs / 1000)} s`,
    `Messages: WeChat ${c.wechat ? `LIVE, ${Object.keys(c.messages.templates.weapp).length} template(s)` : 'sandbox'}, Alipay ${c.alipay ? `LIVE, ${Object.keys(c.messages.templates.alipay).length} template(s)` : 'sandbox'}; sandbox messages at /api/admin/messages`,
    `Tracking: ${c.kuaidi100 ? 'Kuaidi100 LIVE' : `sandbox (parcels move every ${c.trackingSandboxStepMs === null ? 'never on their own' : `${Math.round(c.trackingSandboxStepMs / 1000)} s`})`}; pushes at ${c.notifyBaseUrl}/api/tracking/notify/kuaidi100`,
    c.rateLimit > 0 ? `Rate limits: ${c.rateLimit}/min per client on logins (shoppers' and staff's) and coupon claims${c.trustProxy === false ? ' (no TRUST_PROXY: behind a proxy every client counts as one)' : ''}` : 'Rate limits: off (RATE_LIMIT=0)',
    `Admin API: staff sign-in (sessions last ${c.staffSessionTtlMs % 3_600_000 === 0 ? `${c.staffSessionTtlMs / 3_600_000} h` : `${Math.round(c.staffSessionTtlMs / 60_000)} min`})${c.adminToken ? ' and ADMIN_TOKEN (owner-level, for scripts)' : '; ADMIN_TOKEN not set'}`,
  ]
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparsable DATABASE_URL)'
  }
}
