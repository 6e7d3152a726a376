import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page, Request, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminProduct } from '../../src/domain/admin-contract'
import type { Order, Paged, ProductDetail } from '../../src/domain/contract'
import type { AdminGroupDeal, AdminGroupRow, GroupOrderResult } from '../../src/domain/groups'
import type { AdminMallItem, AdminRedemption, CheckInResult, PointsSettings, RedeemResult } from '../../src/domain/points'
import type { AdminReview, ReviewableLine, ReviewView } from '../../src/domain/reviews'
import { pageProblems } from '../helpers/browser'
import { consoleBrowser, consoleShot, paidOrder, payOrder, redSquarePng, shopper } from '../helpers/console'
import { requireDist, ROOT } from '../helpers/dist'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server'

// The console's issue-18 screens (拼团, 评价, 积分设置, 积分商城) in headless Chromium against the
// real server: a group deal made in the form is what the server stores and a shopper's group of
// it is listed with its order; the points settings go out as PointsSettings and come back; a
// coupon item made in the mall is redeemed by a shopper who checked in, and then its stock can't
// go below what was redeemed; a received order's review with a photo is answered, featured in the
// buyer show and hidden. Also: a role without marketing:write sees the pages read-only, and a
// server without these endpoints gets a notice instead of a broken page. Screenshots go to
// test-results/screenshots/console-growth.

const SHOTS = path.join(ROOT, 'test-results/screenshots/console-growth')
const button = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`)
const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })
/** The server's not-found answer for a route it doesn't have (server/plugins/errors.ts). */
const noRoute = (route: Route) => json(route, { code: 'NOT_FOUND', message: '没有这个接口：' + new URL(route.request().url()).pathname }, 404)
/** 2026-12-05 10:00 in the shop's time, as the range picker takes it. */
const pickerTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

describe('console: group deals, reviews, points settings and the points mall', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let product: ProductDetail
  const { pageErrors, watch } = pageProblems()
  const admin = <T>(p: string) => server.get<T>(p, TEST_ADMIN_TOKEN)
  const adminPost = <T>(p: string, body: unknown) => server.post<T>(p, body, TEST_ADMIN_TOKEN)

  const go = async (p: string) => {
    await page.goto(`${server.url}/admin${p}`)
    await page.locator('.console-content').waitFor()
  }
  const modal = () => page.locator('.ant-modal:visible')
  const option = (text: string | RegExp) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first()
  const shot = (name: string) => consoleShot(page, SHOTS, name)

  beforeAll(async () => {
    requireDist('console')
    fs.mkdirSync(SHOTS, { recursive: true })
    server = await startTestServer({ console: true })
    // A product sold the ordinary way (no rental) with stock on its first SKU.
    const products = await admin<Paged<{ id: number }>>('/api/admin/products?pageSize=50')
    for (const p of products.items) {
      const d = await server.get<ProductDetail>(`/api/products/${p.id}`)
      if (!d.rental && d.skus[0]?.stock >= 5 && d.skus[0].price >= 200) {
        product = d
        break
      }
    }
    expect(product).toBeDefined()
    // The merchant's clock: the range picker's times are Beijing times.
    ;({ browser, page } = await consoleBrowser(TEST_ADMIN_TOKEN, { timezoneId: 'Asia/Shanghai' }))
    watch(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('says so on each screen when the server lacks its endpoints', async () => {
    for (const p of ['group-deals', 'groups', 'reviews', 'points/settings', 'mall-items', 'mall-redemptions']) await page.route(`**/api/admin/${p}**`, noRoute)
    const screens: [string, string][] = [
      ['/group-deals', '拼团'],
      ['/group-deals?tab=groups', '拼团记录'],
      ['/reviews', '评价管理'],
      ['/points', '积分设置'],
      ['/points/mall', '积分商城'],
      ['/points/mall?tab=redemptions', '兑换记录'],
    ]
    for (const [p, what] of screens) {
      await go(p)
      await page.getByText(`当前服务端版本没有「${what}」接口`).waitFor()
    }
    await shot('feature-missing')
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })

  it('拼团: creates a deal for one SKU, lists a shopper’s group with its order, and ends the deal', async () => {
    const sku = product.skus[0]
    await go('/group-deals')
    await page.getByRole('button', { name: '新建拼团' }).click()
    await modal().getByLabel('拼团名称').fill('双人拼团 · 测试')
    await modal().getByLabel('商品').fill(product.title.slice(0, 4))
    await option(product.title).click()
    // Every SKU of the product is listed ticked; only the first one joins.
    const rows = modal().locator('.ant-table-row')
    const listed = (await admin<AdminProduct>(`/api/admin/products/${product.id}`)).skus.filter((s) => !s.archived)
    expect(listed[0].id).toBe(sku.id)
    await expect.poll(() => rows.count()).toBe(listed.length)
    for (let i = 1; i < listed.length; i++) await modal().getByRole('checkbox').nth(i).uncheck()
    const groupPrice = Math.floor(sku.price / 2)
    await rows.first().locator('input').nth(1).fill((groupPrice / 100).toFixed(2))
    await rows.first().locator('input').nth(2).fill('20')
    await modal().getByLabel('成团人数').fill('3')
    await modal().getByLabel('每人限购（不填不限）').fill('2')
    const start = Date.now() - 3600_000
    const end = Date.now() + 7 * 24 * 3600_000
    await modal().getByPlaceholder('开始日期').click()
    await modal().getByPlaceholder('开始日期').fill(pickerTime(start))
    await page.keyboard.press('Enter')
    await modal().getByPlaceholder('结束日期').fill(pickerTime(end))
    await page.keyboard.press('Enter')
    await shot('group-deal-form')
    await modal().getByRole('button', { name: button('创建') }).click()
    await expect.poll(() => modal().count()).toBe(0)

    const deals = await admin<Paged<AdminGroupDeal>>('/api/admin/group-deals?pageSize=50')
    const deal = deals.items.find((d) => d.name === '双人拼团 · 测试')!
    expect(deal).toMatchObject({ productId: product.id, size: 3, hours: 24, perUserLimit: 2, robotFill: false, skus: [{ skuId: sku.id, price: groupPrice, stock: 20 }] })
    const row = page.locator('.ant-table-row').filter({ hasText: '双人拼团 · 测试' })
    await row.getByText('进行中').waitFor()

    // A shopper starts a group and pays: it is listed under 拼团中 with the leader's order.
    const buyer = await shopper(server.url, '团长')
    const started = await server.post<GroupOrderResult>('/api/groups', { promotionId: deal.id, skuId: sku.id, addressId: buyer.addressId, idempotencyKey: `g-${Date.now()}` }, buyer.token)
    await payOrder(server.url, buyer, started.orderId)
    await page.reload()
    await row.getByRole('link', { name: '1 / 0 / 0' }).click()
    await expect.poll(() => page.url()).toContain(`dealId=${deal.id}`)
    const groupRow = page.locator('.ant-table-row').filter({ hasText: `#${started.groupId}` })
    await groupRow.getByRole('link', { name: `#${started.orderId}` }).waitFor()
    await groupRow.getByText('1 / 3').waitFor()
    await page.getByText('拼团中（1）').waitFor()
    await shot('groups')
    const groups = await admin<Paged<AdminGroupRow>>(`/api/admin/groups?dealId=${deal.id}`)
    expect(groups.items.map((g) => g.orderIds)).toEqual([[started.orderId]])

    await go('/group-deals')
    await page.locator('.ant-table-row').filter({ hasText: '双人拼团 · 测试' }).getByText('结束').click()
    await page.getByRole('button', { name: button('结束') }).click()
    await page.locator('.ant-table-row').filter({ hasText: '双人拼团 · 测试' }).getByText('已结束').waitFor()
    expect((await admin<Paged<AdminGroupDeal>>('/api/admin/group-deals?pageSize=50')).items.find((d) => d.id === deal.id)!.endedAt).not.toBeNull()
    expect(pageErrors).toEqual([])
  })

  it('积分设置: saves PointsSettings, refusing a repeated streak day on its field first', async () => {
    const puts: unknown[] = []
    const onRequest = (r: Request) => void (r.url().endsWith('/api/admin/points/settings') && r.method() === 'PUT' && puts.push(r.postDataJSON()))
    page.on('request', onRequest)
    await go('/points')
    const daily = page.getByLabel('每日签到获得')
    await expect.poll(() => daily.inputValue()).not.toBe('')
    const before = await admin<PointsSettings>('/api/admin/points/settings')
    await daily.fill('8')
    await page.getByRole('button', { name: '添加连续签到奖励' }).click()
    const days = page.getByLabel('连续天数')
    const extra = page.getByLabel('额外积分')
    const n = await days.count()
    await days.nth(n - 1).fill(String(before.checkIn.streakBonuses[0]?.day ?? 7))
    await extra.nth(n - 1).fill('50')
    if (before.checkIn.streakBonuses.length > 0) {
      await page.getByRole('button', { name: button('保存') }).click()
      await page.getByText(/已设置过奖励/).waitFor()
      expect(puts).toEqual([])
    }
    await days.nth(n - 1).fill('30')
    await page.getByLabel('每单最多抵扣').fill('30')
    await page.getByText('每单最多抵扣商品金额的 30%').waitFor()
    await page.getByRole('button', { name: button('保存') }).click()
    await page.getByText('积分设置已保存').waitFor()
    await shot('points-settings')
    const after = await admin<PointsSettings>('/api/admin/points/settings')
    expect(after).toEqual({
      ...before,
      checkIn: { daily: 8, streakBonuses: [...before.checkIn.streakBonuses, { day: 30, points: 50 }].sort((a, b) => a.day - b.day) },
      redeem: { ...before.redeem, maxPercent: 30 },
    })
    expect(puts).toEqual([after])
    page.off('request', onRequest)
    expect(pageErrors).toEqual([])
  })

  it('积分商城: a coupon item is redeemed by a shopper who checked in; its stock can’t go below that', async () => {
    const now = Date.now()
    const batch = await adminPost<{ id: number }>('/api/admin/coupon-batches', {
      title: '积分兑换 5 元券',
      type: 'amount',
      value: 500,
      threshold: 0,
      claimStartsAt: new Date(now - 60_000).toISOString(),
      claimEndsAt: new Date(now + 30 * 86400_000).toISOString(),
      validity: { days: 30 },
      total: 100,
      perUserLimit: 5,
    })
    await go('/points/mall')
    await page.getByRole('button', { name: '新增兑换商品' }).click()
    await modal().getByLabel('名称').fill('5 元无门槛券')
    await modal().getByRole('combobox', { name: /优惠券/ }).click()
    await option('积分兑换 5 元券').click()
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/admin/images') && r.request().method() === 'POST')
    await modal().locator('input[type=file]').setInputFiles({ name: 'coupon.png', mimeType: 'image/png', buffer: redSquarePng() })
    expect((await uploaded).status()).toBeLessThan(300)
    await modal().getByLabel('所需积分').fill('5')
    await modal().getByLabel('库存', { exact: true }).fill('10')
    await shot('mall-item-form')
    await modal().getByRole('button', { name: button('保存') }).click()
    await expect.poll(() => modal().count()).toBe(0)
    const row = page.locator('.ant-table-row').filter({ hasText: '5 元无门槛券' })
    await row.getByText('5 积分').waitFor()
    const item = (await admin<{ items: AdminMallItem[] }>('/api/admin/mall-items')).items.find((i) => i.title === '5 元无门槛券')!
    expect(item).toMatchObject({ kind: 'coupon', couponBatchId: batch.id, skuId: null, points: 5, price: 0, stock: 10, perUserLimit: 1, active: true })

    const buyer = await shopper(server.url, '积分用户')
    const checkIn = await server.post<CheckInResult>('/api/check-in', {}, buyer.token)
    expect(checkIn.balance).toBeGreaterThanOrEqual(5)
    const redeemed = await server.post<RedeemResult>('/api/points/redeem', { itemId: item.id, idempotencyKey: `r-${now}` }, buyer.token)
    expect(redeemed.couponId).not.toBeNull()

    await page.reload()
    await row.getByText('10 / 1').waitFor()
    await row.getByText('编辑').click()
    await modal().getByLabel(/^库存/).fill('0')
    await modal().getByRole('button', { name: button('保存') }).click()
    await modal().getByText('库存不能少于已兑换的 1 件').waitFor()
    await modal().getByRole('button', { name: button('取消') }).click()
    // Taken off the shelf from the list.
    await row.getByRole('switch').click()
    await page.getByText('「5 元无门槛券」已下架').waitFor()
    expect((await admin<{ items: AdminMallItem[] }>('/api/admin/mall-items')).items.find((i) => i.id === item.id)!.active).toBe(false)

    await page.getByRole('tab', { name: '兑换记录' }).click()
    await page.locator('.ant-table-row').filter({ hasText: '5 元无门槛券' }).getByText('已完成').waitFor()
    await shot('mall-redemptions')
    const list = await admin<Paged<AdminRedemption>>('/api/admin/mall-redemptions')
    expect(list.items[0]).toMatchObject({ itemId: item.id, points: 5, status: 'done' })
    expect(pageErrors).toEqual([])
  })

  it('评价: a review with a photo is answered, featured in the buyer show and hidden', async () => {
    const buyer = await shopper(server.url, '晒图买家')
    const order: Order = await paidOrder(server.url, buyer, [{ skuId: product.skus[0].id, quantity: 1 }])
    await adminPost(`/api/admin/orders/${order.id}/ship`, { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: `SF1000${order.id}` }] })
    await server.post(`/api/orders/${order.id}/confirm`, {}, buyer.token)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(redSquarePng())], { type: 'image/png' }), 'photo.png')
    const up = await fetch(`${server.url}/api/uploads/reviews`, { method: 'POST', headers: { authorization: `Bearer ${buyer.token}` }, body: form })
    expect(up.status).toBe(201)
    const { url } = (await up.json()) as { url: string }
    const lines = await server.get<{ items: ReviewableLine[] }>(`/api/orders/${order.id}/reviews`, buyer.token)
    await server.post(`/api/orders/${order.id}/reviews`, { items: [{ orderItemId: lines.items[0].orderItemId, rating: 4, content: '包装很好，颜色正', photos: [url] }] }, buyer.token)

    await go('/reviews?photos=1&rating=4')
    const row = page.locator('.ant-table-row').filter({ hasText: '包装很好，颜色正' })
    await row.waitFor()
    await row.getByAltText('评价图片 1').click()
    await page.locator('.ant-image-preview-img').waitFor()
    await shot('review-photo')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.ant-image-preview-img:visible').count()).toBe(0)

    await row.getByText('回复').click()
    await modal().getByLabel('回复内容（买家和商品页都能看到）').fill('谢谢支持，欢迎再来')
    await modal().getByRole('button', { name: '发布回复' }).click()
    await row.getByText(/商家回复：谢谢支持，欢迎再来/).waitFor()
    await row.getByRole('switch').click()
    await page.getByText('已精选到买家秀').waitFor()
    const show = await server.get<{ items: ReviewView[] }>(`/api/products/${product.id}/buyer-show`)
    expect(show.items.map((r) => r.content)).toContain('包装很好，颜色正')
    await shot('reviews')

    await row.getByText('隐藏').click()
    await page.getByText('评价已隐藏，商品页不再展示').waitFor()
    const hidden = await admin<Paged<AdminReview>>(`/api/admin/reviews?status=hidden`)
    expect(hidden.items.find((r) => r.orderId === order.id)).toMatchObject({ status: 'hidden', featured: true, reply: { content: '谢谢支持，欢迎再来' } })
    const publicPage = await server.get<{ items: ReviewView[] }>(`/api/products/${product.id}/reviews`)
    expect(publicPage.items.map((r) => r.content)).not.toContain('包装很好，颜色正')
    expect(pageErrors).toEqual([])
  })

  it('customer service sees the marketing screens read-only and may moderate reviews', async () => {
    // The console's view of a 客服 (marketing:read, reviews:write); the server's own 403s are its tests'.
    await page.route('**/api/admin/me', (r) =>
      json(r, {
        kind: 'staff',
        username: 'kefu',
        role: 'service',
        permissions: ['dashboard:read', 'catalog:read', 'orders:read', 'orders:write', 'refunds:write', 'aftersales:write', 'marketing:read', 'messages:read', 'promoters:read', 'reviews:read', 'reviews:write'],
        mustChangePassword: false,
      }),
    )
    await go('/group-deals')
    await page.locator('.ant-table-row').first().waitFor()
    expect(await page.getByRole('button', { name: '新建拼团' }).count()).toBe(0)
    expect(await page.locator('.ant-table-row').getByText('结束', { exact: true }).count()).toBe(0)
    await go('/points')
    await page.getByText('你的角色只能查看积分设置').waitFor()
    expect(await page.getByRole('button', { name: button('保存') }).count()).toBe(0)
    await go('/points/mall')
    await page.locator('.ant-table-row').first().waitFor()
    expect(await page.getByRole('button', { name: '新增兑换商品' }).count()).toBe(0)
    expect(await page.locator('.ant-table-row').getByRole('switch').first().isDisabled()).toBe(true)
    await go('/reviews?status=hidden')
    await page.locator('.ant-table-row').first().getByText('显示').waitFor()
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    expect(pageErrors).toEqual([])
  })
})
