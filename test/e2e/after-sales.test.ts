import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AfterSale } from '../../src/domain/after-sales'
import type { Order, Paged, ProductDetail, ProductSummary, Refund, Sku } from '../../src/domain/contract'
import { CONSOLE_DESKTOP, launchChromium, PHONE, pageProblems, reportFailure, settled } from '../helpers/browser'
import { adminPassword, redSquarePng, shopper } from '../helpers/console'
import { requireDist, ROOT } from '../helpers/dist'
import { squash } from '../helpers/promotions'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server'

// After-sales end to end (issue 16), on one real server serving the H5 preview and the console:
// a shopper's paid order of 2 units (placed through the API, paid in the browser at the sandbox
// cashier); the owner ships it in the console (顺丰速运 + a number); the sandbox parcel is stepped
// to delivered and the shopper's order page shows the trace; the shopper confirms receipt, asks
// for 退货退款 of 1 unit with a reason and a photo; the owner approves; the shopper sends it back;
// the owner confirms receipt; the sandbox refund completes and the shopper sees 已退款 with the
// amount. Pictures go to test-results/screenshots/after-sales/, and with UPDATE_SCREENSHOTS=1 to
// docs/screenshots/ (console-order-shipping, order-tracking, after-sale-apply, console-after-sale,
// after-sale).

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : path.join(ROOT, 'test-results/screenshots/after-sales')
// Both in Beijing time, as the shop is: the app and the console then show the same clock.
const DESKTOP = { ...CONSOLE_DESKTOP, timezoneId: 'Asia/Shanghai' }
const MOBILE = { ...PHONE, timezoneId: 'Asia/Shanghai' }
const NEW_PASSWORD = 'AfterSales-e2e-Passw0rd!'
const BUYER = '售后买家'
const SHIP_NO = 'SF7001234567'
const RETURN_NO = 'SF7009876543'

/** antd puts a space between the two characters of a two-character button ("同 意"). */
const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`)

interface AdminOrderDetail {
  order: Order
  refunds: Refund[]
}

describe('after-sales end to end (H5 shopper + console owner)', () => {
  let server: TestServer
  let browser: Browser
  let desk: BrowserContext
  let phone: BrowserContext
  let owner: Page
  let shop: Page
  let dataDir: string
  // The console's login page asks who is signed in (401) before anyone has logged in.
  const { pageErrors, failedRequests, watch } = pageProblems(['GET /api/admin/me 401'])
  const clean = () => {
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  }

  let buyer: { token: string; addressId: number }
  let sku: Sku
  let product: ProductDetail
  let stockBefore = 0
  let order: Order
  let afterSaleId = 0

  const admin = <T>(p: string) => server.get<T>(p, TEST_ADMIN_TOKEN)
  const visible = (selector: string) => shop.locator(`${selector}:visible`)
  const shot = async (p: Page, name: string, opts: { fullPage?: boolean; top?: boolean } = {}) => {
    // Taro's H5 pages scroll inside their own containers, not the window: back to the top of each.
    if (opts.top) await p.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop > 0 && (el.scrollTop = 0)))
    await settled(p)
    await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: opts.fullPage })
  }
  const modal = () => owner.locator('.ant-modal:visible')
  const toast = (text: string | RegExp) => owner.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor()
  const consoleGo = async (p: string) => {
    await owner.goto(`${server.url}/admin${p}`)
    await owner.locator('.console-content').waitFor()
  }
  /** The parcel, stepped by the sandbox's desk, each push posted to the notify route as Kuaidi100 would. */
  const stepParcel = async (carrier: string, no: string): Promise<boolean> => {
    const raw = server.app.tracking.sandboxDesk?.step(carrier, no)
    if (!raw) return false
    const res = await server.app.inject({ method: 'POST', url: '/api/tracking/notify/kuaidi100', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: raw.body })
    expect(res.statusCode).toBe(200)
    return true
  }

  beforeAll(async () => {
    requireDist('h5')
    requireDist('console')
    fs.mkdirSync(SHOTS, { recursive: true })
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-after-sales-e2e-'))
    server = await startTestServer({ h5: true, console: true, dataDir })
    browser = await launchChromium()
    desk = await browser.newContext(DESKTOP)
    owner = await desk.newPage()
    owner.setDefaultTimeout(15_000)
    watch(owner)
    phone = await browser.newContext(MOBILE)
    shop = await phone.newPage()
    shop.setDefaultTimeout(15_000)
    watch(shop)
  })

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return
    await reportFailure('after-sales', ctx.task.name, [
      ['owner', owner],
      ['shop', shop],
    ], { pageErrors, failedRequests })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('the shopper places an order of 2 units and pays it at the sandbox cashier in the H5 preview', async () => {
    const list = await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=20&sort=default')
    for (const p of list.items) {
      const detail = await server.get<ProductDetail>(`/api/products/${p.id}`)
      const s = detail.skus.find((k) => k.stock >= 5)
      if (s) {
        product = detail
        sku = s
        break
      }
    }
    expect(sku, 'the seed has a SKU with stock').toBeDefined()
    stockBefore = sku.stock
    buyer = await shopper(server.url, BUYER)
    order = await server.post<Order>('/api/orders', { items: [{ skuId: sku.id, quantity: 2 }], addressId: buyer.addressId, idempotencyKey: `after-sales-${Date.now()}`, couponIds: [] }, buyer.token)
    expect(order.status).toBe('created')

    // The H5 preview: the order page asks a guest to log in (dev login, the same nickname is the same shopper).
    await shop.goto(`${server.url}/#/pkg-order/order-detail/index?id=${order.id}`)
    await visible('.login-button').waitFor({ timeout: 20_000 })
    const nickname = visible('.login-page__input input')
    await nickname.waitFor({ timeout: 5_000 }).catch(() => {})
    if (await nickname.count()) await nickname.fill(BUYER)
    await visible('.login-button').click()
    await expect.poll(() => visible('.order-detail__status').innerText(), { timeout: 20_000 }).toBe('待付款')
    await visible('.order-detail__pay').click()
    await expect.poll(() => shop.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
    await shop.getByRole('button', { name: '确认支付' }).click()
    await expect.poll(() => shop.url(), { timeout: 20_000 }).toContain('pkg-order/pay-result')
    await expect.poll(() => visible('.pay-result__title').innerText(), { timeout: 20_000 }).toBe('支付成功')
    order = await server.get<Order>(`/api/orders/${order.id}`, buyer.token)
    expect(order.status).toBe('paid')
    expect(order.items).toHaveLength(1)
    expect(order.items[0].quantity).toBe(2)
    expect((await server.get<ProductDetail>(`/api/products/${product.id}`)).skus.find((k) => k.id === sku.id)!.stock).toBe(stockBefore - 2)
    clean()
  })

  it('the owner ships it in the console (顺丰速运 + a number); the parcel moves to delivered', async () => {
    await owner.goto(`${server.url}/admin/orders/${order.id}`)
    await expect.poll(() => owner.url()).toContain('/admin/login')
    await owner.getByLabel('用户名').fill('admin')
    await owner.getByLabel('密码').fill(adminPassword(dataDir))
    await owner.getByRole('button', { name: button('登录') }).click()
    await expect.poll(() => owner.url(), { timeout: 20_000 }).not.toContain('/admin/login')
    if (owner.url().includes('/admin/password')) {
      await owner.getByLabel('当前密码').fill(adminPassword(dataDir))
      await owner.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
      await owner.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await owner.getByRole('button', { name: '保存新密码' }).click()
      await expect.poll(() => owner.url()).not.toContain('/admin/password')
    }
    await expect.poll(() => owner.url()).toContain(`/admin/orders/${order.id}`)
    await owner.getByText('订单进度').waitFor()

    // The dialog loads the carriers (GET /api/admin/carriers) as it opens: pick from the loaded list, type to filter.
    const carriers = owner.waitForResponse((r) => r.url().endsWith('/api/admin/carriers'))
    await owner.getByRole('button', { name: button('发货') }).click()
    expect((await carriers).status()).toBe(200)
    await settled(owner)
    await modal().getByLabel('快递公司').fill('顺丰')
    await owner.locator('.ant-select-item-option').filter({ hasText: '顺丰速运' }).click()
    // Picked: the list closes and the select shows the carrier.
    await expect.poll(() => owner.locator('.ant-select-dropdown:visible').count()).toBe(0)
    await expect.poll(() => modal().locator('.ant-form-item').filter({ hasText: '快递公司' }).innerText()).toContain('顺丰速运')
    await modal().getByLabel('快递单号').fill(SHIP_NO)
    await modal().getByRole('button', { name: '确认发货' }).click()
    await toast('已发货')
    await expect.poll(async () => (await admin<AdminOrderDetail>(`/api/admin/orders/${order.id}`)).order.status).toBe('shipped')

    // The sandbox playing Kuaidi100 was subscribed in the background; step the parcel to delivered.
    await server.app.tracking.idle()
    let steps = 0
    while (await stepParcel('SF', SHIP_NO)) steps++
    expect(steps).toBe(4)
    const tracking = await server.get<{ parcels: { state: string; events: unknown[] }[] }>(`/api/orders/${order.id}/tracking`, buyer.token)
    expect(tracking.parcels.map((p) => [p.state, p.events.length])).toEqual([['delivered', 4]])

    await owner.reload()
    const trackingCard = owner.locator('.ant-card').filter({ has: owner.locator('.ant-card-head', { hasText: '物流' }) }).first()
    await expect.poll(() => trackingCard.innerText()).toContain(SHIP_NO)
    await expect.poll(() => trackingCard.innerText()).toContain('已签收')
    await owner.locator('.ant-card-head', { hasText: '平台发货信息' }).waitFor()
    await shot(owner, 'console-order-shipping', { fullPage: true })
    clean()
  })

  it("the shopper's order page shows the trace, and the shopper confirms receipt", async () => {
    await shop.goto(`${server.url}/#/pkg-order/order-detail/index?id=${order.id}`)
    await expect.poll(() => visible('.order-detail__status').innerText(), { timeout: 20_000 }).toBe('待收货')
    const trace = visible('.order-tracking')
    await expect.poll(async () => squash(await trace.innerText())).toContain(`顺丰速运${SHIP_NO}`)
    await expect.poll(() => visible('.order-tracking__event').count()).toBe(4)
    await expect.poll(() => visible('.order-tracking__state').innerText()).toBe('已签收')
    await visible('.order-actions__confirm').click()
    // H5 confirms with the app's own modal.
    await shop.locator('.taro-modal__foot:visible').getByText('确定').click()
    await expect.poll(() => visible('.order-detail__status').innerText(), { timeout: 15_000 }).toBe('已完成')
    expect((await server.get<Order>(`/api/orders/${order.id}`, buyer.token)).status).toBe('completed')
    await visible('.order-after-sales__apply').waitFor()
    await shot(shop, 'order-tracking', { top: true })
    clean()
  })

  it('the shopper applies for 退货退款 of 1 unit with a reason and a photo', async () => {
    await visible('.order-after-sales__apply').click()
    await expect.poll(() => shop.url()).toContain('after-sale-apply')
    await visible('.after-sale-apply__type').filter({ hasText: '退货退款' }).click()
    await expect.poll(() => visible('.after-sale-apply__type.is-active').innerText()).toBe('退货退款')
    const line = visible('.after-sale-apply__line').first()
    await expect.poll(async () => squash(await line.innerText())).toContain('可申请2件')
    await line.locator('.quantity-stepper__plus').click()
    await expect.poll(() => line.locator('.quantity-stepper__value').innerText()).toBe('1')
    await visible('.after-sale-apply__reason').filter({ hasText: '商品质量问题' }).click()
    await visible('.after-sale-apply__description textarea').fill('袖口开线，退一件')
    const chooser = shop.waitForEvent('filechooser')
    await visible('.after-sale-apply__add').click()
    const uploaded = shop.waitForResponse((r) => r.url().endsWith('/api/uploads/after-sales') && r.request().method() === 'POST')
    await (await chooser).setFiles({ name: 'broken.png', mimeType: 'image/png', buffer: redSquarePng() })
    expect((await uploaded).status()).toBe(201)
    await expect.poll(() => visible('.after-sale-apply__photos .after-sale-apply__photo').count()).toBe(1)
    await expect.poll(() => visible('.after-sale-apply__progress').count()).toBe(0)
    const item = order.items[0]
    // One unit of the line: what was paid for the line (after its discount), split by units, floored.
    const oneUnit = Math.floor((item.unitPrice * item.quantity - item.discount) / item.quantity)
    await expect.poll(async () => squash(await visible('.after-sale-apply__estimate').innerText())).toContain(`¥${(oneUnit / 100).toFixed(2)}`)
    await shot(shop, 'after-sale-apply', { top: true })

    await visible('.after-sale-apply__submit').click()
    await expect.poll(() => shop.url(), { timeout: 15_000 }).toContain('pkg-order/after-sale/index')
    afterSaleId = Number(/[?&]id=(\d+)/.exec(shop.url())![1])
    await expect.poll(() => visible('.after-sale__status').innerText()).toBe('待商家处理')
    const mine = await server.get<AfterSale>(`/api/after-sales/${afterSaleId}`, buyer.token)
    expect(mine).toMatchObject({ type: 'return', status: 'requested', reason: '商品质量问题', description: '袖口开线，退一件', amount: oneUnit })
    expect(mine.lines.map((l) => [l.orderItemId, l.quantity])).toEqual([[item.id, 1]])
    expect(mine.photos).toHaveLength(1)
    const photo = await fetch(`${server.url}${mine.photos[0]}`)
    expect(photo.status).toBe(200)
    clean()
  })

  it('the owner approves it in the console 售后 screen', async () => {
    await consoleGo('/after-sales')
    await owner.getByRole('link', { name: `#${afterSaleId}` }).click()
    await expect.poll(() => owner.url()).toContain(`/admin/after-sales/${afterSaleId}`)
    await owner.getByRole('button', { name: button('同意') }).click()
    await owner.locator('.ant-modal-confirm .ant-btn-primary').click()
    // The confirm closes once the server answered; its 3-second toast can come and go while a
    // loaded CI machine is between two commands, so the server's record is what is checked.
    await owner.locator('.ant-modal-confirm').waitFor({ state: 'hidden', timeout: 30_000 })
    await expect.poll(async () => (await admin<AfterSale>(`/api/admin/after-sales/${afterSaleId}`)).status, { timeout: 30_000 }).toBe('awaiting_return')
    await expect.poll(() => owner.locator('.page-title').innerText()).toContain('待寄回商品')
    await owner.locator('.ant-image img').first().waitFor()
    await shot(owner, 'console-after-sale', { fullPage: true })
    clean()
  })

  it('the shopper sends it back, the owner confirms receipt, the refund completes and the shopper sees 已退款', async () => {
    await shop.goto(`${server.url}/#/pkg-order/after-sale/index?id=${afterSaleId}`)
    await expect.poll(() => visible('.after-sale__status').innerText(), { timeout: 20_000 }).toBe('待寄回商品')
    await visible('.after-sale__carrier').filter({ hasText: '顺丰速运' }).click()
    await visible('.after-sale__tracking-no input').fill(RETURN_NO)
    await visible('.after-sale__ship').click()
    await expect.poll(() => visible('.after-sale__status').innerText()).toBe('商品寄回中')
    await expect.poll(async () => squash(await visible('.after-sale').innerText())).toContain(`顺丰速运${RETURN_NO}`)

    await owner.reload()
    await expect.poll(() => owner.locator('.page-title').innerText()).toContain('商品寄回中')
    await expect.poll(() => owner.locator('.ant-card').filter({ hasText: '寄回与换货' }).innerText()).toContain(RETURN_NO)
    await owner.getByRole('button', { name: '确认收货' }).click()
    await owner.locator('.ant-modal-confirm .ant-btn-primary').click()
    await toast('已确认收货')

    // The sandbox answers the refund by itself.
    await expect.poll(async () => (await admin<AfterSale>(`/api/admin/after-sales/${afterSaleId}`)).status, { timeout: 20_000 }).toBe('refunded')
    const item = order.items[0]
    const oneUnit = Math.floor((item.unitPrice * item.quantity - item.discount) / item.quantity)
    await shop.reload()
    await expect.poll(() => visible('.after-sale__status').innerText(), { timeout: 20_000 }).toBe('已退款')
    await expect.poll(() => visible('.after-sale__refund').innerText()).toBe('退款已原路退回')
    await expect.poll(async () => squash(await visible('.after-sale__amount').innerText())).toBe(`¥${(oneUnit / 100).toFixed(2)}`)
    await shot(shop, 'after-sale', { top: true })

    // The API agrees: the request refunded, one refund succeeded for exactly one unit, the order says so, the unit is back in stock.
    const mine = await server.get<AfterSale>(`/api/after-sales/${afterSaleId}`, buyer.token)
    expect(mine.status).toBe('refunded')
    expect(mine.refund?.status).toBe('succeeded')
    const refunds = await admin<Paged<Refund>>(`/api/admin/refunds?orderId=${order.id}`)
    expect(refunds.items).toHaveLength(1)
    expect(refunds.items[0]).toMatchObject({ status: 'succeeded', amount: oneUnit })
    expect(refunds.items[0].lines.map((l) => [l.skuId, l.quantity])).toEqual([[sku.id, 1]])
    const after = await server.get<Order>(`/api/orders/${order.id}`, buyer.token)
    expect(after.refundedTotal).toBe(oneUnit)
    expect((await server.get<ProductDetail>(`/api/products/${product.id}`)).skus.find((k) => k.id === sku.id)!.stock).toBe(stockBefore - 1)
    clean()
  })
})
