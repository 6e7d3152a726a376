import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { Address, Order, ProductDetail } from '../../src/domain/contract'
import { CONSOLE_DESKTOP, launchChromium } from './browser'

// Helpers for the merchant console's e2e test (test/e2e/console.test.ts): shoppers and paid
// orders made through the shopper API, so the console has real orders to ship and refund.

async function call<T>(base: string, method: string, apiPath: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${base}${apiPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${apiPath} -> ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** A sandbox H5 shopper (dev login), with a delivery address. */
export async function shopper(base: string, nickname: string): Promise<{ token: string; addressId: number }> {
  const { token } = await call<{ token: string }>(base, 'POST', '/api/auth/dev-login', { nickname })
  const address = await call<Address>(base, 'POST', '/api/addresses', { name: '王小二', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)
  return { token, addressId: address.id }
}

/** Places an order for `lines` and pays it at the sandbox cashier; returns the paid order. */
export async function paidOrder(base: string, buyer: { token: string; addressId: number }, lines: { skuId: number; quantity: number }[]): Promise<Order> {
  const order = await call<Order>(base, 'POST', '/api/orders', { items: lines, addressId: buyer.addressId, idempotencyKey: `console-${Date.now()}-${Math.random()}`, couponIds: [] }, buyer.token)
  return payOrder(base, buyer, order.id)
}

/** Pays an unpaid order of `buyer` (an ordinary one, or a group's) at the sandbox cashier; returns the paid order. */
export async function payOrder(base: string, buyer: { token: string }, orderId: number): Promise<Order> {
  const pay = await call<{ cashierUrl: string }>(base, 'POST', `/api/orders/${orderId}/pay`, {}, buyer.token)
  const q = new URL(pay.cashierUrl, base).searchParams
  const res = await fetch(`${base}/api/payments/sandbox/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ out: q.get('out') ?? '', t: q.get('t') ?? '' }).toString(),
    redirect: 'manual',
  })
  if (res.status !== 303) throw new Error(`sandbox cashier pay -> ${res.status}`)
  const paid = await call<Order>(base, 'GET', `/api/orders/${orderId}`, undefined, buyer.token)
  if (paid.status !== 'paid') throw new Error(`order ${orderId} is ${paid.status}, not paid`)
  return paid
}

/** The storefront's view of a product (what a shopper sees). */
export function storefrontProduct(base: string, id: number): Promise<ProductDetail> {
  return call<ProductDetail>(base, 'GET', `/api/products/${id}`)
}

/** The first owner's password, which the sandbox writes to DATA_DIR/admin-password on first start. */
export function adminPassword(dataDir: string): string {
  return fs.readFileSync(path.join(dataDir, 'admin-password'), 'utf8').trim()
}

/** A small PNG (a red square) to upload as a product picture. */
export function redSquarePng(): Buffer {
  // 8x8 red PNG.
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC',
    'base64',
  )
}

/** The console's desktop window in Chromium (zh-CN, 1280 × 800), signed in with `token` (the test server's admin token: an owner) as the console keeps it. */
export async function consoleBrowser(token: string, options: BrowserContextOptions = {}): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium()
  const context = await browser.newContext({ ...CONSOLE_DESKTOP, ...options })
  await context.addInitScript((t) => sessionStorage.setItem('duet.console.token', t), token)
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return { browser, context, page }
}

/** A full-page picture of a console page once its animations have ended (a spinner's endless one is not waited for), as `dir`/`name`.png. */
export async function consoleShot(page: Page, dir: string, name: string): Promise<void> {
  // A wide table scrolled sideways to reach a row's button shows from its first column again.
  await page.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollLeft > 0 && (el.scrollLeft = 0)))
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity))
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}
