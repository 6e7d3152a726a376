import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Paged, ProductDetail, ProductSummary, Sku } from '../../src/domain/contract'
import { CONSOLE_DESKTOP, launchChromium, PHONE, pageProblems, reportFailure, sessionTokenOf, settled } from './browser'
import { requireDist, ROOT } from './dist'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from './server'

// The issue-17 e2e tests (test/e2e/promoters.test.ts, gifts.test.ts): one real server serving
// the H5 preview and the console, an owner in the console (signed in with the server's admin
// token) and one phone-sized browser context per shopper, so their sessions stay apart.

/** Both in Beijing time, as the shop is: the app and the console then show the same clock. */
const DESKTOP = { ...CONSOLE_DESKTOP, timezoneId: 'Asia/Shanghai' }
const MOBILE = { ...PHONE, timezoneId: 'Asia/Shanghai' }

/** antd puts a space between the two characters of a two-character button ("通 过"). */
export const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`)

export interface SharingE2e {
  readonly server: TestServer
  readonly owner: Page
  /** A new phone (its own storage) for a shopper; clipboard allowed, so a copied link can be read. `options` add to the context (a geolocation, more permissions). */
  phone(who: string, options?: BrowserContextOptions): Promise<Page>
  /** The H5 app's dev login page: the nickname (the same nickname is the same shopper), then 登录. */
  login(p: Page, nickname: string): Promise<void>
  /** A page that asks a guest to log in (checkout): its 去登录 modal when it shows one, then the dev login. */
  loginFromModal(p: Page, nickname: string): Promise<void>
  /** The shopper's session token as the app keeps it. */
  tokenOf(p: Page): Promise<string>
  /** Only what is visible: Taro's H5 router keeps earlier pages in the DOM, hidden. */
  visible(p: Page, selector: string): ReturnType<Page['locator']>
  /** The sandbox cashier (a server page): 确认支付, then the pay-result page says 支付成功. */
  payAtCashier(p: Page): Promise<void>
  /** The console at `/admin<p>`, its content shown. */
  consoleGo(p: string): Promise<void>
  /** A picture once nothing moves (scrolled to the top unless keepScroll), into docs/screenshots with UPDATE_SCREENSHOTS=1 (else test-results). */
  shot(p: Page, name: string, opts?: { fullPage?: boolean; keepScroll?: boolean }): Promise<void>
  /** A storefront product with a plain (not rental) SKU holding at least `stock`. */
  productWithStock(stock: number): Promise<{ product: ProductDetail; sku: Sku }>
  /** No uncaught page errors and no failed requests so far, but for `known` ones (a refusal the test provoked). */
  clean(known?: readonly RegExp[]): void
}

export function useSharingE2e(name: string): SharingE2e {
  const shots = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : path.join(ROOT, 'test-results/screenshots', name)
  let server: TestServer | undefined
  let browser: Browser | undefined
  let owner: Page | undefined
  const pages = new Map<string, Page>()
  const contexts: BrowserContext[] = []
  // A product without a periodic purchase answers its plan offer 404 PLAN_NOT_OFFERED (the agreed contract); the product page's 周期购 entry then shows nothing.
  const { pageErrors, failedRequests, watch } = pageProblems([/^GET \/api\/products\/\d+\/plan 404$/])
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useSharingE2e: used before its beforeAll ran')
    return v
  }

  beforeAll(async () => {
    requireDist('h5')
    requireDist('console')
    fs.mkdirSync(shots, { recursive: true })
    server = await startTestServer({ h5: true, console: true })
    browser = await launchChromium()
    const desk = await browser.newContext(DESKTOP)
    contexts.push(desk)
    await desk.addInitScript((token) => sessionStorage.setItem('duet.console.token', token), TEST_ADMIN_TOKEN)
    owner = await desk.newPage()
    owner.setDefaultTimeout(15_000)
    watch(owner)
  })

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return
    await reportFailure(name, ctx.task.name, [['owner', owner] as const, ...pages.entries()], { pageErrors, failedRequests })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const visible = (p: Page, selector: string) => p.locator(`${selector}:visible`)
  const e2e: SharingE2e = {
    get server() {
      return ready(server)
    },
    get owner() {
      return ready(owner)
    },
    async phone(who, options = {}) {
      const context = await ready(browser).newContext({ ...MOBILE, ...options })
      contexts.push(context)
      await context.grantPermissions(['clipboard-read', 'clipboard-write', ...(options.permissions ?? [])], { origin: ready(server).url })
      const p = await context.newPage()
      p.setDefaultTimeout(15_000)
      watch(p)
      pages.set(who, p)
      return p
    },
    async login(p, nickname) {
      await visible(p, '.login-button').waitFor({ timeout: 20_000 })
      // The nickname input can render a moment after the button.
      const input = visible(p, '.login-page__input input')
      await input.waitFor({ timeout: 5_000 }).catch(() => {})
      if (await input.count()) await input.fill(nickname)
      await visible(p, '.login-button').click()
      await expect.poll(() => sessionTokenOf(p), { timeout: 15_000 }).toBeTruthy()
    },
    async loginFromModal(p, nickname) {
      // Opened at its address, checkout goes straight to the login page; tapped into, it asks first.
      const modal = p.locator('.taro-modal__foot:visible').getByText('去登录')
      await modal.or(visible(p, '.login-button')).first().waitFor({ timeout: 20_000 })
      if (await modal.count()) await modal.click()
      await e2e.login(p, nickname)
    },
    async tokenOf(p) {
      const token = await sessionTokenOf(p)
      expect(token, 'the session token is kept in storage').toBeTruthy()
      return token!
    },
    visible,
    async payAtCashier(p) {
      await expect.poll(() => p.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
      await p.getByRole('button', { name: '确认支付' }).click()
      await expect.poll(() => p.url(), { timeout: 20_000 }).toContain('pkg-order/pay-result')
      await expect.poll(() => visible(p, '.pay-result__title').innerText(), { timeout: 20_000 }).toBe('支付成功')
    },
    async consoleGo(p) {
      await e2e.owner.goto(`${e2e.server.url}/admin${p}`)
      await e2e.owner.locator('.console-content').waitFor()
    },
    async shot(p, shotName, opts = {}) {
      // Taro's H5 pages scroll inside their own containers: back to the top of each (unless the picture is of a part further down).
      if (!opts.keepScroll) await p.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop > 0 && (el.scrollTop = 0)))
      // A wide table scrolled sideways to reach a control shows from its first column again.
      await p.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollLeft > 0 && (el.scrollLeft = 0)))
      await settled(p)
      // A page just pushed by the H5 router can paint a frame late (one picture came out blank).
      await p.waitForTimeout(300)
      await p.screenshot({ path: path.join(shots, `${shotName}.png`), fullPage: opts.fullPage })
    },
    async productWithStock(stock) {
      const list = await e2e.server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=20&sort=default')
      for (const s of list.items) {
        const product = await e2e.server.get<ProductDetail>(`/api/products/${s.id}`)
        const sku = product.rental ? undefined : product.skus.find((k) => k.stock >= stock)
        if (sku) return { product, sku }
      }
      throw new Error(`the seed has no plain SKU with ${stock} in stock`)
    },
    clean(known = []) {
      expect(pageErrors).toEqual([])
      expect(failedRequests.filter((r) => !known.some((k) => k.test(r)))).toEqual([])
    },
  }
  return e2e
}
