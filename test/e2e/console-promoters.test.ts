import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Order, Paged, ProductDetail } from '../../src/domain/contract'
import type { GiftClaim, OrderGift } from '../../src/domain/gifts'
import { DEFAULT_PROMOTER_SETTINGS, type AdminPromoter, type AdminWithdrawal, type CommissionItem } from '../../src/domain/promoters'
import { pageProblems } from '../helpers/browser'
import { consoleBrowser, consoleShot, paidOrder, shopper } from '../helpers/console'
import { requireDist, ROOT } from '../helpers/dist'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server'

// The console's issue-17 screens (推广员, 推广设置, 提现审核, a product's 佣金, gift orders) in
// headless Chromium with the admin endpoints' answers stubbed in the browser, for what the
// real-server tests (test/e2e/promoters.test.ts, gifts.test.ts) don't reach: a rejection with its
// reason, a promoter's detail with release dates, settings refused field by field, withdrawals
// to review and a failed one, a product's own rate, and a gift that can't ship yet or meets a
// 409. The gift order is a real paid order whose detail answer gets a gift and its claims added.

const SHOTS = path.join(ROOT, 'test-results/screenshots/console-promoters')
const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`)

const promoter: AdminPromoter = {
  id: 5,
  userId: 42,
  status: 'pending',
  nickname: '小推',
  platform: 'weapp',
  scene: 'p5',
  parentId: null,
  customers: 3,
  pending: 1234,
  released: 500,
  withdrawable: 300,
  appliedAt: '2026-12-01T02:00:00.000Z',
  decidedAt: null,
}
const commission: CommissionItem = {
  orderId: 1,
  orderNo: 'D202612010001',
  level: 1,
  buyer: '张**',
  base: 9900,
  accrued: 990,
  reversed: 0,
  released: 0,
  pending: 990,
  state: 'pending',
  createdAt: '2026-12-01T03:00:00.000Z',
  releaseAt: '2026-12-08T03:00:00.000Z',
}
const withdrawals: AdminWithdrawal[] = [
  { id: 7, promoterId: 5, nickname: '小推', amount: 60_000, status: 'reviewing', channel: 'wechat', confirm: null, failure: null, createdAt: '2026-12-02T02:00:00.000Z', finishedAt: null, outBillNo: 'W7', reviewedBy: null },
  { id: 8, promoterId: 5, nickname: '小推', amount: 2000, status: 'failed', channel: 'alipay', confirm: null, failure: '收款账户异常', createdAt: '2026-12-02T02:00:00.000Z', finishedAt: null, outBillNo: 'W8', reviewedBy: 'admin' },
]
const claim = (id: number, shareNo: number, name: string): GiftClaim => ({
  id,
  shareNo,
  nickname: name,
  address: { name, phone: '13900000000', region: '浙江省 杭州市 西湖区', detail: `文三路 ${shareNo} 号` },
  at: '2026-12-05T01:00:00.000Z',
  carrier: null,
  trackingNo: null,
})

const paged = <T>(items: T[]): Paged<T> => ({ items, total: items.length, page: 1, pageSize: 20 } as Paged<T>)
const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })

describe('console: promoters, withdrawals and gift orders', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let productId = 0
  let order: Order
  const { pageErrors, watch } = pageProblems()

  const go = async (p: string) => {
    await page.goto(`${server.url}/admin${p}`)
    await page.locator('.console-content').waitFor()
  }
  const modal = () => page.locator('.ant-modal:visible')
  const shot = (name: string) => consoleShot(page, SHOTS, name)

  beforeAll(async () => {
    requireDist('console')
    fs.mkdirSync(SHOTS, { recursive: true })
    server = await startTestServer({ console: true })
    const products = await server.get<Paged<{ id: number }>>('/api/admin/products?pageSize=50', TEST_ADMIN_TOKEN)
    let sku: { id: number } | undefined
    for (const p of products.items) {
      const d = await server.get<ProductDetail>(`/api/products/${p.id}`)
      sku = d.rental ? undefined : d.skus.find((s) => s.stock >= 2)
      if (sku) {
        productId = p.id
        break
      }
    }
    order = await paidOrder(server.url, await shopper(server.url, '送礼人'), [{ skuId: sku!.id, quantity: 2 }])
    // Signed in with the server's admin token (an owner), as the console keeps it.
    ;({ browser, page } = await consoleBrowser(TEST_ADMIN_TOKEN))
    watch(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('lists promoters with the pending count and rejects one with a reason', async () => {
    let rejected: unknown = null
    await page.route('**/api/admin/promoters?**', (r) => json(r, paged([promoter])))
    await page.route('**/api/admin/promoters/5/reject', (r) => ((rejected = r.request().postDataJSON()), json(r, { ...promoter, status: 'rejected' })))
    await go('/promoters')
    await page.getByText('待审核（1）').waitFor()
    const row = page.locator('.ant-table-row').filter({ hasText: '小推' })
    await row.getByText('¥12.34').waitFor()
    await shot('promoters')
    await row.getByText('拒绝').click()
    await modal().getByLabel('原因（对方会看到）').fill('资料不完整')
    await modal().getByRole('button', { name: '拒绝申请' }).click()
    await expect.poll(() => rejected).toEqual({ reason: '资料不完整' })
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })

  it('shows a promoter’s figures and commissions with their release dates', async () => {
    // Opened directly (not from the list): the promoter is found through the list's search by id.
    await page.route('**/api/admin/promoters?**', (r) => json(r, paged(new URL(r.request().url()).searchParams.get('q') === '5' ? [promoter] : [])))
    await page.route('**/api/admin/promoters/5/commissions**', (r) => json(r, paged([commission])))
    await go('/promoters/5')
    await page.getByText('D202612010001').waitFor()
    await page.getByText('预计 2026-12-08 11:00').waitFor()
    await page.getByText('待结算佣金').waitFor()
    await shot('promoter-detail')
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })

  it('saves the settings in bp and fen, refusing bad ones on their field first', async () => {
    const puts: unknown[] = []
    await page.route('**/api/admin/promoters/settings', (r) => {
      if (r.request().method() === 'GET') return json(r, DEFAULT_PROMOTER_SETTINGS)
      const body = r.request().postDataJSON() as typeof DEFAULT_PROMOTER_SETTINGS
      puts.push(body)
      // The server's own refusal, on a field.
      if (body.reviewAbove === 8800) return json(r, { code: 'BAD_SETTINGS', message: '审核金额太低', field: 'reviewAbove' }, 400)
      return json(r, body)
    })
    await go('/promoters/settings')
    const level1 = page.getByLabel('一级佣金（推广员本人）')
    await expect.poll(() => level1.inputValue()).toBe('10.00')
    await level1.fill('48')
    await page.getByRole('button', { name: button('保存') }).click()
    await page.getByText('两级佣金合计不能超过 50%').waitFor()
    expect(puts).toEqual([])
    await level1.fill('12.5')
    await page.getByLabel('超过多少需审核').fill('88')
    await page.getByRole('button', { name: button('保存') }).click()
    await page.getByText('审核金额太低').waitFor()
    await shot('promoter-settings')
    expect(puts).toEqual([{ ...DEFAULT_PROMOTER_SETTINGS, level1RateBp: 1250, reviewAbove: 8800 }])
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })

  it('reviews withdrawals: approve and reject for the owner, the failure shown', async () => {
    let approved = false
    await page.route('**/api/admin/withdrawals?**', (r) => json(r, paged(withdrawals)))
    await page.route('**/api/admin/withdrawals/7/approve', (r) => ((approved = true), json(r, { ...withdrawals[0], status: 'processing' })))
    await go('/withdrawals')
    await page.getByText('收款账户异常').waitFor()
    await shot('withdrawals')
    const row = page.locator('.ant-table-row').filter({ hasText: '¥600.00' })
    await row.getByText('通过').click()
    await page.getByRole('button', { name: '通过并打款' }).click()
    await expect.poll(() => approved).toBe(true)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })

  it('sets a product’s own level-1 rate, leaving level 2 on the shop’s', async () => {
    let saved: unknown = null
    await page.route('**/api/admin/promoters/settings', (r) => json(r, DEFAULT_PROMOTER_SETTINGS))
    await page.route(`**/api/admin/products/${productId}/commission-rates`, (r) => {
      if (r.request().method() === 'GET') return json(r, { level1RateBp: null, level2RateBp: null })
      saved = r.request().postDataJSON()
      return json(r, saved)
    })
    await go(`/products/${productId}`)
    await page.getByText('佣金（推广员）').click()
    await page.getByText('使用店铺比例（10%）').waitFor()
    await page.getByText('单独设置').first().click()
    await page.getByLabel('一级佣金比例').fill('8.5')
    await shot('product-commission')
    await page.getByRole('button', { name: '保存佣金设置' }).click()
    await expect.poll(() => saved).toEqual({ level1RateBp: 850, level2RateBp: null })
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })

  it('ships a two-recipient gift one parcel per claim, and not before it is claimed', async () => {
    let gift: OrderGift = { code: 'AbCdE12345', status: 'open', message: '生日快乐', recipients: 2, claimed: 1, expiresAt: '2026-12-06T01:00:00.000Z' }
    let claims = [claim(31, 1, '小红')]
    let shipped: unknown = null
    await page.route(`**/api/admin/orders/${order.id}`, async (r) => {
      const real = (await (await r.fetch()).json()) as { order: Order }
      return json(r, { ...real, order: { ...real.order, gift, giftClaims: claims } })
    })
    let attempts = 0
    await page.route(`**/api/admin/orders/${order.id}/ship`, (r) => {
      shipped = r.request().postDataJSON()
      // The first try meets a share that changed meanwhile: the server's 409 is said in the dialog.
      if (++attempts === 1) return json(r, { code: 'GIFT_NOT_CLAIMED', message: '礼物还有份数未领取，暂不能发货' }, 409)
      return json(r, order)
    })
    await go(`/orders/${order.id}`)
    await page.getByText('生日快乐').waitFor()
    await page.getByText('1/2 份').waitFor()
    await shot('gift-order')
    await page.getByTestId('ship-blocked').hover()
    await page.getByText('礼物已领取 1/2 份，全部领取或到期后才能发货').waitFor()

    gift = { ...gift, status: 'claimed', claimed: 2 }
    claims = [...claims, claim(32, 2, '小明')]
    await page.reload()
    await page.getByRole('button', { name: button('发货') }).click()
    for (const [i, c] of claims.entries()) {
      const card = modal().locator('.ant-card').filter({ hasText: `第 ${c.shareNo} 份` })
      await card.getByText(`文三路 ${c.shareNo} 号`).waitFor()
      await card.getByLabel('快递公司').fill('顺丰')
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '顺丰速运' }).click()
      // The list closes before the next one opens (two open lists would be two matches).
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0)
      await card.getByLabel('快递单号').fill(`SF00${i}`)
    }
    await shot('gift-ship')
    await modal().getByRole('button', { name: '确认发货' }).click()
    await modal().getByText('礼物还有份数未领取，暂不能发货').waitFor()
    await modal().getByRole('button', { name: '确认发货' }).click()
    await expect.poll(() => attempts).toBe(2)
    await expect.poll(() => shipped).toEqual({
      kind: 'express',
      parcels: [
        { carrier: 'SF', trackingNo: 'SF000', giftClaimId: 31 },
        { carrier: 'SF', trackingNo: 'SF001', giftClaimId: 32 },
      ],
    })
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await go('/orders')
    expect(pageErrors).toEqual([])
  })
})
