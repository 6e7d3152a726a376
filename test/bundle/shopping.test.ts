import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Paged, ProductDetail, ProductSummary, Sku } from '../../src/domain/contract'
import { distDir, listFiles, requireDist, type MiniTarget } from '../helpers/dist'
import { hasClass, launchMini, textOf, type MiniHost } from '../helpers/mini-runtime'
import { startTestServer, type TestServer } from '../helpers/server'

// The same shopper on both mini-programs: the compiled bundle, a fake host, and the real
// server on loopback. Home shows what the API returns, a product opens, a SKU is picked in
// the sheet and added, and the cart tab shows that line (a guest's cart is kept locally).

const HOME = 'pages/index/index'
const CART = 'pages/cart/index'
const PRODUCT = 'pkg-shop/product/index'

describe.each(['weapp', 'alipay'] as const)('shopping on dist/%s', (target: MiniTarget) => {
  let server: TestServer
  let host: MiniHost
  let chosen: { product: ProductSummary; detail: ProductDetail; sku: Sku } | undefined

  beforeAll(async () => {
    requireDist(target)
    server = await startTestServer()
    host = await launchMini(target, { serverUrl: server.url })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('home shows the first page of products the API returns', async () => {
    await host.goto(HOME)
    const api = await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')
    expect(api.items.length).toBeGreaterThan(0)
    const titles = await host.waitFor(() => {
      const t = host.findByClass('product-card__title').map(textOf)
      return t.length >= api.items.length ? t : undefined
    }, `${api.items.length} product card titles`)
    // The feed is two columns (left gets 1st, 3rd, ... ), so compare the set, not the order.
    expect([...titles].sort()).toEqual(api.items.map((p) => p.title).sort())
    expect(host.requests.some((r) => r.method === 'GET' && r.url.startsWith('/api/products') && r.status === 200)).toBe(true)
  })

  it('a product card opens the product page with its details', async () => {
    const api = await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')
    // A product with at least two in-stock SKUs, so picking specs is a real choice.
    let pick: { product: ProductSummary; detail: ProductDetail } | undefined
    for (const p of api.items) {
      if (p.stock <= 0) continue
      const detail = await server.get<ProductDetail>(`/api/products/${p.id}`)
      if (detail.specGroups.length > 0 && detail.skus.filter((s) => s.stock > 0).length >= 2) {
        pick = { product: p, detail }
        break
      }
    }
    expect(pick, 'the seed has a product with specs on the first page').toBeDefined()
    const { product, detail } = pick!
    const card = host.findByClass('product-card').find((n) => textOf(n).includes(product.title))
    expect(card, `a .product-card for ${product.title}`).toBeDefined()
    await host.tap(card!)
    await host.waitFor(() => host.current.route === PRODUCT, `navigation to ${PRODUCT}`)
    expect(host.current.query.id).toBe(String(product.id))
    expect(host.callsOf('navigateTo').at(-1)?.args[0]).toMatchObject({ url: expect.stringContaining(`id=${product.id}`) })
    await host.waitFor(() => host.text().includes(detail.title), 'the product title on the product page')
    // The SKU with the most stock: in stock whatever the other tests did.
    const sku = [...detail.skus].sort((a, b) => b.stock - a.stock)[0]
    chosen = { product, detail, sku }
  })

  it('the SKU sheet picks an in-stock value per spec group and adds it to the cart', async () => {
    expect(chosen, 'previous step chose a product').toBeDefined()
    const { detail, sku } = chosen!
    await host.tap(await host.waitForClass('add-to-cart'))
    await host.waitForClass('sku-value')
    for (const group of detail.specGroups) {
      const want = sku.specs[group.name]
      const groupNode = await host.waitFor(
        () => host.findByClass('sku-sheet__group').find((g) => textOf(g).startsWith(group.name)),
        `spec group ${group.name}`,
      )
      const value = (groupNode.cn ?? []).flatMap(function all(n): typeof groupNode[] {
        return [n, ...(n.cn ?? []).flatMap(all)]
      }).find((n) => hasClass(n, 'sku-value') && textOf(n) === want)
      expect(value, `.sku-value ${want} in ${group.name}`).toBeDefined()
      expect(hasClass(value!, 'is-disabled'), `${group.name}=${want} is in stock`).toBe(false)
      await host.tap(value!)
      await host.waitFor(
        () => host.findByClass('sku-value').find((n) => textOf(n) === want && hasClass(n, 'is-active')),
        `${want} to become active`,
      )
    }
    // Once every group has a value, the sheet shows that SKU's stock.
    await host.waitFor(() => host.findByClass('sku-sheet__stock').some((n) => textOf(n).includes(String(sku.stock))), `stock ${sku.stock} of the chosen SKU`)
    await host.tap(await host.waitForClass('sku-confirm'))
    // A guest's cart is local: the line is persisted to storage with the chosen SKU id.
    await host.waitFor(
      () => [...host.storage.values()].some((v) => new RegExp(`"skuId":${sku.id}\\b`).test(typeof v === 'string' ? v : JSON.stringify(v))),
      `the guest cart in storage to hold sku ${sku.id}`,
    )
    expect(host.requests.filter((r) => r.url.startsWith('/api/cart'))).toEqual([])
  })

  it('the cart tab shows the chosen product and spec, and the tab bar badge counts it', async () => {
    const { detail, sku } = chosen!
    await host.switchTab(CART)
    const line = await host.waitFor(
      () => host.findByClass('cart-line').find((n) => textOf(n).includes(detail.title)),
      `.cart-line with ${detail.title}`,
    )
    for (const value of Object.values(sku.specs)) expect(textOf(line)).toContain(value)
    // The badge on the cart tab (index 2) says 1, set while a tab page is showing.
    await host.waitFor(
      () => host.callsOf('setTabBarBadge').some((c) => (c.args[0] as { text?: string; index?: number }).text === '1'),
      'setTabBarBadge with text 1',
    )
    const badge = host.callsOf('setTabBarBadge').at(-1)!.args[0] as { index: number; text: string }
    expect(badge).toMatchObject({ index: 2, text: '1' })
    expect(host.errors.filter((e) => !String(e).includes('TabBar'))).toEqual([])
  })

  // The server's 4xx answers must reach the app as answers on both hosts: WeChat hands
  // every HTTP status to success, Alipay hands 4xx/5xx to fail (error 19, HTTP error).
  // A product that does not exist (404) is "not found", not a network failure to retry.
  it('a 404 from the server shows "not found", not a network error', async () => {
    await host.goto(`${PRODUCT}?id=999999`)
    const shown = await host.waitFor(() => host.findByClass('state-view').find((n) => !hasClass(n, 'state-view--loading')), 'the product page state')
    expect(host.requests.some((r) => r.url === '/api/products/999999' && r.status === 404)).toBe(true)
    expect(textOf(shown)).toContain('商品不存在')
    expect(hasClass(shown, 'state-view--error'), `shown as an error: ${textOf(shown)}`).toBe(false)
  })
})

describe('platform separation in the built JS', () => {
  const js = (target: MiniTarget) => {
    const dir = requireDist(target)
    return listFiles(dir, (f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(distDir(target), f), 'utf8'))
      .join('\n')
  }

  // Neither host has Node's `process`: an env read left unreplaced by the build throws
  // "process is not defined" on the device when the module loads.
  it.each(['weapp', 'alipay'] as const)('dist/%s reads no Node globals at run time', (target) => {
    const leftovers = js(target).match(/.{0,40}\bprocess\.(env|nextTick|version)\b.{0,40}/g) ?? []
    expect(leftovers, 'define the variable at build time (config env / defineConstants)').toEqual([])
  })

  it('dist/weapp calls wx.login and carries no Alipay calls', () => {
    const code = js('weapp')
    expect(code).toMatch(/\bwx\.login\(/)
    expect(code).not.toMatch(/\bmy\.[a-zA-Z]+\(/)
    expect(code).not.toMatch(/getAuthCode|tradePay/)
    // The order page imports the payment adapter: the build keeps WeChat's one.
    expect(code).toMatch(/\bwx\.requestPayment\(/)
  })

  it('dist/alipay calls my.getAuthCode and carries no WeChat calls', () => {
    const code = js('alipay')
    expect(code).toMatch(/\bmy\.getAuthCode\(/)
    expect(code).not.toMatch(/\bwx\.[a-zA-Z]+\(/)
    expect(code).not.toMatch(/requestPayment|jscode2session/)
    expect(code).toMatch(/\bmy\.tradePay\(/)
  })
})
