import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Order, Paged, Refund } from '../../src/domain/contract'
import { CONSOLE_DESKTOP, launchChromium, PHONE, pageProblems } from '../helpers/browser'
import { adminPassword, paidOrder, redSquarePng, shopper, storefrontProduct } from '../helpers/console'
import { requireDist, ROOT } from '../helpers/dist'
import { squash } from '../helpers/promotions'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server'

// Sign-in and password changes hash with argon2: on a loaded CI machine they take longer than expect.poll's default second.
const SLOW = { timeout: 15_000 }

// The merchant console (console/, served at /admin/) in headless Chromium at 1280 px, on the
// real server with the H5 storefront next to it: the first owner logs in with the password the
// sandbox wrote to DATA_DIR/admin-password; creates a product with two SKUs and an uploaded
// picture and finds it on the storefront; changes a price and the storefront follows; ships a
// paid order; refunds one line of it; creates a coupon batch that the coupon centre offers; the
// dashboard draws its charts; the owner adds a customer-service staff, who must change the
// one-time password and then finds the catalog read-only (and the API answers 403). Pictures of
// each screen go to test-results/screenshots/console/, and with UPDATE_SCREENSHOTS=1 to
// docs/screenshots/console-*.png (the README's).

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : path.join(ROOT, 'test-results/screenshots/console')
const TABLET = { ...CONSOLE_DESKTOP, viewport: { width: 820, height: 1180 }, hasTouch: true }
const NEW_PASSWORD = 'Console-e2e-Passw0rd!'
const TITLE = '控制台测试T恤 双色'
const COUPON = '控制台满99减10'

/**
 * Nothing moving: no CSS/Web animation running (antd's modals, drawers, messages), no request in
 * flight, and every chart drawn to its end (ECharts animates on canvas; the Chart component marks
 * data-drawn once it has finished).
 */
async function settled(p: Page): Promise<void> {
  await p.waitForLoadState('networkidle')
  await p.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running') && Array.from(document.querySelectorAll('.chart-box')).every((c) => c.getAttribute('data-drawn') === 'true'),
  )
}

/** antd puts a space between the two characters of a two-character button ("登 录"). */
const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`)

interface AdminOrderDetail {
  order: Order
  refunds: Refund[]
}

describe('merchant console end to end', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let dataDir: string
  // The console's login page asks who is signed in (401) before anyone has logged in.
  const { pageErrors, failedRequests, watch } = pageProblems(['GET /api/admin/me 401'])
  let productId = 0
  let order: Order

  const admin = <T>(p: string) => server.get<T>(p, TEST_ADMIN_TOKEN)
  const go = async (p: string) => {
    await page.goto(`${server.url}/admin${p}`)
    await page.locator('.console-content').waitFor()
  }
  const shot = async (name: string, opts: { fullPage?: boolean } = {}) => {
    await settled(page)
    await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), ...opts })
  }
  const toast = (text: string | RegExp) => page.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor()
  const modal = () => page.locator('.ant-modal:visible')

  beforeAll(async () => {
    requireDist('h5')
    requireDist('console')
    fs.mkdirSync(SHOTS, { recursive: true })
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-console-e2e-'))
    server = await startTestServer({ h5: true, console: true, dataDir })
    browser = await launchChromium()
    context = await browser.newContext(CONSOLE_DESKTOP)
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    watch(page)
  })

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return
    const file = path.join(os.tmpdir(), `duet-e2e-console-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}.png`)
    await page.screenshot({ path: file }).catch(() => {})
    const text = await page.locator('body').innerText().catch(() => '')
    console.error(`e2e failure at ${page.url()}\nscreenshot: ${file}\nvisible text: ${text.replace(/\s+/g, ' ').slice(0, 800)}\npage errors: ${pageErrors.join('; ')}\nfailed requests: ${failedRequests.join('; ')}`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('sends a visitor to the login page, and the first owner logs in (changing the one-time password when asked)', async () => {
    await page.goto(`${server.url}/admin/orders`)
    await expect.poll(() => page.url(), SLOW).toContain('/admin/login')
    await page.getByLabel('用户名').fill('admin')
    await page.getByLabel('密码').fill(adminPassword(dataDir))
    await shot('login')
    await page.getByRole('button', { name: button('登录') }).click()
    await expect.poll(() => page.url(), { timeout: 20_000 }).not.toContain('/admin/login')
    if (page.url().includes('/admin/password')) {
      await page.getByLabel('当前密码').fill(adminPassword(dataDir))
      await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
      await page.getByLabel('确认新密码').fill(NEW_PASSWORD)
      await page.getByRole('button', { name: '保存新密码' }).click()
      await expect.poll(() => page.url(), SLOW).not.toContain('/admin/password')
    }
    // Back where the visitor wanted to go, signed in as the owner.
    await expect.poll(() => page.url(), SLOW).toContain('/admin/orders')
    await expect.poll(() => page.locator('.console-user').innerText()).toMatch(/admin\s*店主/)
    const token = await page.evaluate(() => sessionStorage.getItem('duet.console.token'))
    expect(token).toBeTruthy()
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('creates a product with two SKUs and an uploaded picture; the storefront shows it', async () => {
    const categories = await admin<{ items: { id: number; name: string; parentId: number | null }[] }>('/api/admin/categories')
    const category = categories.items[0]
    await go('/products')
    await page.getByRole('button', { name: '新建商品' }).click()
    await expect.poll(() => page.url(), SLOW).toContain('/admin/products/new')

    await page.getByLabel('商品名称').fill(TITLE)
    await page.getByLabel('分类').click()
    await page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${category.name}$`) }).first().click()
    await page.getByLabel('副标题').fill('纯棉 控制台上架')
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/admin/images') && r.request().method() === 'POST')
    await page.locator('.product-edit input[type=file]').setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: redSquarePng() })
    expect((await uploaded).status()).toBe(201)
    await page.getByRole('button', { name: '添加规格（如颜色、尺码）' }).click()
    await page.getByLabel('规格名 1').fill('颜色')
    const values = page.getByLabel('规格值 1')
    for (const v of ['红', '蓝']) {
      await values.fill(v)
      await values.press('Enter')
    }
    const rows = page.locator('.sku-table tbody tr.ant-table-row')
    await expect.poll(() => rows.count()).toBe(2)
    // Price (元), original price, stock, code per row, in the order of the values.
    const fillRow = async (i: number, price: string, stock: string, code: string) => {
      const inputs = rows.nth(i).locator('input')
      await inputs.nth(0).fill(price)
      await inputs.nth(2).fill(stock)
      await inputs.nth(3).fill(code)
    }
    await fillRow(0, '19.90', '50', 'CT-RED')
    await fillRow(1, '29.9', '30', 'CT-BLUE')
    await shot('product-new', { fullPage: true })
    await page.getByRole('button', { name: '创建商品' }).click()
    await expect.poll(() => /\/admin\/products\/(\d+)$/.exec(page.url())?.[1], { timeout: 20_000 }).toBeTruthy()
    productId = Number(/\/admin\/products\/(\d+)$/.exec(page.url())![1])

    const shown = await storefrontProduct(server.url, productId)
    expect(shown.title).toBe(TITLE)
    expect(shown.skus.map((s) => [s.specs['颜色'], s.price, s.stock]).sort()).toEqual([
      ['红', 1990, 50],
      ['蓝', 2990, 30],
    ])
    expect(shown.images[0]).toMatch(/^\/api\/uploads\//)
    const picture = await fetch(`${server.url}${shown.images[0]}`)
    expect(picture.status).toBe(200)
    expect(picture.headers.get('content-type')).toMatch(/^image\//)

    // The shopper's view: the H5 product page.
    const phone = await browser.newContext(PHONE)
    const shop = await phone.newPage()
    await shop.goto(`${server.url}/#/pkg-shop/product/index?id=${productId}`)
    await expect.poll(async () => squash(await shop.locator('.product-page:visible').innerText()), { timeout: 20_000 }).toContain(squash(TITLE))
    await phone.close()
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('changes a price; the storefront shows the new one', async () => {
    await go(`/products/${productId}`)
    const rows = page.locator('.sku-table tbody tr.ant-table-row')
    await expect.poll(() => rows.count()).toBe(2)
    const red = rows.filter({ hasText: '红' })
    await red.locator('input').nth(0).fill('17.50')
    await shot('product-edit', { fullPage: true })
    await page.getByRole('button', { name: button('保存') }).click()
    await toast('已保存')
    await expect.poll(async () => (await storefrontProduct(server.url, productId)).skus.find((s) => s.specs['颜色'] === '红')?.price).toBe(1750)

    const phone = await browser.newContext(PHONE)
    const shop = await phone.newPage()
    await shop.goto(`${server.url}/#/pkg-shop/product/index?id=${productId}`)
    await expect.poll(async () => squash(await shop.locator('.product-page:visible').innerText()), { timeout: 20_000 }).toContain('¥17.50')
    await phone.close()
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('ships a paid order from its detail page', async () => {
    const product = await storefrontProduct(server.url, productId)
    const sku = (color: string) => product.skus.find((s) => s.specs['颜色'] === color)!.id
    const buyer = await shopper(server.url, '控制台买家')
    order = await paidOrder(server.url, buyer, [
      { skuId: sku('红'), quantity: 1 },
      { skuId: sku('蓝'), quantity: 2 },
    ])

    await go('/orders')
    await page.getByRole('link', { name: order.orderNo }).waitFor()
    await shot('orders')
    await page.getByRole('link', { name: order.orderNo }).click()
    await expect.poll(() => page.url(), SLOW).toContain(`/admin/orders/${order.id}`)
    await page.getByText('订单进度').waitFor()
    await shot('order-detail', { fullPage: true })

    // The carrier is a select of carrier codes (GET /api/admin/carriers, loaded as the dialog opens):
    // once they are in, type to filter, pick the option, and see it picked.
    const carriers = page.waitForResponse((r) => r.url().endsWith('/api/admin/carriers'))
    await page.getByRole('button', { name: button('发货') }).click()
    expect((await carriers).status()).toBe(200)
    await settled(page)
    await modal().getByLabel('快递公司').fill('顺丰')
    await page.locator('.ant-select-item-option').filter({ hasText: '顺丰速运' }).click()
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0)
    await expect.poll(() => modal().locator('.ant-form-item').filter({ hasText: '快递公司' }).innerText()).toContain('顺丰速运')
    await modal().getByLabel('快递单号').fill('SF1234567890')
    await modal().getByRole('button', { name: '确认发货' }).click()
    await toast('已发货')
    await expect.poll(async () => (await admin<AdminOrderDetail>(`/api/admin/orders/${order.id}`)).order.status).toBe('shipped')
    await expect.poll(() => page.locator('.page-title').innerText()).toContain('待收货')
    await expect.poll(() => page.locator('.order-detail').innerText()).toContain('SF1234567890')
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('refunds one line of the order', async () => {
    const blue = order.items.find((l) => l.specs['颜色'] === '蓝')!
    await page.locator('.ant-table-row').filter({ hasText: '颜色：蓝' }).getByText(button('退款')).click()
    await modal().getByLabel(/颜色：蓝/).fill('1')
    await modal().getByLabel('退款原因').fill('买家不想要了')
    await shot('refund')
    await modal().getByRole('button', { name: '确认退款' }).click()
    await toast(/已提交退款/)

    const refunds = await admin<Paged<Refund>>(`/api/admin/refunds?orderId=${order.id}`)
    expect(refunds.items).toHaveLength(1)
    expect(refunds.items[0].lines.map((l) => [l.skuId, l.quantity])).toEqual([[blue.skuId, 1]])
    // The sandbox answers the refund by itself: it ends succeeded, and the page lists it.
    await expect.poll(async () => (await admin<Paged<Refund>>(`/api/admin/refunds?orderId=${order.id}`)).items[0].status, { timeout: 20_000 }).toBe('succeeded')
    await page.reload()
    await expect.poll(() => page.locator('.order-detail').innerText(), { timeout: 15_000 }).toContain('买家不想要了')
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('creates a coupon batch; the coupon centre offers it', async () => {
    await go('/coupons')
    await page.getByRole('button', { name: '新建优惠券' }).click()
    await modal().getByLabel('券名称').fill(COUPON)
    await modal().getByLabel('减免金额（元）').fill('10')
    await modal().getByLabel('使用门槛（元，不填为无门槛）').fill('99')
    await shot('coupon-new')
    await modal().getByRole('button', { name: button('创建') }).click()
    await toast('优惠券已创建')
    await page.locator('.ant-table-row').filter({ hasText: COUPON }).waitFor()
    await shot('coupons')

    const batches = await admin<Paged<{ title: string; type: string; value: number; threshold: number; total: number }>>('/api/admin/coupon-batches')
    expect(batches.items.find((b) => b.title === COUPON)).toMatchObject({ type: 'amount', value: 1000, threshold: 9900, total: 100 })
    const center = await server.get<{ items: { title: string }[] }>('/api/coupons/center')
    expect(center.items.map((e) => e.title)).toContain(COUPON)
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('draws the dashboard charts', async () => {
    await go('/dashboard')
    const canvases = page.locator('.chart-box canvas')
    await expect.poll(() => canvases.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
    await expect.poll(() => page.locator('.chart-box[data-drawn="true"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    // Something was painted on the sales line chart's canvas (not a blank bitmap).
    await expect
      .poll(
        () =>
          canvases.first().evaluate((c: HTMLCanvasElement) => {
            const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
            let painted = 0
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
            return painted
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(500)
    const stats = await page.locator('.stat-cards').innerText()
    for (const label of ['销售额', '支付订单', '客单价', '退款', '新客']) expect(stats).toContain(label)
    await shot('dashboard')
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('adds a customer-service staff: one-time password, forced change, catalog read-only, 403 from the API', async () => {
    await go('/staff')
    await page.getByRole('button', { name: '添加员工' }).click()
    await modal().getByLabel('用户名').fill('kefu01')
    await modal().getByLabel('角色').click()
    await page.locator('.ant-select-item-option').filter({ hasText: '客服' }).click()
    await modal().getByRole('button', { name: button('添加') }).click()
    const shown = modal().filter({ hasText: '一次性密码' })
    await shown.waitFor()
    const otp = /密码：\s*(\S+)/.exec(await shown.innerText())?.[1] ?? ''
    expect(otp.length).toBeGreaterThanOrEqual(12)
    await shown.getByRole('button', { name: '我已记下' }).click()
    await page.locator('.ant-table-row').filter({ hasText: 'kefu01' }).waitFor()

    const ctx = await browser.newContext(CONSOLE_DESKTOP)
    const staff = await ctx.newPage()
    staff.setDefaultTimeout(15_000)
    watch(staff)
    await staff.goto(`${server.url}/admin/products/${productId}`)
    await staff.getByLabel('用户名').fill('kefu01')
    await staff.getByLabel('密码').fill(otp)
    await staff.getByRole('button', { name: button('登录') }).click()
    // A one-time password must be changed before anything else.
    await expect.poll(() => staff.url(), SLOW).toContain('/admin/password')
    await staff.getByLabel('当前密码').fill(otp)
    await staff.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
    await staff.getByLabel('确认新密码').fill(NEW_PASSWORD)
    await staff.getByRole('button', { name: '保存新密码' }).click()
    await expect.poll(() => staff.url(), SLOW).toContain(`/admin/products/${productId}`)
    await expect.poll(() => staff.locator('.console-user').innerText(), SLOW).toMatch(/kefu01\s*客服/)
    await staff.locator('.sku-table tbody tr.ant-table-row').first().waitFor()
    // Customer service reads the catalog but can't change it: no save, no stock adjust, no upload; no staff menu.
    expect(await staff.getByRole('button', { name: button('保存') }).count()).toBe(0)
    expect(await staff.getByRole('button', { name: button('调整') }).count()).toBe(0)
    expect(await staff.locator('.product-edit input[type=file]:not([disabled])').count()).toBe(0)
    const menu = await staff.locator('.ant-layout-sider').innerText()
    expect(menu).not.toContain('员工')
    await staff.goto(`${server.url}/admin/products`)
    await staff.locator('.page-title h2').waitFor()
    await staff.locator('.ant-table-row').first().waitFor()
    expect(await staff.getByRole('button', { name: '新建商品' }).count()).toBe(0)
    // The server says no as well.
    const token = await staff.evaluate(() => sessionStorage.getItem('duet.console.token'))
    const res = await fetch(`${server.url}/api/admin/products/${productId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, title: '客服改不了' }),
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { code: string }).code).toBe('ROLE_FORBIDDEN')
    await ctx.close()

    // The audit log has the staff's creation and password change.
    const audit = await admin<Paged<{ action: string; after: unknown }>>('/api/admin/audit?entity=staff')
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.create', 'staff.password_change']))
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })

  it('shows every screen without errors, at 1280 px and on a tablet', async () => {
    const screens = ['products', 'categories', 'banners', 'refunds', 'promotions', 'members', 'rentals', 'messages', 'staff', 'audit']
    for (const s of screens) {
      await go(`/${s}`)
      await page.locator('.page-title h2').waitFor()
      await shot(s)
    }
    const tablet = await browser.newContext(TABLET)
    const token = await page.evaluate(() => sessionStorage.getItem('duet.console.token'))
    await tablet.addInitScript((t) => sessionStorage.setItem('duet.console.token', t!), token)
    const small = await tablet.newPage()
    watch(small)
    for (const s of ['dashboard', 'orders', `products/${productId}`]) {
      await small.goto(`${server.url}/admin/${s}`)
      await small.locator('.page-title h2').waitFor()
      // The menu folds to icons below 992 px: the content keeps the width.
      expect(await small.locator('.ant-layout-sider').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(80)
      await settled(small)
      await small.screenshot({ path: path.join(SHOTS, `console-tablet-${s.split('/')[0]}.png`) })
    }
    await tablet.close()
    expect(pageErrors).toEqual([])
    expect(failedRequests).toEqual([])
  })
})
