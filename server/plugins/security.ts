import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import { AppError } from '../lib/errors'

/**
 * Security headers on every answer, and rate limits on the routes an attacker hammers.
 *
 * Headers (helmet): nosniff, no framing (frame-ancestors 'none' and X-Frame-Options), no
 * referrer, and a CSP the H5 build passes: its scripts come from this origin, plus the one
 * inline script Taro writes into index.html, allowed by its hash (read from the build at start,
 * so a rebuild needs a restart, as a new dist does anyway). Styles may be inline: Taro's H5
 * components inject theirs at run time (and antd's CSS-in-JS in the merchant console at
 * /admin/, whose Vite build has no inline script: its module scripts are 'self'; uploaded
 * image previews are blob: URLs). The sandbox cashier and confirm pages send stricter
 * policies of their own, which replace this one.
 *
 * Rate limits: per client address (behind a proxy set TRUST_PROXY, else every client is the
 * proxy), per minute. Login, dev login and staff sign-in, coupon claims: RATE_LIMIT (default 60); mini-program
 * codes and attribution / share-scene posts: twice that (a code miss may call WeChat); platform
 * notifies: ten times that per source, since one WeChat or Alipay server sends for the whole
 * shop. RATE_LIMIT=0 turns limits off (benchmarks, load tests).
 */
export interface SecurityOptions {
  /** Requests per minute per client on the limited routes; 0 = off. */
  rateLimit: number
  /** The built H5 app, whose inline scripts the CSP allows by hash. */
  webRoot?: string
}

/** Which routes are limited, and how many of RATE_LIMIT each gets. */
const LIMITED: { route: RegExp; method?: string; group: string; times: number }[] = [
  { route: /^\/api\/auth\/(wechat|alipay)$/, group: 'login', times: 1 },
  { route: /^\/api\/auth\/dev-login$/, group: 'login', times: 1 },
  // Staff sign-in (not its DELETE, the sign-out): password guessing counts with the other logins.
  { route: /^\/api\/admin\/session$/, method: 'POST', group: 'login', times: 1 },
  { route: /^\/api\/coupons\/center\/:[^/]+\/claim$/, group: 'coupon-claim', times: 1 },
  { route: /^\/api\/(payments|credit|tracking)\/notify\//, group: 'notify', times: 10 },
  // Codes: a miss may call WeChat (5,000 a minute for the whole app); attribution writes a row per visit.
  { route: /^\/api\/codes$/, group: 'codes', times: 2 },
  { route: /^\/api\/(attribution|scenes)$/, method: 'POST', group: 'attribution', times: 2 },
  // After-sales photos: each one is decoded and re-encoded, so a client can't ask for that without end.
  { route: /^\/api\/uploads\/after-sales$/, group: 'after-sale-photo', times: 1 },
]

export const TOO_MANY = '操作太频繁，请稍后再试'

/** sha256 sources for the inline <script> blocks of the H5 app's index.html. */
export function inlineScriptHashes(webRoot: string | undefined): string[] {
  if (!webRoot) return []
  let html: string
  try {
    html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8')
  } catch {
    return []
  }
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`)
}

export async function registerSecurity(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(opts.webRoot)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // blob: for the H5 uploads: Taro's uploadFile reads the picked file back from its blob: URL
        // with an XHR before it posts it (after-sales photos), which 'self' alone blocks.
        connectSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // The app loads nothing cross-origin; this would only break the IDEs' web views for no gain.
    crossOriginEmbedderPolicy: false,
    // Product images are public and the mini-programs (and their IDEs' Chromium simulators) load
    // them from the API's origin, which is never theirs: same-origin would blank every picture.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // An HTTPS deployment's proxy sets HSTS for its own domain; a local http://127.0.0.1 must not get it.
    strictTransportSecurity: false,
  })

  if (opts.rateLimit <= 0) return
  await app.register(rateLimit, {
    global: false,
    timeWindow: 60_000,
    max: opts.rateLimit,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'RATE_LIMITED', `${TOO_MANY}（${Math.ceil(ctx.ttl / 1000)} 秒后可重试）`),
  })
  const limiters = new Map<string, onRequestHookHandler>()
  const limiterFor = (group: string, times: number) => {
    let l = limiters.get(group)
    if (!l) {
      // One counter per group and client, shared by the group's routes (WeChat and Alipay login count together).
      l = app.rateLimit({ max: opts.rateLimit * times, timeWindow: 60_000, keyGenerator: (req) => `${group}:${req.ip}` }) as onRequestHookHandler
      limiters.set(group, l)
    }
    return l
  }
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method)
    const rule = LIMITED.find((r) => r.route.test(route.url ?? route.path) && (!r.method || methods.includes(r.method)))
    if (!rule) return
    const limiter = limiterFor(rule.group, rule.times)
    route.onRequest = [limiter, ...(route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest])]
  })
}
