import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Favorite, Paged, ProductSummary } from '../../src/domain/contract'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { launchMini, textOf, type MiniHost } from '../helpers/mini-runtime'
import { startTestServer, type TestServer } from '../helpers/server'

// Favorites in the compiled mini-programs: a shared / favorited product link opens that
// product, the "add this mini-program" guide follows the host's own answer
// (wx.checkIsAddedToMyMiniProgram, my.getMenuButtonBoundingClientRect().optionMenuStatus),
// and the wish-list heart sends a guest to log in and back to the same product.

const PRODUCT = 'pkg-shop/product/index'
const FAVORITES = 'pkg-account/favorites/index'
const GUIDE_KEY = 'duet-favorite-guide-dismissed-at'

type Callbacks = { success?(res: unknown): void; fail?(err: unknown): void }

/** The host's answer to "is this mini-program added / collected". */
function hostSays(host: MiniHost, added: boolean): void {
  if (host.target === 'weapp') {
    host.api.checkIsAddedToMyMiniProgram = (o: Callbacks) => setTimeout(() => o.success?.({ added, errMsg: 'checkIsAddedToMyMiniProgram:ok' }), 0)
  } else {
    host.api.getMenuButtonBoundingClientRect = () => ({ top: 48, left: 281, right: 368, bottom: 80, width: 87, height: 32, optionMenuStatus: added ? 'Favorite' : 'UnFavorite' })
  }
}

const guideShown = (host: MiniHost) => host.findByClass('favorite-guide').length > 0

describe.each(['weapp', 'alipay'] as const)('favorites on dist/%s', (target: MiniTarget) => {
  let server: TestServer
  let host: MiniHost
  let products: ProductSummary[]

  beforeAll(async () => {
    requireDist(target)
    server = await startTestServer({ platformLogin: true })
    host = await launchMini(target, { serverUrl: server.url })
    products = (await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')).items
  })
  afterAll(async () => {
    await server?.close()
  })

  it('a product link with its query (as shared or favorited) opens that product, and the share entries carry it', async () => {
    const p = products[3]
    const page = await host.goto(`${PRODUCT}?id=${p.id}`)
    await host.waitFor(() => host.text().includes(p.title), `the product ${p.title}`)
    const share = (page.onShareAppMessage as (o: object) => { title: string; path: string; imageUrl?: string })({ from: 'menu' })
    expect(share.title).toBe(p.title)
    expect(share.path).toBe(`/${PRODUCT}?id=${p.id}`)
    expect(share.imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/images\//)
    if (target === 'weapp') {
      expect((page.onShareTimeline as () => { query: string })()).toMatchObject({ title: p.title, query: `id=${p.id}` })
      expect((page.onAddToFavorites as (o: object) => { query: string; title: string })({ webViewUrl: '' })).toMatchObject({ title: p.title, query: `id=${p.id}` })
      expect(host.callsOf('showShareMenu').at(-1)?.args[0]).toMatchObject({ menus: ['shareAppMessage', 'shareTimeline'] })
    } else {
      // Alipay has no share menu switch: no wx-style call is made there.
      expect(host.callsOf('showShareMenu')).toHaveLength(0)
    }
    // Opened again from the share card with another product's id: that one.
    await host.goto(`${PRODUCT}?id=${products[4].id}`)
    await host.waitFor(() => host.text().includes(products[4].title), 'the second shared product')
  })

  it(`the guide follows ${target === 'weapp' ? 'checkIsAddedToMyMiniProgram' : 'optionMenuStatus'}, and a dismissal keeps it away`, async () => {
    host.storage.delete(GUIDE_KEY)
    hostSays(host, true)
    await host.goto(`${PRODUCT}?id=${products[0].id}`)
    await host.waitFor(() => host.text().includes(products[0].title), 'the product')
    await host.settle(10)
    expect(guideShown(host)).toBe(false)

    hostSays(host, false)
    await host.goto(`${PRODUCT}?id=${products[0].id}`)
    const guide = await host.waitForClass('favorite-guide', target === 'weapp' ? '添加到我的小程序' : '收藏')
    expect(textOf(guide)).toContain('···')
    await host.tap(await host.waitForClass('favorite-guide__close'))
    await host.waitFor(() => !guideShown(host), 'the guide closed')
    expect(Number(host.storage.get(GUIDE_KEY))).toBeGreaterThan(Date.now() - 60_000)

    await host.goto(`${PRODUCT}?id=${products[1].id}`)
    await host.waitFor(() => host.text().includes(products[1].title), 'another product')
    await host.settle(10)
    expect(guideShown(host), 'not again within 7 days').toBe(false)

    // Eight days later it comes back (still not added).
    host.storage.set(GUIDE_KEY, Date.now() - 8 * 24 * 3600 * 1000)
    await host.goto(`${PRODUCT}?id=${products[1].id}`)
    await host.waitForClass('favorite-guide')
  })

  it('a guest tapping the heart logs in and comes back to the same product; the heart saves it to the wish list, which lists it', async () => {
    const p = products[2]
    await host.goto(`${PRODUCT}?id=${p.id}`)
    await host.tap(await host.waitForClass('favorite-heart', '收藏'))
    await host.waitFor(() => host.current.route === 'pkg-account/login/index', 'the login page')
    await host.tap(await host.waitForClass('login-button'))
    await host.waitFor(() => host.current.route === PRODUCT && host.current.query.id === String(p.id) && host.text().includes(p.title), 'back on the same product')
    expect(host.stack.map((s) => s.route)).toEqual([PRODUCT])
    const raw = await host.waitFor(() => host.storage.get('duet-session'), 'a session')
    const token = (JSON.parse(String(raw)) as { state: { token: string } }).state.token

    // Tapped at once, before the page's own check has answered: the late answer must not undo the tap.
    await host.tap(await host.waitForClass('favorite-heart', '收藏'))
    await host.waitForClass('favorite-heart', '已收藏')
    await host.settle(10)
    expect(textOf(host.findByClass('favorite-heart')[0])).toContain('已收藏')
    const list = await server.get<Paged<Favorite>>('/api/favorites', token)
    expect(list.items.map((f) => f.productId)).toEqual([p.id])

    // Lists mark it: the home feed asks GET /api/favorites/check for the products it shows.
    await host.goto('pages/index/index')
    const card = await host.waitFor(() => host.findByClass('product-card').find((n) => textOf(n).includes(p.title) && textOf(n).includes('♥')), 'the heart mark on the home card')
    expect(host.findByClass('product-card').filter((n) => textOf(n).includes('♥'))).toEqual([card])

    await host.goto(FAVORITES)
    await host.waitForClass('favorite-row', p.title)
    await host.tap(await host.waitForClass('favorite-row__remove'))
    await host.waitFor(() => host.text().includes('还没有收藏的商品'), 'the empty wish list')
    expect((await server.get<Paged<Favorite>>('/api/favorites', token)).total).toBe(0)
  })
})
