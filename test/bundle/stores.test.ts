import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Address, LineInput, PricePreview } from '../../src/domain/contract'
import type { OrderPickup, StoreDetail, StoreListItem } from '../../src/domain/stores'
import { distDir, requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { launchMini, MiniHost, textOf, type PayAnswer } from '../helpers/mini-runtime'
import { orderFixture } from '../helpers/orders'

// Stores and pickup (门店自提) in the compiled mini-programs. The stores and pickup endpoints
// are the server side's work (modules/stores, pickup), so a small fake API answers them with
// the contract's shapes (src/domain/stores.ts, contract.ts Order.pickup) and records what the
// app sent; the host's getLocation / openLocation / openSetting are played per test.

const STORES = 'pkg-store/stores/index'
const PICKUP = 'pkg-store/pickup/index'
const CHECKOUT = 'pkg-order/checkout/index'
const ME = 'pages/me/index'

const HERE = { lat: 31.2304, lng: 121.4737 }
const HOME: Address = { id: 3, name: '李四', phone: '13900139000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号', isDefault: true }

function store(id: number, over: Partial<StoreListItem>): StoreListItem {
  return { id, name: `门店${id}`, city: '上海', address: `地址${id}`, phone: '021-1234567', latitude: 31.2, longitude: 121.4, distanceMeters: null, open: true, hoursText: '周一至周日 09:00-21:00', photo: '', pickup: true, deliveryRadiusMeters: 0, ...over }
}

const PEOPLE_SQUARE = store(1, { name: '人民广场店', address: '南京东路 1 号', latitude: 31.2335, longitude: 121.4751 })
const LUJIAZUI = store(2, { name: '陆家嘴店', address: '世纪大道 8 号', latitude: 31.2397, longitude: 121.4998, open: false })
const WEST_LAKE = store(3, { name: '西湖店', city: '杭州', address: '湖滨路 3 号', latitude: 30.2592, longitude: 120.1626, phone: '' })
const SLOT = '2026-12-06 10:00-11:00'
const detail = (s: StoreListItem): StoreDetail => ({
  ...s,
  photos: ['/api/images/store-1.jpg'],
  hours: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '09:00', close: '21:00' },
  stockMode: 'own',
  slotDays: [{ date: '2026-12-06', slots: [SLOT, '2026-12-06 11:00-12:00'] }, { date: '2026-12-07', slots: ['2026-12-07 10:00-11:00'] }],
})

const QR = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const pickup = (status: OrderPickup['status']): OrderPickup => ({
  code: '12345678',
  storeId: 1,
  slot: SLOT,
  storeName: '人民广场店',
  storeAddress: '南京东路 1 号',
  storePhone: '021-1234567',
  latitude: 31.2335,
  longitude: 121.4751,
  status,
  verifiedAt: status === 'picked' ? '2026-12-06T02:30:00.000Z' : null,
  expiresAt: '2026-12-09T03:00:00.000Z',
})

function preview(items: LineInput[], pickupOrder: boolean): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: 1, title: '纯棉T恤', image: '/api/images/a.jpg', specs: {}, unitPrice: 1990, quantity: i.quantity, lineTotal: 1990 * i.quantity, stock: 9, discount: 0, payable: 1990 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  const shipping = pickupOrder ? 0 : 800
  return { lines, itemCount: 1, subtotal, shipping, discount: 0, total: subtotal + shipping, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}

interface Fake extends FakeApi {
  /** What POST /api/orders answers next: the order, or this 409. */
  order: 'ok' | 'SLOT_UNAVAILABLE'
  pickupStatus: OrderPickup['status']
  /** A store whose own stock lacks the line: previews there answer 409 STORE_OUT_OF_STOCK. */
  soldOutAt: number | null
}

async function startStoresApi(target: MiniTarget): Promise<Fake> {
  const fake = { order: 'ok', pickupStatus: 'waiting', soldOutAt: null } as Fake
  const api = await startFakeApi((key, body, query): FakeAnswer => {
    if (key === 'GET /api/stores') {
      const city = query.get('city')
      if (query.get('lat')) return [200, { items: [{ ...PEOPLE_SQUARE, distanceMeters: 850 }, { ...LUJIAZUI, distanceMeters: 3240 }, { ...WEST_LAKE, distanceMeters: 165_000 }], cities: ['上海', '杭州'] }]
      const all = [PEOPLE_SQUARE, LUJIAZUI, WEST_LAKE].filter((s) => !city || s.city === city)
      return [200, { items: all, cities: ['上海', '杭州'] }]
    }
    const one = /^GET \/api\/stores\/(\d)$/.exec(key)
    if (one) return [200, detail([PEOPLE_SQUARE, LUJIAZUI, WEST_LAKE][Number(one[1]) - 1])]
    if (key === 'GET /api/addresses') return [200, { items: [HOME] }]
    if (key === 'GET /api/credit/eligibility') return [200, { payAfterUse: { available: false, reason: null } }]
    if (key === 'POST /api/orders/preview') {
      const b = body as { items: LineInput[]; fulfilment?: { type: string; storeId?: number } }
      if (b.fulfilment?.storeId !== undefined && b.fulfilment.storeId === fake.soldOutAt) return [409, { code: 'STORE_OUT_OF_STOCK', message: '陆家嘴店「纯棉T恤」库存不足', field: 'skuId' }]
      return [200, preview(b.items, b.fulfilment?.type === 'pickup')]
    }
    if (key === 'POST /api/orders') {
      if (fake.order !== 'ok') return [409, { code: fake.order, message: '这个自提时间已不可选，请重新选择' }]
      return [201, orderFixture('created', { id: 43, pickup: pickup('waiting') })]
    }
    if (key === 'POST /api/orders/43/pay') return [200, target === 'weapp' ? { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx43', signType: 'RSA', paySign: 's' } : { tradeNO: '2026120543' }]
    if (key === 'GET /api/orders/43/payment') return [200, { orderId: 43, orderStatus: 'paid', payment: null }]
    if (key === 'GET /api/orders/42') return [200, orderFixture(fake.pickupStatus === 'picked' ? 'completed' : 'paid', { pickup: pickup(fake.pickupStatus) })]
    if (key === 'GET /api/orders/42/pickup-qr') {
      if (fake.pickupStatus !== 'waiting') return [409, { code: 'PICKUP_DONE', message: '已取货' }]
      return [200, { code: '12345678', qr: QR }]
    }
    if (key === 'GET /api/orders/42/after-sales') return [200, { types: [], windowEndsAt: null, items: [] }]
    return undefined
  })
  return Object.assign(fake, api)
}

const session = JSON.stringify({ state: { token: 'shopper-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: '小明', avatar: null, platform: 'weapp' } }, version: 0 })

type Where = 'granted' | 'refused'

/** The host's location APIs: getLocation answers as told; openLocation and openSetting are recorded. */
function playLocation(host: MiniHost, target: MiniTarget, where: () => Where) {
  const api = host.api as Record<string, unknown>
  const record = (name: string, o: unknown) => host.calls.push({ api: name, args: [JSON.parse(JSON.stringify(o)) as unknown] })
  api.getLocation = (o: { success(r: unknown): void; fail(e: unknown): void }) => {
    record('getLocation', o)
    setTimeout(() => {
      if (where() === 'granted') o.success(target === 'weapp' ? { latitude: HERE.lat, longitude: HERE.lng, errMsg: 'getLocation:ok' } : { latitude: String(HERE.lat), longitude: String(HERE.lng) })
      // WeChat: the shopper refused (now or before); Alipay 2001: refused this mini-program.
      else o.fail(target === 'weapp' ? { errMsg: 'getLocation:fail auth deny' } : { error: 2001, errorMessage: '用户拒绝授权' })
    }, 0)
  }
  api.openLocation = (o: { success?(): void }) => {
    record('openLocation', o)
    setTimeout(() => o.success?.(), 0)
  }
  api.openSetting = (o: { success(r: unknown): void }) => {
    record('openSetting', o)
    setTimeout(() => o.success({ authSetting: { 'scope.userLocation': false } }), 0)
  }
}

async function shopper(target: MiniTarget, url: string, where: () => Where, storage: Record<string, unknown> = { 'duet-session': session }): Promise<MiniHost> {
  const host = await launchMini(target, { serverUrl: url, storage })
  playLocation(host, target, where)
  host.payHandler = (): PayAnswer => (target === 'weapp' ? { callback: 'success', res: { errMsg: 'requestPayment:ok' } } : { callback: 'success', res: { resultCode: '9000' } })
  return host
}

const texts = (host: MiniHost, cls: string) => host.findByClass(cls).map(textOf)

describe.each(['weapp', 'alipay'] as const)('stores and pickup on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let where: Where = 'granted'
  let host: MiniHost
  const gets = (p: string) => fake.received.filter((r) => r.method === 'GET' && r.path === p)
  const posts = (p: string) => fake.received.filter((r) => r.method === 'POST' && r.path === p)

  beforeAll(async () => {
    requireDist(target)
    fake = await startStoresApi(target)
    host = await shopper(target, fake.url, () => where)
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.received.length = 0
    fake.order = 'ok'
    fake.pickupStatus = 'waiting'
    fake.soldOutAt = null
    where = 'granted'
    host.calls.length = 0
    // Each test starts with no store chosen (a chosen store leads checkout and the city list).
    host.storage.delete('duet-chosen-store')
  })

  it('app.json: the stores subpackage; WeChat declares getLocation and its purpose, Alipay carries neither key', () => {
    const app = JSON.parse(fs.readFileSync(path.join(distDir(target), 'app.json'), 'utf8')) as Record<string, unknown>
    const subs = (app.subPackages ?? app.subpackages) as { root: string; pages: string[] }[]
    expect(subs.find((s) => s.root === 'pkg-store')?.pages).toEqual(['stores/index', 'store/index', 'pickup/index'])
    if (target === 'weapp') {
      expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseAddress']))
      expect(app.permission).toEqual({ 'scope.userLocation': { desc: '用于为你推荐最近的门店' } })
    } else {
      expect(app).not.toHaveProperty('requiredPrivateInfos')
      expect(app).not.toHaveProperty('permission')
    }
  })

  it('the me page has 附近门店, opening the store list', async () => {
    await host.goto(ME)
    await host.tap(await host.waitForClass('me-row--stores', '附近门店'))
    await host.waitFor(() => host.current.route === STORES, 'the store list')
  })

  it('location granted: the stores nearest first with 营业中 / 休息中 and their distances', async () => {
    await host.goto(STORES)
    await host.waitForClass('store-row__distance', '850m')
    const get = gets('/api/stores')[0]
    expect(get).toBeDefined()
    expect(host.callsOf('getLocation')[0].args[0]).toMatchObject(target === 'weapp' ? { type: 'gcj02' } : { type: 0 })
    expect(texts(host, 'store-row__name')).toEqual(['人民广场店', '陆家嘴店', '西湖店'])
    expect(texts(host, 'store-row__distance')).toEqual(['850m', '3.2km', '165km'])
    expect(texts(host, 'store-row__state')).toEqual(['营业中', '休息中', '营业中'])
    expect(host.findByClass('stores-city')).toHaveLength(0)
    const asked = host.requests.find((r) => r.url.startsWith('/api/stores?'))!
    const q = new URL(asked.url, 'http://x').searchParams
    expect([Number(q.get('lat')), Number(q.get('lng'))]).toEqual([HERE.lat, HERE.lng])
  })

  it('导航 opens the host map at the store’s coordinates; 电话 calls it', async () => {
    await host.goto(STORES)
    await host.waitForClass('store-row__distance', '850m')
    await host.tap(host.findByClass('store-row__nav')[1])
    const open = await host.waitFor(() => host.callsOf('openLocation')[0], 'openLocation')
    expect(open.args[0]).toMatchObject(
      target === 'weapp'
        ? { latitude: LUJIAZUI.latitude, longitude: LUJIAZUI.longitude, name: '陆家嘴店', address: '世纪大道 8 号' }
        : { latitude: String(LUJIAZUI.latitude), longitude: String(LUJIAZUI.longitude), name: '陆家嘴店', address: '世纪大道 8 号' },
    )
    await host.tap(host.findByClass('store-row__call')[0])
    const call = await host.waitFor(() => host.callsOf('makePhoneCall')[0], 'makePhoneCall')
    expect(Object.values(call.args[0] as Record<string, unknown>)).toContain('021-1234567')
  })

  it('a store: its photo, hours and address with 导航; 设为我的门店 remembers it', async () => {
    await host.goto('pkg-store/store/index?id=3')
    await host.waitForClass('store-card__name', '西湖店')
    expect(host.texts()).toContain('营业时间 周一至周日 09:00-21:00')
    expect(JSON.stringify(host.findByClass('store-photos__image')[0])).toContain('/api/images/store-1.jpg')
    // No phone: no 电话.
    expect(host.findByClass('store-card__call')).toHaveLength(0)
    await host.tap(host.findByClass('store-card__nav')[0])
    const open = await host.waitFor(() => host.callsOf('openLocation')[0], 'openLocation')
    expect(open.args[0]).toMatchObject({ name: '西湖店', address: '湖滨路 3 号' })
    await host.tap(host.findByClass('store-choose')[0])
    await host.waitForClass('store-choose', '当前门店')
    expect(host.storage.get('duet-chosen-store')).toBe('3')
  })

  it('location refused: the city list and the first city’s stores; another city lists its own', async () => {
    where = 'refused'
    await host.goto(STORES)
    await host.waitForClass('stores-cities__hint', '未开启定位')
    expect(texts(host, 'stores-city')).toEqual(['上海', '杭州'])
    expect(host.findByClass('stores-city').filter((n) => String(n.cl).includes('is-active')).map(textOf)).toEqual(['上海'])
    expect(texts(host, 'store-row__name')).toEqual(['人民广场店', '陆家嘴店'])
    expect(host.findByClass('store-row__distance')).toHaveLength(0)
    // Only WeChat has a settings page the mini-program can open for location.
    expect(host.findByClass('stores-cities__settings')).toHaveLength(target === 'weapp' ? 1 : 0)
    if (target === 'weapp') {
      await host.tap(host.findByClass('stores-cities__settings')[0])
      await host.waitFor(() => host.callsOf('openSetting')[0], 'wx.openSetting')
    }
    await host.tap(host.findByClass('stores-city')[1])
    await host.waitFor(() => texts(host, 'store-row__name').join() === '西湖店', 'the 杭州 stores')
    expect(gets('/api/stores').some((r) => fake.received.indexOf(r) >= 0)).toBe(true)
    expect(host.requests.some((r) => r.url === `/api/stores?city=${encodeURIComponent('杭州')}`)).toBe(true)
  })

  it('location refused with a store chosen before: the list opens on that store’s city', async () => {
    where = 'refused'
    host.storage.set('duet-chosen-store', '3')
    await host.goto(STORES)
    await host.waitForClass('store-row__name', '西湖店')
    expect(host.findByClass('stores-city').filter((n) => String(n.cl).includes('is-active')).map(textOf)).toEqual(['杭州'])
    expect(texts(host, 'store-row__choose')).toEqual(['当前门店'])
  })

  it('pickup checkout: the nearest pickup store and its first slot; preview and order send fulfilment and no addressId', async () => {
    await host.goto(`${CHECKOUT}?skuId=1&quantity=1`)
    await host.waitForClass('checkout-address__line', '世纪大道 100 号')
    await host.tap(host.findByClass('fulfilment-tab--pickup')[0])
    await host.waitForClass('fulfilment-store__name', '人民广场店')
    expect(host.findByClass('checkout-address')).toHaveLength(0)
    expect(host.findByClass('fulfilment-slot').filter((n) => String(n.cl).includes('is-active')).map(textOf)).toEqual(['10:00-11:00'])
    const priced = await host.waitFor(() => posts('/api/orders/preview').find((r) => (r.body as { fulfilment?: unknown }).fulfilment), 'a pickup preview')
    expect(priced.body).toMatchObject({ fulfilment: { type: 'pickup', storeId: 1, slot: SLOT } })
    expect(priced.body).not.toHaveProperty('addressId')
    // Another slot: priced again with it.
    await host.tap(host.findByClass('fulfilment-slot')[1])
    await host.waitFor(() => posts('/api/orders/preview').some((r) => (r.body as { fulfilment?: { slot?: string } }).fulfilment?.slot === '2026-12-06 11:00-12:00'), 'the second slot priced')
    await host.tap(host.findByClass('submit-order')[0])
    const order = await host.waitFor(() => posts('/api/orders')[0], 'POST /api/orders')
    expect(order.body).toMatchObject({ items: [{ skuId: 1, quantity: 1 }], fulfilment: { type: 'pickup', storeId: 1, slot: '2026-12-06 11:00-12:00' } })
    expect(order.body).not.toHaveProperty('addressId')
    await host.waitFor(() => posts('/api/orders/43/pay')[0], 'the order paid')
  })

  it('a slot gone (409 SLOT_UNAVAILABLE) says so on the pickup block, with the store’s slots fetched again and 换一家门店', async () => {
    fake.order = 'SLOT_UNAVAILABLE'
    await host.goto(`${CHECKOUT}?skuId=1&quantity=1`)
    await host.waitForClass('checkout-address__line', '世纪大道 100 号')
    await host.tap(host.findByClass('fulfilment-tab--pickup')[0])
    await host.waitForClass('fulfilment-store__name', '人民广场店')
    await host.waitFor(() => posts('/api/orders/preview').some((r) => (r.body as { fulfilment?: unknown }).fulfilment), 'a pickup preview')
    const before = gets('/api/stores/1').length
    await host.tap(host.findByClass('submit-order')[0])
    // Taro's showModal is my.alert / my.confirm on Alipay.
    await host.waitFor(() => ['showModal', 'alert', 'confirm'].some((api) => host.callsOf(api).some((c) => JSON.stringify(c.args[0]).includes('这个自提时间已不可选，请重新选择'))), 'the modal')
    await host.waitFor(() => gets('/api/stores/1').length > before, 'the store’s slots again')
    await host.waitForClass('fulfilment-problem__repick', '换一家门店')
    expect(posts('/api/orders/43/pay')).toHaveLength(0)
    // No slot chosen until the shopper picks one again: the order can't be sent meanwhile.
    await host.waitFor(() => !host.findByClass('fulfilment-slot').some((n) => String(n.cl).includes('is-active')), 'no slot chosen')
    expect(String(host.findByClass('submit-order')[0].cl)).toContain('is-disabled')
    await host.tap(host.findByClass('fulfilment-problem__repick')[0])
    await host.waitFor(() => host.current.route === STORES && host.current.query.pick === '1', 'the store picker')
  })

  it('the store picker hands the chosen store back to checkout', async () => {
    await host.goto(`${CHECKOUT}?skuId=1&quantity=1`)
    await host.waitForClass('checkout-address__line', '世纪大道 100 号')
    await host.tap(host.findByClass('fulfilment-tab--pickup')[0])
    await host.waitForClass('fulfilment-store__name')
    await host.tap(host.findByClass('fulfilment-store')[0])
    await host.waitFor(() => host.current.route === STORES, 'the store picker')
    await host.waitForClass('store-row__distance', '3.2km')
    await host.tap(host.findByClass('store-row__choose')[1])
    await host.waitFor(() => host.current.route === CHECKOUT, 'back at checkout')
    await host.waitForClass('fulfilment-store__name', '陆家嘴店')
    await host.waitFor(() => posts('/api/orders/preview').some((r) => (r.body as { fulfilment?: { storeId?: number } }).fulfilment?.storeId === 2), 'priced at store 2')
    expect(host.storage.get('duet-chosen-store')).toBe('2')
  })

  it('a store without the goods (409 STORE_OUT_OF_STOCK) says so with 换一家门店; another store clears it', async () => {
    fake.soldOutAt = 2
    await host.goto(`${CHECKOUT}?skuId=1&quantity=1`)
    await host.waitForClass('checkout-address__line', '世纪大道 100 号')
    await host.tap(host.findByClass('fulfilment-tab--pickup')[0])
    await host.tap(await host.waitForClass('fulfilment-store'))
    await host.waitForClass('store-row__distance', '3.2km')
    await host.tap(host.findByClass('store-row__choose')[1])
    await host.waitFor(() => host.current.route === CHECKOUT, 'back at checkout')
    await host.waitForClass('fulfilment-problem', '陆家嘴店「纯棉T恤」库存不足')
    expect(String(host.findByClass('submit-order')[0].cl)).toContain('is-disabled')
    await host.tap(host.findByClass('fulfilment-problem__repick')[0])
    await host.waitFor(() => host.current.route === STORES, 'the store picker')
    await host.waitForClass('store-row__distance', '850m')
    await host.tap(host.findByClass('store-row__choose')[0])
    await host.waitFor(() => host.current.route === CHECKOUT, 'back at checkout')
    await host.waitForClass('fulfilment-store__name', '人民广场店')
    await host.waitFor(() => host.findByClass('fulfilment-problem').length === 0, 'the problem cleared')
    expect(String(host.findByClass('submit-order')[0].cl)).not.toContain('is-disabled')
  })

  it('the pickup code page: the code in big digits, its QR, the store and slot, 导航 to the store', async () => {
    await host.goto(`${PICKUP}?id=42`)
    await host.waitForClass('pickup-card__code', '1234 5678')
    expect(textOf(host.findByClass('pickup-card__status')[0])).toBe('待取货')
    const qr = await host.waitFor(() => host.findByClass('pickup-card__qr')[0], 'the QR image')
    expect(JSON.stringify(qr)).toContain(QR)
    expect(gets('/api/orders/42/pickup-qr')).toHaveLength(1)
    expect(host.texts()).toContain(`自提时间 ${SLOT}`)
    await host.tap(host.findByClass('pickup-store__nav')[0])
    const open = await host.waitFor(() => host.callsOf('openLocation')[0], 'openLocation')
    expect(open.args[0]).toMatchObject({ name: '人民广场店', address: '南京东路 1 号' })
    expect(Number((open.args[0] as { latitude: unknown }).latitude)).toBe(31.2335)
    expect(Number((open.args[0] as { longitude: unknown }).longitude)).toBe(121.4751)
  })

  it('after staff verified the code the page says 已取货 and shows no QR', async () => {
    fake.pickupStatus = 'picked'
    await host.goto(`${PICKUP}?id=42`)
    await host.waitForClass('pickup-card__status', '已取货')
    expect(host.findByClass('pickup-card__qr')).toHaveLength(0)
    expect(gets('/api/orders/42/pickup-qr')).toHaveLength(0)
  })

  it('the order page shows the pickup block with 查看取货码 and no parcel trace', async () => {
    await host.goto('pkg-order/order-detail/index?id=42')
    await host.waitForClass('order-pickup__store', '人民广场店')
    expect(host.texts()).toContain(`自提时间 ${SLOT}`)
    expect(gets('/api/orders/42/tracking')).toHaveLength(0)
    await host.tap(host.findByClass('order-pickup__code')[0])
    await host.waitFor(() => host.current.route === PICKUP && host.current.query.id === '42', 'the pickup code page')
  })

  it('launched from a store’s code (st=2): store 2 is remembered', async () => {
    const guest = new MiniHost(target, { serverUrl: fake.url })
    // WeChat hands a getwxacodeunlimit scene URI-encoded in query.scene; Alipay's qrcode query_param arrives as query.
    const query: Record<string, string> = target === 'weapp' ? { scene: encodeURIComponent('st=2') } : { st: '2' }
    const options = () => ({ path: 'pages/index/index', query, scene: target === 'weapp' ? 1047 : 1011 })
    guest.api.getLaunchOptionsSync = options
    guest.api.getEnterOptionsSync = options
    await guest.launch('pages/index/index', query)
    await guest.settle()
    await guest.waitFor(() => guest.storage.get('duet-chosen-store') === '2', 'store 2 remembered')
  })
})

