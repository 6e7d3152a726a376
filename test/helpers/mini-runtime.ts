import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { type MiniTarget, requireDist } from './dist'

/**
 * A small mini-program host for tests: it loads a compiled Taro bundle (dist/weapp or
 * dist/alipay) in a fresh V8 context with fake platform globals, runs App/Page the way the
 * host does, keeps each page's data tree by applying Taro's setData paths, and drives pages
 * through the same `eh` event handler the base template binds. The fake `request` is
 * answered by a real HTTP server (usually the Fastify app on loopback).
 *
 * Platform differences live in one table (PLATFORMS) so the same scenario runs on both.
 */

// ---------------------------------------------------------------------------------------
// Platform table

interface RawResponse {
  status: number
  headers: Record<string, string>
  data: unknown
}

interface PlatformSpec {
  /** The host global the bundle talks to. */
  globalName: 'wx' | 'my'
  /** Base template file (what binds `eh`). */
  baseTemplate: string
  /** The template attribute that binds taps, checked against the built base template. */
  tapAttribute: string
  /** Request headers arrive as `header` (WeChat) or `headers` (Alipay, after Taro's adapter). */
  requestHeaders(opts: Record<string, unknown>): Record<string, string>
  /** What the host hands to `success` (or `fail`) for an HTTP answer. */
  respond(res: RawResponse, opts: RequestOpts): void
  networkFail(opts: RequestOpts, message: string): void
  /** Sync storage call shapes. */
  storageSync: 'positional' | 'object'
  /** app.json tabBar list key: `list` (WeChat) or `items` (Alipay). */
  tabListKey: 'list' | 'items'
}

interface RequestOpts {
  url: string
  method?: string
  data?: unknown
  dataType?: string
  success?: (res: unknown) => void
  fail?: (res: unknown) => void
  complete?: (res: unknown) => void
  [key: string]: unknown
}

function callbacks(opts: RequestOpts, ok: boolean, res: unknown) {
  if (ok) opts.success?.(res)
  else opts.fail?.(res)
  opts.complete?.(res)
}

export const PLATFORMS: Record<MiniTarget, PlatformSpec> = {
  weapp: {
    globalName: 'wx',
    baseTemplate: 'base.wxml',
    tapAttribute: 'bindtap="eh"',
    requestHeaders: (opts) => (opts.header as Record<string, string>) ?? {},
    // wx.request: every HTTP answer (2xx, 4xx, 5xx) arrives in success.
    respond: (res, opts) =>
      callbacks(opts, true, { statusCode: res.status, data: res.data, header: res.headers, cookies: [], errMsg: 'request:ok' }),
    networkFail: (opts, message) => callbacks(opts, false, { errMsg: `request:fail ${message}`, errno: 600001 }),
    storageSync: 'positional',
    tabListKey: 'list',
  },
  alipay: {
    globalName: 'my',
    baseTemplate: 'base.axml',
    tapAttribute: 'onTap="eh"',
    requestHeaders: (opts) => (opts.headers as Record<string, string>) ?? {},
    // my.request: 2xx arrive in success as {status, data, headers}; an HTTP error status
    // arrives in fail with error 19 (HTTP error) and the answer attached.
    respond: (res, opts) =>
      res.status >= 200 && res.status < 300
        ? callbacks(opts, true, { status: res.status, data: res.data, headers: res.headers })
        : callbacks(opts, false, {
            error: 19,
            errorMessage: 'http status error',
            status: res.status,
            data: res.data,
            headers: res.headers,
          }),
    networkFail: (opts, message) => callbacks(opts, false, { error: 12, errorMessage: message }),
    storageSync: 'object',
    tabListKey: 'items',
  },
}

// ---------------------------------------------------------------------------------------
// Rendered tree

/** One node of Taro's page data tree (shortcut keys from @tarojs/shared Shortcuts). */
export interface MiniNode {
  nn?: string
  sid?: string
  uid?: string
  cl?: string
  st?: string
  v?: string
  cn?: MiniNode[]
  [prop: string]: unknown
}

function walk(node: MiniNode | undefined, visit: (n: MiniNode, parents: MiniNode[]) => void, parents: MiniNode[] = []) {
  if (!node) return
  visit(node, parents)
  for (const child of node.cn ?? []) walk(child, visit, [...parents, node])
}

export function textOf(node: MiniNode): string {
  let out = ''
  walk(node, (n) => {
    if (typeof n.v === 'string') out += n.v
  })
  return out
}

export function hasClass(node: MiniNode, name: string): boolean {
  return typeof node.cl === 'string' && node.cl.split(/\s+/).includes(name)
}

/** Apply one setData key ("root.cn.[0].cn[1].v") to a data tree, creating parents as needed. */
export function applyPath(target: Record<string, unknown>, key: string, value: unknown) {
  const tokens = [...key.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]))
  let cur: Record<string | number, unknown> = target
  tokens.forEach((tok, i) => {
    if (i === tokens.length - 1) {
      cur[tok] = value
      return
    }
    const next = cur[tok]
    if (next === null || typeof next !== 'object') cur[tok] = typeof tokens[i + 1] === 'number' ? [] : {}
    cur = cur[tok] as Record<string | number, unknown>
  })
}

// ---------------------------------------------------------------------------------------
// Host

export interface HostOptions {
  /** Base URL of the real server the fake `request` forwards to (origin of the app's URL is replaced). */
  serverUrl?: string
  /** Initial storage entries (already-serialised values, as the host keeps them). */
  storage?: Record<string, unknown>
  /** Extra globals for experiments only; the real hosts have none beyond the platform's. */
  globals?: Record<string, unknown>
  /** Print the bundle's console output (off by default, errors are always kept in `errors`). */
  verbose?: boolean
}

export interface ApiCall {
  api: string
  args: unknown[]
}

export interface RequestRecord {
  method: string
  url: string
  status: number
  headers: Record<string, string>
  body?: unknown
  /** The answer's body (parsed JSON when it was JSON). */
  response?: unknown
}

/**
 * How the fake host's cashier (wx.requestPayment / my.tradePay) answers: which callback
 * runs and with what. WeChat: success {errMsg} or fail {errMsg: 'requestPayment:fail cancel'};
 * Alipay: every resultCode (6001 cancel included) arrives in success, fail only when the
 * cashier never opened.
 */
export interface PayAnswer {
  callback: 'success' | 'fail'
  res: Record<string, unknown>
}

/** A test's cashier: gets the call's fields (callbacks stripped) and decides; may be async (e.g. to settle the trade first). */
export type PayHandler = (fields: Record<string, unknown>) => PayAnswer | Promise<PayAnswer>

/** What a shopper who closes the cashier does on each host. */
export const PAY_CANCELLED: Record<MiniTarget, PayAnswer> = {
  weapp: { callback: 'fail', res: { errMsg: 'requestPayment:fail cancel' } },
  alipay: { callback: 'success', res: { resultCode: '6001' } },
}

type AnyFn = (...args: unknown[]) => unknown
type PageConfig = Record<string, unknown> & { data?: unknown }

export interface PageInstance {
  route: string
  query: Record<string, string>
  data: { root?: MiniNode } & Record<string, unknown>
  [key: string]: unknown
}

interface ParsedUrl {
  route: string
  query: Record<string, string>
}

function parseUrl(url: string, from?: string): ParsedUrl {
  const [rawPath, qs = ''] = url.split('?')
  let p = rawPath
  if (!p.startsWith('/') && from) p = path.posix.join(path.posix.dirname(`/${from}`), p)
  const route = p.replace(/^\/+/, '')
  const query: Record<string, string> = {}
  for (const part of qs.split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=')
    query[decodeURIComponent(k)] = decodeURIComponent(v)
  }
  return { route, query }
}

const tick = () => new Promise((r) => setTimeout(r, 5))

export class MiniHost {
  readonly target: MiniTarget
  readonly spec: PlatformSpec
  readonly dir: string
  readonly calls: ApiCall[] = []
  readonly requests: RequestRecord[] = []
  readonly errors: unknown[] = []
  readonly storage = new Map<string, unknown>()
  /** Every page opened, in order (a page may redirect at once, e.g. checkout -> login). */
  readonly opened: string[] = []
  /** Page stack, top last (what getCurrentPages answers). */
  readonly stack: PageInstance[] = []
  /** Live tab pages (they stay alive when another tab is shown). */
  readonly tabs = new Map<string, PageInstance>()
  appConfig: Record<string, AnyFn> | null = null
  /** Answers the platform cashier (wx.requestPayment / my.tradePay); by default the shopper cancels. */
  payHandler: PayHandler = () => PAY_CANCELLED[this.target]
  /**
   * Answers wx.openBusinessView (WeChat only: Pay Score's confirm page); by default the shopper
   * closes it. Alipay's credit confirm is my.tradePay({orderStr}), answered by payHandler.
   */
  businessHandler: PayHandler = () => ({ callback: 'fail', res: { errMsg: 'openBusinessView:fail cancel' } })
  readonly appJson: { pages: string[]; subPackages?: { root: string; pages: string[] }[]; tabBar?: Record<string, { pagePath: string }[]> }

  private readonly context: vm.Context
  /** The fake `wx` / `my` object the bundle sees. */
  readonly api: Record<string, unknown>
  private readonly modules = new Map<string, { exports: unknown }>()
  private lastPageConfig: PageConfig | null = null
  private readonly components: PageConfig[] = []
  private pending = 0
  private readonly options: HostOptions

  constructor(target: MiniTarget, options: HostOptions = {}) {
    this.target = target
    this.spec = PLATFORMS[target]
    this.dir = requireDist(target)
    this.options = options
    this.appJson = JSON.parse(fs.readFileSync(path.join(this.dir, 'app.json'), 'utf8'))
    for (const [k, v] of Object.entries(options.storage ?? {})) this.storage.set(k, v)
    const base = fs.readFileSync(path.join(this.dir, this.spec.baseTemplate), 'utf8')
    if (!base.includes(this.spec.tapAttribute)) {
      throw new Error(`${this.spec.baseTemplate} does not bind ${this.spec.tapAttribute}: the harness's event model is out of date`)
    }
    this.api = this.makeApi()
    this.context = vm.createContext(this.makeGlobals())
  }

  // ---- loading ------------------------------------------------------------------------

  /** require app.js (runtime, taro, vendors, common come with it) and run the app's launch. */
  async launch(entry = this.appJson.pages[0], query: Record<string, string> = {}): Promise<this> {
    this.require('app.js', '')
    if (!this.appConfig) throw new Error(`${this.target}: app.js did not call App()`)
    const opts = { path: entry, query, scene: 1001 }
    this.appConfig.onLaunch?.call(this.appConfig, opts)
    this.appConfig.onShow?.call(this.appConfig, opts)
    await tick()
    return this
  }

  private makeGlobals(): Record<string, unknown> {
    const consoleProxy = {
      log: (...a: unknown[]) => this.options.verbose && console.log(`[${this.target}]`, ...a),
      info: (...a: unknown[]) => this.options.verbose && console.info(`[${this.target}]`, ...a),
      debug: () => {},
      warn: (...a: unknown[]) => this.options.verbose && console.warn(`[${this.target}]`, ...a),
      error: (...a: unknown[]) => {
        this.errors.push(a)
        if (this.options.verbose) console.error(`[${this.target}]`, ...a)
      },
    }
    const g: Record<string, unknown> = {
      console: consoleProxy,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      [this.spec.globalName]: this.api,
      App: (config: Record<string, AnyFn>) => {
        this.appConfig = config
      },
      Page: (config: PageConfig) => {
        this.lastPageConfig = config
      },
      Component: (config: PageConfig) => {
        this.components.push(config)
      },
      Behavior: (config: unknown) => config,
      getApp: () => this.appConfig,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => ({}),
    }
    Object.assign(g, this.options.globals)
    // Alipay's JS engine has a navigator (Taro's Alipay runtime patches its userAgent).
    if (this.target === 'alipay') g.navigator = { userAgent: 'Mozilla/5.0 AlipayClient/10.5.0 MiniProgram', swuserAgent: '' }
    return g
  }

  /** CommonJS loader over the dist folder; module ids are paths relative to it. */
  require(request: string, fromDir: string): unknown {
    let rel = path.posix.normalize(path.posix.join(fromDir, request))
    if (!rel.endsWith('.js')) rel += '.js'
    const cached = this.modules.get(rel)
    if (cached) return cached.exports
    const file = path.join(this.dir, rel)
    if (!fs.existsSync(file)) throw new Error(`${this.target}: require('${request}') from /${fromDir}: ${rel} is not in dist/${this.target}`)
    const module = { exports: {} as unknown }
    this.modules.set(rel, module)
    const code = fs.readFileSync(file, 'utf8')
    const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, this.context, { filename: file }) as AnyFn
    const dir = path.posix.dirname(rel)
    fn((r: unknown) => this.require(String(r), dir === '.' ? '' : dir), module, module.exports)
    return module.exports
  }

  // ---- fake platform API ----------------------------------------------------------------

  private record(api: string, args: unknown[]) {
    this.calls.push({ api, args: JSON.parse(JSON.stringify(args ?? [])) as unknown[] })
  }

  callsOf(api: string): ApiCall[] {
    return this.calls.filter((c) => c.api === api)
  }

  private makeApi(): Record<string, unknown> {
    const ok = (opts: unknown, res: Record<string, unknown> = {}) => {
      const o = (opts ?? {}) as RequestOpts
      setTimeout(() => callbacks(o, true, res), 0)
    }
    const info = {
      brand: 'devtools',
      model: 'iPhone X',
      pixelRatio: 2,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 812,
      statusBarHeight: 44,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 16.0',
      platform: 'devtools',
      SDKVersion: '3.5.0',
      safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 },
    }
    const sync = this.spec.storageSync
    const api: Record<string, unknown> = {
      canIUse: () => true,
      getSystemInfoSync: () => ({ ...info }),
      getSystemInfo: (o: unknown) => ok(o, { ...info }),
      getWindowInfo: () => ({ ...info }),
      getDeviceInfo: () => ({ ...info }),
      getAppBaseInfo: () => ({ ...info }),
      getMenuButtonBoundingClientRect: () => ({ top: 48, left: 281, right: 368, bottom: 80, width: 87, height: 32 }),
      getLaunchOptionsSync: () => ({ path: this.appJson.pages[0], query: {}, scene: 1001 }),
      getEnterOptionsSync: () => ({ path: this.appJson.pages[0], query: {}, scene: 1001 }),
      onAppShow: () => {},
      onAppHide: () => {},
      offAppShow: () => {},
      offAppHide: () => {},
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      request: (opts: RequestOpts) => this.request(opts),
      // storage: WeChat passes (key, data); Alipay {key, data} and answers {data}
      setStorageSync: (...a: unknown[]) => {
        this.record('setStorageSync', a)
        const [key, data] = sync === 'object' ? [(a[0] as { key: string }).key, (a[0] as { data: unknown }).data] : a
        this.storage.set(String(key), JSON.parse(JSON.stringify(data ?? null)))
        return sync === 'object' ? { success: true } : undefined
      },
      getStorageSync: (a: unknown) => {
        const key = sync === 'object' ? (a as { key: string }).key : String(a)
        const has = this.storage.has(key)
        const val = has ? JSON.parse(JSON.stringify(this.storage.get(key))) : sync === 'object' ? null : ''
        return sync === 'object' ? { data: val } : val
      },
      removeStorageSync: (a: unknown) => {
        this.storage.delete(sync === 'object' ? (a as { key: string }).key : String(a))
      },
      clearStorageSync: () => this.storage.clear(),
      setStorage: (o: { key: string; data: unknown }) => {
        this.record('setStorage', [o])
        this.storage.set(o.key, JSON.parse(JSON.stringify(o.data ?? null)))
        ok(o)
      },
      getStorage: (o: RequestOpts & { key: string }) => {
        if (this.storage.has(o.key)) ok(o, { data: JSON.parse(JSON.stringify(this.storage.get(o.key))) })
        else
          setTimeout(() =>
            callbacks(o, false, this.target === 'weapp' ? { errMsg: 'getStorage:fail data not found' } : { error: 11, errorMessage: '找不到' }),
          )
      },
      removeStorage: (o: { key: string }) => {
        this.storage.delete(o.key)
        ok(o)
      },
      clearStorage: (o: unknown) => {
        this.storage.clear()
        ok(o)
      },
      getStorageInfoSync: () => ({ keys: [...this.storage.keys()], currentSize: 0, limitSize: 10240 }),
      // navigation: recorded, and the target page is really opened
      navigateTo: (o: RequestOpts) => this.navigate('navigateTo', o),
      redirectTo: (o: RequestOpts) => this.navigate('redirectTo', o),
      switchTab: (o: RequestOpts) => this.navigate('switchTab', o),
      reLaunch: (o: RequestOpts) => this.navigate('reLaunch', o),
      navigateBack: (o: RequestOpts & { delta?: number }) => this.navigate('navigateBack', o),
      createSelectorQuery: () => {
        const q: Record<string, unknown> = {}
        const chain = () => q
        Object.assign(q, {
          in: chain,
          select: chain,
          selectAll: chain,
          selectViewport: chain,
          boundingClientRect: chain,
          scrollOffset: chain,
          fields: chain,
          node: chain,
          exec: (cb?: (r: unknown[]) => void) => setTimeout(() => cb?.([]), 0),
        })
        return q
      },
      createIntersectionObserver: () => ({ relativeToViewport: function () { return this }, relativeTo: function () { return this }, observe: () => {}, disconnect: () => {} }),
    }
    // Calls that only show something or report success: recorded, answered with success.
    const recorded = [
      'showToast', 'hideToast', 'showLoading', 'hideLoading', 'showModal', 'showActionSheet',
      'setTabBarBadge', 'removeTabBarBadge', 'showTabBarRedDot', 'hideTabBarRedDot',
      'setNavigationBarTitle', 'setNavigationBar', 'setNavigationBarColor', 'showNavigationBarLoading', 'hideNavigationBarLoading',
      'stopPullDownRefresh', 'startPullDownRefresh', 'pageScrollTo', 'previewImage', 'vibrateShort',
      'showShareMenu', 'hideShareMenu', 'setClipboardData', 'makePhoneCall', 'chooseAddress',
      'requestSubscribeMessage', 'checkIsAddedToMyMiniProgram', 'reportAnalytics', 'getNetworkType', 'onNetworkStatusChange',
      'offNetworkStatusChange', 'setBackgroundColor', 'setBackgroundTextStyle', 'hideKeyboard', 'confirm', 'alert',
    ]
    const answers: Record<string, Record<string, unknown>> = {
      showModal: { confirm: true, cancel: false },
      confirm: { confirm: true },
      getNetworkType: { networkType: 'wifi' },
      chooseAddress: { errMsg: 'chooseAddress:fail cancel' },
    }
    // Alipay's own share panel (my.showSharePanel, no WeChat twin: WeChat shares from <button open-type="share">).
    if (this.target === 'alipay') recorded.push('showSharePanel')
    for (const name of recorded) {
      api[name] = (o: unknown, ...rest: unknown[]) => {
        this.record(name, [o, ...rest])
        // The host refuses tab bar calls while no tab page is showing.
        if (/TabBar/.test(name) && !this.isTab(this.stack[this.stack.length - 1]?.route ?? '')) {
          setTimeout(() => callbacks((o ?? {}) as RequestOpts, false, { errMsg: `${name}:fail not TabBar page` }), 0)
          return
        }
        if (name === 'chooseAddress') {
          setTimeout(() => callbacks((o ?? {}) as RequestOpts, false, answers.chooseAddress), 0)
          return
        }
        if (typeof o === 'object' && o) ok(o, answers[name] ?? {})
      }
    }
    if (this.target === 'weapp') {
      api.login = (o: unknown) => {
        this.record('login', [o])
        ok(o, { code: `test-code-${this.calls.length}`, errMsg: 'login:ok' })
      }
    } else {
      api.getAuthCode = (o: unknown) => {
        this.record('getAuthCode', [o])
        ok(o, { authCode: `test-auth-${this.calls.length}` })
      }
    }
    // The platform cashier: each host has only its own (Taro maps neither onto the other).
    api[this.target === 'weapp' ? 'requestPayment' : 'tradePay'] = (o: RequestOpts) => this.cashier(this.target === 'weapp' ? 'requestPayment' : 'tradePay', o)
    // WeChat's business views (Pay Score confirm); Alipay has none.
    if (this.target === 'weapp') api.openBusinessView = (o: RequestOpts) => this.cashier('openBusinessView', o, this.businessHandler)
    return api
  }

  private cashier(name: string, opts: RequestOpts, handler: PayHandler = this.payHandler) {
    this.record(name, [opts])
    const fields = JSON.parse(JSON.stringify(opts ?? {})) as Record<string, unknown>
    this.pending++
    Promise.resolve()
      .then(() => handler(fields))
      .then(
        (answer) => {
          this.pending--
          callbacks(opts, answer.callback === 'success', answer.res)
        },
        (err: unknown) => {
          this.pending--
          this.errors.push(err)
          callbacks(opts, false, this.target === 'weapp' ? { errMsg: `${name}:fail ${String(err)}` } : { error: 3, errorMessage: String(err) })
        },
      )
  }

  private request(opts: RequestOpts) {
    const method = (opts.method ?? 'GET').toUpperCase()
    const headers = { ...this.spec.requestHeaders(opts) }
    let url = opts.url
    const base = this.options.serverUrl
    const controller = new AbortController()
    this.pending++
    const done = () => {
      this.pending--
    }
    const run = async () => {
      if (!base) throw new Error(`no server for ${method} ${url}`)
      const u = new URL(url, base)
      const target = new URL(u.pathname + u.search, base)
      let body: string | undefined
      if (opts.data !== undefined && opts.data !== null) {
        if (method === 'GET') {
          for (const [k, v] of Object.entries(opts.data as Record<string, unknown>)) target.searchParams.set(k, String(v))
        } else {
          body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data)
        }
      }
      url = target.toString()
      const res = await fetch(target, { method, headers, body, signal: controller.signal })
      const text = await res.text()
      let data: unknown = text
      if ((opts.dataType ?? 'json') === 'json') {
        try {
          data = JSON.parse(text)
        } catch {
          data = text
        }
      }
      const h: Record<string, string> = {}
      res.headers.forEach((v, k) => {
        h[k] = v
      })
      this.requests.push({ method, url: target.pathname + target.search, status: res.status, headers, body: body ? JSON.parse(body) : undefined, response: data })
      return { status: res.status, headers: h, data }
    }
    run().then(
      (res) => {
        done()
        this.spec.respond(res, opts)
      },
      (err: Error) => {
        done()
        this.requests.push({ method, url, status: 0, headers })
        this.spec.networkFail(opts, err.message)
      },
    )
    return { abort: () => controller.abort(), onHeadersReceived: () => {}, offHeadersReceived: () => {} }
  }

  // ---- pages ----------------------------------------------------------------------------

  isTab(route: string): boolean {
    return (this.appJson.tabBar?.[this.spec.tabListKey] ?? []).some((t) => t.pagePath === route)
  }

  get current(): PageInstance {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open')
    return top
  }

  /** Load a page module and run onLoad/onShow/onReady like the host does when it opens it. */
  private async openPage(route: string, query: Record<string, string>): Promise<PageInstance> {
    const file = `${route}.js`
    this.lastPageConfig = null
    const known = this.modules.get(file)
    let config: PageConfig | null
    if (known) config = (known as unknown as { pageConfig: PageConfig }).pageConfig
    else {
      this.require(file, '')
      config = this.lastPageConfig
      if (!config) throw new Error(`${this.target}: ${file} did not call Page()`)
      ;(this.modules.get(file) as unknown as { pageConfig: PageConfig }).pageConfig = config
    }
    const inst = Object.create(null) as PageInstance
    for (const [k, v] of Object.entries(config)) {
      if (k === 'data') continue
      inst[k] = typeof v === 'function' ? (v as AnyFn).bind(inst) : v
    }
    // The host clones the initial data per instance and serialises every setData.
    inst.data = JSON.parse(JSON.stringify(config.data ?? {}))
    inst.route = route
    inst.__route__ = route
    inst.query = query
    inst.options = query
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      const clean = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>
      for (const [k, v] of Object.entries(clean)) applyPath(inst.data, k, v)
      if (cb) setTimeout(cb, 0)
    }
    if (this.target === 'alipay') inst.$viewId = String(this.calls.length)
    this.stack.push(inst)
    this.opened.push(route)
    const call = (name: string, ...args: unknown[]) => {
      const fn = inst[name]
      if (typeof fn === 'function') (fn as AnyFn)(...args)
    }
    call('onLoad', { ...query })
    call('onShow')
    call('onReady')
    await this.settle()
    return inst
  }

  private hide(inst: PageInstance | undefined) {
    if (inst && typeof inst.onHide === 'function') (inst.onHide as AnyFn)()
  }

  private unload(inst: PageInstance | undefined) {
    if (inst && typeof inst.onUnload === 'function') (inst.onUnload as AnyFn)()
  }

  private async navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', o: RequestOpts & { delta?: number }) {
    this.record(kind, [o])
    const from = this.stack[this.stack.length - 1]?.route
    try {
      if (kind === 'navigateBack') {
        const delta = Math.max(1, o.delta ?? 1)
        for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop())
        const top = this.stack[this.stack.length - 1]
        if (top && typeof top.onShow === 'function') (top.onShow as AnyFn)()
      } else {
        const { route, query } = parseUrl(o.url, from)
        const isTab = this.isTab(route)
        if (kind === 'switchTab' && !isTab) throw new Error(`switchTab:fail can not switch to no-tabBar page ${route}`)
        if (kind !== 'switchTab' && kind !== 'reLaunch' && isTab) throw new Error(`${kind}:fail can not ${kind} a tabbar page ${route}`)
        if (!this.allPages().includes(route)) throw new Error(`${kind}:fail page "${route}" is not found`)
        await this.open(kind, route, query)
      }
      callbacks(o, true, { errMsg: `${kind}:ok` })
    } catch (err) {
      this.errors.push(err)
      callbacks(o, false, { errMsg: (err as Error).message })
    }
  }

  private async open(kind: string, route: string, query: Record<string, string>) {
    if (kind === 'navigateTo') {
      this.hide(this.stack[this.stack.length - 1])
      await this.openPage(route, query)
    } else if (kind === 'redirectTo') {
      this.unload(this.stack.pop())
      await this.openPage(route, query)
    } else {
      // switchTab / reLaunch: pages above the tabs are closed; a live tab is shown again.
      while (this.stack.length) {
        const p = this.stack.pop()!
        if (kind === 'switchTab' && this.tabs.get(p.route) === p) this.hide(p)
        else {
          this.unload(p)
          this.tabs.delete(p.route)
        }
      }
      const live = kind === 'switchTab' ? this.tabs.get(route) : undefined
      if (live) {
        this.stack.push(live)
        if (typeof live.onShow === 'function') (live.onShow as AnyFn)()
        await this.settle()
      } else {
        const inst = await this.openPage(route, query)
        if (this.isTab(route)) this.tabs.set(route, inst)
      }
    }
  }

  allPages(): string[] {
    return [...this.appJson.pages, ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  }

  /** The shopper taps a tab in the native tab bar: the tab page is shown (loaded the first time). */
  async switchTab(route: string): Promise<PageInstance> {
    const r = route.replace(/^\/+/, '')
    if (!this.isTab(r)) throw new Error(`${r} is not a tab page`)
    await this.open('switchTab', r, {})
    const page = this.current
    if (typeof page.onTabItemTap === 'function') (page.onTabItemTap as AnyFn)({ pagePath: r, text: '', index: 0 })
    await this.settle()
    return page
  }

  /** Open a page as the first page (reLaunch semantics), e.g. `host.goto('pages/index/index')`. */
  async goto(url: string): Promise<PageInstance> {
    const { route, query } = parseUrl(url)
    await this.open('reLaunch', route, query)
    return this.current
  }

  /** Let timers, requests and React's updates run until nothing is in flight. */
  async settle(rounds = 3) {
    for (let i = 0; i < rounds || this.pending > 0; i++) {
      await tick()
      if (i > 400) break
    }
  }

  // ---- queries on the current page ------------------------------------------------------

  root(page: PageInstance = this.current): MiniNode {
    return (page.data.root ?? { cn: [] }) as MiniNode
  }

  nodes(page: PageInstance = this.current): MiniNode[] {
    const out: MiniNode[] = []
    walk(this.root(page), (n) => out.push(n))
    return out
  }

  /** All rendered text of the page, in document order, one string per text node. */
  texts(page: PageInstance = this.current): string[] {
    return this.nodes(page)
      .filter((n) => typeof n.v === 'string' && n.v.trim() !== '')
      .map((n) => (n.v as string).trim())
  }

  text(page: PageInstance = this.current): string {
    return textOf(this.root(page))
  }

  findByClass(name: string, page: PageInstance = this.current): MiniNode[] {
    return this.nodes(page).filter((n) => hasClass(n, name))
  }

  /** Elements whose own text (including descendants) contains `text`; innermost first. */
  findByText(text: string | RegExp, page: PageInstance = this.current): MiniNode[] {
    const match = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s))
    return this.nodes(page)
      .filter((n) => n.sid && typeof n.v !== 'string' && match(textOf(n)))
      .reverse()
  }

  // ---- events ---------------------------------------------------------------------------

  /**
   * Fire an event the way the base template does: `eh` receives the host event whose
   * currentTarget/target carry the node's id (uid||sid) and data-sid; Taro looks the
   * element up by that id and dispatches to its React handler (bubbling like the DOM).
   */
  async fire(node: MiniNode, type: string, detail: Record<string, unknown> = {}, page: PageInstance = this.current) {
    if (!node.sid) throw new Error(`cannot fire ${type} on a node without sid (text node?)`)
    const handler = page.eh
    if (typeof handler !== 'function') throw new Error(`${page.route} has no eh handler`)
    const target = { id: node.uid || node.sid, dataset: { sid: node.sid }, targetDataset: { sid: node.sid } }
    const event = {
      type,
      timeStamp: Date.now(),
      detail,
      target,
      currentTarget: { id: node.uid || node.sid, dataset: { sid: node.sid } },
      touches: [],
      changedTouches: [],
    }
    ;(handler as AnyFn)(event)
    await this.settle()
  }

  tap(node: MiniNode, page?: PageInstance) {
    return this.fire(node, 'tap', { x: 0, y: 0 }, page)
  }

  async input(node: MiniNode, value: string, page?: PageInstance) {
    await this.fire(node, 'input', { value, cursor: value.length, keyCode: 0 }, page)
  }

  async confirm(node: MiniNode, value: string, page?: PageInstance) {
    await this.fire(node, 'confirm', { value }, page)
  }

  /** Poll until predicate returns a truthy value; fails with `what` and the page text. */
  async waitFor<T>(predicate: () => T | undefined | null | false, what = 'condition', timeoutMs = 10_000): Promise<T> {
    const start = Date.now()
    let lastErr: unknown
    while (Date.now() - start < timeoutMs) {
      try {
        const v = predicate()
        if (v) return v
      } catch (err) {
        lastErr = err
      }
      await tick()
    }
    let page = ''
    try {
      page = `${this.current.route}: ${this.texts().join(' | ').slice(0, 1500)}`
    } catch {
      page = '(no page)'
    }
    throw new Error(`${this.target}: timed out waiting for ${what}${lastErr ? ` (${String(lastErr)})` : ''}\npage ${page}\nerrors: ${this.errors.map(String).join('; ').slice(0, 1500)}`)
  }

  /** Wait for a node with this class, optionally matching text. */
  waitForClass(name: string, text?: string | RegExp, timeoutMs?: number): Promise<MiniNode> {
    return this.waitFor(
      () => this.findByClass(name).find((n) => text === undefined || (typeof text === 'string' ? textOf(n).includes(text) : text.test(textOf(n)))),
      `.${name}${text ? ` with ${String(text)}` : ''}`,
      timeoutMs,
    )
  }
}

export async function launchMini(target: MiniTarget, options: HostOptions = {}): Promise<MiniHost> {
  const host = new MiniHost(target, options)
  await host.launch()
  return host
}
