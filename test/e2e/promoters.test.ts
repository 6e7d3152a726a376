import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Order, ProductDetail, Sku } from '../../src/domain/contract'
import { formatFen } from '../../src/domain/money'
import type { AdminWithdrawal, CommissionItem, PromoterMe } from '../../src/domain/promoters'
import { shopper } from '../helpers/console'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'
import { button, useSharingE2e } from '../helpers/sharing-e2e'

// Sharing end to end (issue 17), on one real server (sandbox, PGlite) serving the H5 preview and
// the console: shopper A applies in 我的 › 推广中心 and the owner approves in the console; A's
// centre shows the figures, A opens a product's poster (the canvas draws the code from
// /api/codes) and copies the product's share link, which carries A's scene; friend B opens that
// link, logs in (the pending scene is sent and binds B to A), buys and pays at the sandbox
// cashier; A sees the pending commission and the order in 佣金明细. The order is shipped (admin
// API) and received (B, API); the after-sales window is ended by moving the order's received_at
// back in the database (test-only SQL) and running the sweeper's app.promoters.release(); A then
// withdraws in the app through the sandbox transfer page (确认收款) and sees 已到账, which the
// console's 提现审核 lists. Pictures: promoter-centre, poster, commissions, withdraw,
// console-promoters, console-withdrawals.

const A = '推广员小安'
const B = '好友小宝'

describe('promoters end to end (H5 shoppers + console owner)', () => {
  const e2e = useSharingE2e('promoters')
  let a: Page
  let b: Page
  let product: ProductDetail
  let sku: Sku
  let shareLink = ''
  let order: Order

  const v = (p: Page, selector: string) => e2e.visible(p, selector)
  const meOf = async (p: Page) => e2e.server.get<PromoterMe>('/api/promoters/me', await e2e.tokenOf(p))

  it('A applies in 我的 › 推广中心 and the owner approves in the console (推广员 › 待审核 › 通过)', async () => {
    ;({ product, sku } = await e2e.productWithStock(3))
    a = await e2e.phone('a')
    await a.goto(`${e2e.server.url}/#/pages/me/index`)
    await v(a, '.me-row--promoter').click()
    await e2e.login(a, A)
    await v(a, '.promoter-apply').click()
    await v(a, '.promoter-state').filter({ hasText: '审核中' }).waitFor()
    expect((await meOf(a)).status).toBe('pending')

    await e2e.consoleGo('/promoters')
    await e2e.owner.getByText('待审核（1）').click()
    const row = e2e.owner.locator('.ant-table-row').filter({ hasText: A })
    await row.getByText('通过').click()
    await e2e.owner.locator('.ant-popover:visible').getByRole('button', { name: button('通过') }).click()
    await e2e.owner.locator('.ant-message-notice').filter({ hasText: '已通过' }).waitFor()
    expect((await meOf(a)).status).toBe('approved')
    e2e.clean()
  })

  it("A's centre shows the figures; the product's poster draws with A's code; its share link carries A's scene", async () => {
    await a.reload()
    await v(a, '.promoter-centre').waitFor({ timeout: 20_000 })
    const me = await meOf(a)
    expect(me.scene).toBeTruthy()
    await expect.poll(async () => squash(await v(a, '.promoter-centre').innerText())).toContain(`${formatFen(0)}可提现`)
    await e2e.shot(a, 'promoter-centre')
    // 我的推广链接 › 复制: a link a browser opens, with A's scene.
    await v(a, '.promoter-row--link').click()
    await expect.poll(() => a.evaluate(() => navigator.clipboard.readText())).toBe(`${e2e.server.url}/#/pages/index/index?scene=${me.scene}`)

    // The product page tells a promoter what sharing earns; the row opens the product's poster.
    await a.goto(`${e2e.server.url}/#/pkg-shop/product/index?id=${product.id}`)
    const code = a.waitForResponse((r) => new URL(r.url()).pathname === '/api/codes')
    await v(a, '.product-share-earn').click()
    expect((await code).status()).toBe(200)
    await v(a, '.poster-image').waitFor({ timeout: 20_000 })
    expect(await v(a, '.poster-image img').evaluate((img: HTMLImageElement) => img.naturalWidth > 0 && img.src.startsWith('data:image/png'))).toBe(true)
    await e2e.shot(a, 'poster')

    // 分享给好友 copies the product's link in H5.
    await v(a, '.poster-share').click()
    await expect.poll(() => a.evaluate(() => navigator.clipboard.readText())).toContain('scene=')
    shareLink = await a.evaluate(() => navigator.clipboard.readText())
    expect(shareLink).toMatch(new RegExp(`^${e2e.server.url}/#/pkg-shop/product/index\\?`))
    expect(new URL(shareLink.replace('/#/', '/')).searchParams.get('id')).toBe(String(product.id))
    e2e.clean()
  })

  it('friend B opens the link, logs in (bound to A), buys the product and pays at the sandbox cashier', async () => {
    const friend = await shopper(e2e.server.url, B) // B's delivery address, made ahead
    b = await e2e.phone('b')
    await b.goto(shareLink)
    await v(b, '.product-page').first().waitFor({ timeout: 20_000 })
    // Checkout asks the guest to log in; the scene kept from the link is sent right after.
    await b.goto(`${e2e.server.url}/#/pkg-order/checkout/index?skuId=${sku.id}&quantity=1`)
    const attributed = b.waitForResponse((r) => new URL(r.url()).pathname === '/api/attribution' && !!r.request().headers().authorization, { timeout: 40_000 })
    await e2e.loginFromModal(b, B)
    expect(await (await attributed).json()).toMatchObject({ recorded: true, bound: true })
    await expect.poll(async () => (await meOf(a)).level1Customers).toBe(1)

    await v(b, '.checkout-page').waitFor({ timeout: 20_000 })
    await expect.poll(() => v(b, '.submit-order').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await v(b, '.submit-order').click()
    await e2e.payAtCashier(b)
    const orders = await e2e.server.get<{ items: Order[] }>('/api/orders?page=1&pageSize=5', friend.token)
    order = orders.items[0]
    expect(order.status).toBe('paid')
    e2e.clean()
  })

  it("A's centre shows the pending commission and 佣金明细 lists B's order", async () => {
    const me = await meOf(a)
    expect(me.pending).toBeGreaterThan(0)
    await a.goto(`${e2e.server.url}/#/pkg-share/promoter/index`)
    await expect.poll(async () => squash(await v(a, '.promoter-centre').innerText()), { timeout: 20_000 }).toContain(`${formatFen(me.pending)}待结算`)
    await v(a, '.promoter-row--commissions').click()
    const item = v(a, '.commission-item').filter({ hasText: order.orderNo })
    await expect.poll(async () => squash(await item.innerText()), { timeout: 20_000 }).toContain(formatFen(me.pending))
    await expect.poll(async () => squash(await item.innerText())).toContain('待结算')
    await e2e.shot(a, 'commissions')
    e2e.clean()
  })

  it('shipped, received, and past the after-sales window, the commission is released', async () => {
    await e2e.server.post(`/api/admin/orders/${order.id}/ship`, { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF7100000001' }] }, TEST_ADMIN_TOKEN)
    await e2e.server.post(`/api/orders/${order.id}/confirm`, {}, await e2e.tokenOf(b))
    const pending = (await meOf(a)).pending
    expect(await e2e.server.app.promoters.release()).toBe(0) // the window is still open
    // Test-only: the receipt moved back past the window, as if the days had gone by.
    const days = e2e.server.app.config.afterSales.windowDays + 1
    await e2e.server.app.db.query(`UPDATE orders SET received_at = received_at - $2 * interval '1 day' WHERE id = $1`, [order.id, days])
    expect(await e2e.server.app.promoters.release()).toBe(1)
    const me = await meOf(a)
    expect(me).toMatchObject({ pending: 0, released: pending, withdrawable: pending })
    const list = await e2e.server.get<{ items: CommissionItem[] }>('/api/promoters/me/commissions?page=1', await e2e.tokenOf(a))
    expect(list.items.map((c) => [c.orderNo, c.state])).toEqual([[order.orderNo, 'released']])
  })

  it('A withdraws in the app through the sandbox transfer page and sees 已到账; the console lists it', async () => {
    const { withdrawable } = await meOf(a)
    await a.goto(`${e2e.server.url}/#/pkg-share/withdraw/index`)
    await v(a, '.withdraw-limits').waitFor({ timeout: 20_000 })
    // Nothing typed: said on the page, nothing sent.
    await v(a, '.withdraw-submit').click()
    await expect.poll(() => v(a, '.withdraw-message').innerText()).toBe('请输入正确的提现金额')
    await v(a, '.withdraw-amount input').fill((withdrawable / 100).toFixed(2))
    await v(a, '.withdraw-submit').click()
    await expect.poll(() => a.url(), { timeout: 15_000 }).toContain('pkg-share/sandbox-transfer')
    await expect.poll(async () => squash(await v(a, '.sandbox-transfer__amount').innerText())).toBe(formatFen(withdrawable))
    await v(a, '.sandbox-transfer__confirm').click()
    await expect.poll(() => a.url(), { timeout: 15_000 }).toContain('pkg-share/withdraw')
    const row = v(a, '.withdrawal-item').first()
    await expect.poll(async () => squash(await row.innerText()), { timeout: 15_000 }).toContain('已到账')
    expect(squash(await row.innerText())).toContain(formatFen(withdrawable))
    await e2e.shot(a, 'withdraw')
    expect(await meOf(a)).toMatchObject({ withdrawable: 0, withdrawn: withdrawable })

    // The list opens on 审核中; this one went straight through (under 超过多少需审核): 全部.
    await e2e.consoleGo('/withdrawals?status=')
    const listed = e2e.owner.locator('.ant-table-row').filter({ hasText: A })
    await expect.poll(async () => squash(await listed.innerText())).toContain(formatFen(withdrawable))
    const admin = await e2e.server.get<{ items: AdminWithdrawal[] }>('/api/admin/withdrawals?page=1', TEST_ADMIN_TOKEN)
    expect(admin.items.map((w) => [w.nickname, w.amount, w.status])).toEqual([[A, withdrawable, 'succeeded']])
    await e2e.shot(e2e.owner, 'console-withdrawals', { fullPage: true })

    await e2e.consoleGo('/promoters?status=')
    await e2e.owner.locator('.ant-table-row').filter({ hasText: A }).waitFor()
    await e2e.shot(e2e.owner, 'console-promoters', { fullPage: true })
    e2e.clean()
  })
})
