import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Address, Favorite, MessageTemplates, Order, Paged, ProductDetail, ProductSummary, SandboxMessage } from '../../src/domain/contract'
import { ROOT } from '../helpers/dist'
import { useE2ePage } from '../helpers/e2e-page'

// Favorites and subscription messages in the H5 preview, in headless Chromium: a product
// link (what a share or a bookmark opens) shows that product with the bookmark hint; a guest
// tapping the heart logs in and comes back to it; the wish list shows it; paying an order
// from the pay tap leaves the sandbox's "order paid" message on GET /api/admin/messages.
// The H5 preview has no subscribe dialog: it plays a shopper who allows (src/platform/subscribe/index.h5.ts).

const SHOTS = path.join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots')
const ADMIN_TOKEN = 'test-admin-token'

describe('H5 favorites and messages end to end', () => {
  const e2e = useE2ePage('fav', { shots: SHOTS })
  const { visible, shot, sessionToken, pageErrors } = e2e
  let product: ProductSummary
  let token = ''


  beforeAll(async () => {
    const list = await e2e.server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')
    product = list.items.find((p) => p.stock > 20) ?? list.items[0]
  })

  it('a product link opens that product with the bookmark hint; a guest tapping the heart logs in and comes back to it', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/pkg-shop/product/index?id=${product.id}`)
    await expect.poll(() => visible('.product-page').innerText(), { timeout: 20_000 }).toContain(product.title)
    await expect.poll(() => visible('.favorite-guide').innerText()).toContain('书签')

    await visible('.favorite-heart').click()
    await visible('.login-button').waitFor()
    // The H5 preview's dev login takes a nickname.
    const nickname = visible('.login-page__input input')
    await nickname.waitFor()
    await nickname.fill('收藏测试')
    await expect.poll(() => nickname.inputValue()).toBe('收藏测试')
    await visible('.login-button').click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain(`pkg-shop/product/index?id=${product.id}`)
    await expect.poll(() => visible('.product-page').innerText()).toContain(product.title)
    token = await sessionToken()

    await expect.poll(() => visible('.favorite-heart').innerText()).toContain('收藏')
    await visible('.favorite-heart').click()
    await expect.poll(() => visible('.favorite-heart').innerText()).toContain('已收藏')
    // The heart turns at the tap, before its PUT answers: the server's list is polled, not read once.
    const favorited = async () => (await e2e.server.get<Paged<Favorite>>('/api/favorites', token)).items.map((f) => f.productId)
    await expect.poll(favorited).toEqual([product.id])
    await expect.poll(() => e2e.page.locator('.favorite-heart--busy').count()).toBe(0)
  })

  it('我的 → 我的收藏 lists it, with a price-drop mark once the price falls', async () => {
    // A second favorite, and it got cheaper since: the shopper favorited it 10 yuan dearer.
    const list = await e2e.server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')
    const other = list.items.find((p) => p.id !== product.id)!
    const put = await fetch(`${e2e.server.url}/api/favorites/${other.id}`, { method: 'PUT', headers: { authorization: `Bearer ${token}` } })
    expect(put.status).toBe(200)
    await e2e.server.app.db.query('UPDATE favorites SET price_at_add = price_at_add + 1000 WHERE product_id = $1', [other.id])
    await e2e.page.goto(`${e2e.server.url}/#/pages/me/index`)
    await visible('.me-row--favorites').click()
    await expect.poll(() => e2e.page.url()).toContain('pkg-account/favorites/index')
    const row = visible('.favorite-row').filter({ hasText: product.title })
    await row.first().waitFor({ timeout: 20_000 })
    const dropped = visible('.favorite-row').filter({ hasText: other.title })
    await expect.poll(() => dropped.first().innerText()).toContain('比收藏时降 ¥10.00')
    await shot('favorites')
    expect(pageErrors).toEqual([])
  })

  it('paying an order from the pay tap leaves the sandbox "order paid" message on the admin endpoint', async () => {
    await e2e.server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)
    const detail = await e2e.server.get<ProductDetail>(`/api/products/${product.id}`)
    const sku = [...detail.skus].sort((a, b) => b.stock - a.stock)[0]
    const order = await e2e.server.post<Order>('/api/orders', { items: [{ skuId: sku.id, quantity: 1 }], idempotencyKey: `e2e-fav-${process.pid}` }, token)

    await e2e.page.goto(`${e2e.server.url}/#/pkg-order/order-detail/index?id=${order.id}`)
    await expect.poll(() => visible('.order-detail__status').innerText(), { timeout: 20_000 }).toBe('待付款')
    await visible('.order-detail__pay').click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
    // The pay tap recorded the preview's answers before the page left for the cashier.
    const templates = await e2e.server.get<MessageTemplates>('/api/messages/templates', token)
    expect(templates.platform).toBe('h5')
    const paidTemplate = templates.templates.find((t) => t.event === 'order_paid')!
    expect(paidTemplate.status).toBe('accept')
    expect(paidTemplate.quota).toBeGreaterThanOrEqual(1)

    await e2e.page.getByRole('button', { name: '确认支付' }).click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('pkg-order/pay-result')
    await expect.poll(() => visible('.pay-result__title').innerText(), { timeout: 20_000 }).toBe('支付成功')

    // The worker is run by hand in tests (sweeper off): it sends the outbox row through the sandbox.
    await e2e.server.app.messages.worker.runOnce()
    const res = await fetch(`${e2e.server.url}/api/admin/messages?orderId=${order.id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(res.status).toBe(200)
    const sent = (await res.json()) as Paged<SandboxMessage>
    const paid = sent.items.filter((m) => m.event === 'order_paid')
    expect(paid).toHaveLength(1)
    expect(paid[0]).toMatchObject({ platform: 'h5', templateId: paidTemplate.templateId })
    expect(paid[0].page).toContain(String(order.id))
  })
})
