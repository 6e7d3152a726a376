import { expect, it } from 'vitest'
import type { AdminStore, AdminStoreStockRow, StoreDetail, StoreInput, StoreList } from '../../../../src/domain/stores'
import type { Paged } from '../../../../src/domain/contract'
import { ADMIN_TOKEN, call, describeEachDb, skuId, staffToken, stockOf } from '../../../test/helpers'
import { DEMO_STORES, seedStores } from '../../../seed/stores'

// Monday 2026-12-07 10:00 in Shanghai.
let clock = new Date('2026-12-07T02:00:00.000Z')
const at = (shopTime: string) => {
  clock = new Date(`${shopTime}+08:00`)
}

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]
const PEOPLE_SQUARE = { lat: 31.2304, lng: 121.4737 }
const JINGAN = { lat: 31.2235, lng: 121.4456 }
const LUJIAZUI = { lat: 31.2397, lng: 121.4998 }

function form(over: Partial<StoreInput> = {}): StoreInput {
  return {
    name: '测试门店',
    city: '上海',
    address: '上海市某路 1 号',
    phone: '021-00000000',
    latitude: 31.23,
    longitude: 121.47,
    hours: { weekdays: EVERY_DAY, open: '09:00', close: '21:00' },
    photos: [],
    stockMode: 'shared',
    pickup: true,
    deliveryRadiusMeters: 0,
    active: true,
    sort: 0,
    ...over,
  }
}

describeEachDb(
  'stores (门店): nearest first, hours, coordinates, the console, per-store stock, codes',
  (ctx) => {
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const get = <T = any>(url: string) => call<T>(ctx.app, 'GET', url) // eslint-disable-line @typescript-eslint/no-explicit-any
    const ids: Record<string, number> = {}

    it('the console creates stores; the list shows the active ones by city, the shop order and name, with every city', async () => {
      const make = async (key: string, input: StoreInput) => {
        const r = await admin<AdminStore>('POST', '/api/admin/stores', input)
        expect(r.status).toBe(201)
        ids[key] = r.body.id
        return r.body
      }
      const people = await make('people', form({ name: '人民广场店', latitude: PEOPLE_SQUARE.lat, longitude: PEOPLE_SQUARE.lng, stockMode: 'own', deliveryRadiusMeters: 3000, photos: ['/api/images/tee-1.jpg'] }))
      expect(people).toMatchObject({ name: '人民广场店', stockMode: 'own', active: true, sort: 0, open: true, hoursText: '周一至周日 09:00-21:00', photo: '/api/images/tee-1.jpg', distanceMeters: null })
      await make('jingan', form({ name: '静安寺店', latitude: JINGAN.lat, longitude: JINGAN.lng, hours: { weekdays: EVERY_DAY, open: '10:00', close: '22:00' }, sort: 1 }))
      await make('lujiazui', form({ name: '陆家嘴店', latitude: LUJIAZUI.lat, longitude: LUJIAZUI.lng, hours: { weekdays: [6, 5, 4, 3, 2, 1], open: '09:00', close: '21:00' }, sort: 2 }))
      await make('beijing', form({ name: '王府井店', city: '北京', latitude: 39.9149, longitude: 116.4039 }))
      await make('closed', form({ name: '已关闭店', latitude: 31.2305, longitude: 121.4738, active: false }))

      const list = await get<StoreList>('/api/stores')
      expect(list.status).toBe(200)
      expect(list.body.cities).toEqual(['北京', '上海'])
      expect(list.body.items.map((s) => s.name)).toEqual(['王府井店', '人民广场店', '静安寺店', '陆家嘴店'])
      expect(list.body.items.every((s) => s.distanceMeters === null)).toBe(true)
      // The weekdays were kept in order.
      expect(list.body.items[3].hoursText).toBe('周一至周六 09:00-21:00')

      const shanghai = await get<StoreList>(`/api/stores?city=${encodeURIComponent('上海')}`)
      expect(shanghai.body.items.map((s) => s.name)).toEqual(['人民广场店', '静安寺店', '陆家嘴店'])
      expect(shanghai.body.cities).toEqual(['北京', '上海'])
    })

    it('nearest first from three points, with plausible distances', async () => {
      const from = async (p: { lat: number; lng: number }) => (await get<StoreList>(`/api/stores?lat=${p.lat}&lng=${p.lng}`)).body.items
      const near = async (p: { lat: number; lng: number }) => (await from(p)).map((s) => s.name)
      expect(await near({ lat: 31.231, lng: 121.474 })).toEqual(['人民广场店', '陆家嘴店', '静安寺店', '王府井店'])
      expect(await near({ lat: 31.224, lng: 121.445 })).toEqual(['静安寺店', '人民广场店', '陆家嘴店', '王府井店'])
      expect(await near({ lat: 31.24, lng: 121.5 })).toEqual(['陆家嘴店', '人民广场店', '静安寺店', '王府井店'])

      const fromSquare = await from(PEOPLE_SQUARE)
      expect(fromSquare[0].distanceMeters).toBe(0)
      const jingan = fromSquare.find((s) => s.name === '静安寺店')!.distanceMeters!
      expect(jingan).toBeGreaterThan(2600)
      expect(jingan).toBeLessThan(2900)
      // Shanghai to Beijing: about 1,070 km.
      const beijing = fromSquare.find((s) => s.name === '王府井店')!.distanceMeters!
      expect(beijing).toBeGreaterThan(1_000_000)
      expect(beijing).toBeLessThan(1_100_000)
      // A city filter with a position: that city's stores, nearest first.
      expect((await get<StoreList>(`/api/stores?lat=31.24&lng=121.5&city=${encodeURIComponent('上海')}`)).body.items.map((s) => s.name)).toEqual(['陆家嘴店', '人民广场店', '静安寺店'])
    })

    it('open or closed at fixed times (the close minute is closed)', async () => {
      const openNow = async () => Object.fromEntries((await get<StoreList>(`/api/stores?city=${encodeURIComponent('上海')}`)).body.items.map((s) => [s.name, s.open]))
      at('2026-12-07T10:00:00') // Monday
      expect(await openNow()).toEqual({ 人民广场店: true, 静安寺店: true, 陆家嘴店: true })
      at('2026-12-06T09:30:00') // Sunday
      expect(await openNow()).toEqual({ 人民广场店: true, 静安寺店: false, 陆家嘴店: false })
      at('2026-12-07T20:59:00')
      expect(await openNow()).toEqual({ 人民广场店: true, 静安寺店: true, 陆家嘴店: true })
      at('2026-12-07T21:00:00')
      expect(await openNow()).toEqual({ 人民广场店: false, 静安寺店: true, 陆家嘴店: false })
      at('2026-12-07T08:59:00')
      expect(await openNow()).toEqual({ 人民广场店: false, 静安寺店: false, 陆家嘴店: false })
      at('2026-12-07T10:00:00')
    })

    it('coordinates out of range, half given or not numbers: 400 BAD_COORDINATES naming the field', async () => {
      for (const [query, field] of [
        ['lat=91&lng=121', 'lat'],
        ['lat=-90.5&lng=121', 'lat'],
        ['lat=31&lng=181', 'lng'],
        ['lat=31&lng=-180.01', 'lng'],
        ['lat=31', 'lng'],
        ['lng=121', 'lat'],
        ['lat=abc&lng=121', 'lat'],
        ['lat=31&lng=Infinity', 'lng'],
      ]) {
        const r = await get(`/api/stores?${query}`)
        expect(r.status, query).toBe(400)
        expect(r.body, query).toMatchObject({ code: 'BAD_COORDINATES', field })
      }
      expect((await get('/api/stores?lat=90&lng=-180')).status).toBe(200)
      expect((await get(`/api/stores/${ids.people}?lat=95&lng=1`)).body).toMatchObject({ code: 'BAD_COORDINATES', field: 'lat' })
    })

    it('detail: the store with its pickup slots; 404 STORE_NOT_FOUND for unknown and inactive stores', async () => {
      at('2026-12-07T10:00:00')
      const d = await get<StoreDetail>(`/api/stores/${ids.people}?lat=${JINGAN.lat}&lng=${JINGAN.lng}`)
      expect(d.status).toBe(200)
      expect(d.body).toMatchObject({ id: ids.people, name: '人民广场店', stockMode: 'own', photos: ['/api/images/tee-1.jpg'], hours: { weekdays: EVERY_DAY, open: '09:00', close: '21:00' } })
      expect(d.body.distanceMeters).toBeGreaterThan(2600)
      expect(d.body).not.toHaveProperty('active')
      // From 10:30 (now + 30 min) today: the 11:00 slot first; three days.
      expect(d.body.slotDays.map((x) => x.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09'])
      expect(d.body.slotDays[0].slots[0]).toBe('2026-12-07 11:00-12:00')
      expect(d.body.slotDays[1].slots).toHaveLength(12)
      // 陆家嘴 is closed on Sundays: from Saturday, Sunday is skipped.
      at('2026-12-05T22:00:00')
      expect((await get<StoreDetail>(`/api/stores/${ids.lujiazui}`)).body.slotDays.map((x) => x.date)).toEqual(['2026-12-07'])
      at('2026-12-07T10:00:00')

      for (const id of [ids.closed, 999_999])
        expect((await get(`/api/stores/${id}`)).body).toMatchObject({ code: 'STORE_NOT_FOUND' })
      expect((await get(`/api/stores/${ids.closed}`)).status).toBe(404)
      expect((await get('/api/stores/abc')).status).toBe(400)
    })

    it('the console checks every field and names it', async () => {
      const bad = async (over: Record<string, unknown>, field: string) => {
        const r = await admin('POST', '/api/admin/stores', { ...form(), ...over })
        expect(r.status, field).toBe(400)
        expect(r.body, field).toMatchObject({ code: 'BAD_INPUT', field })
      }
      await bad({ hours: { weekdays: EVERY_DAY, open: '21:00', close: '09:00' } }, 'hours')
      await bad({ hours: { weekdays: [], open: '09:00', close: '21:00' } }, 'hours')
      await bad({ hours: { weekdays: [0, 8], open: '09:00', close: '21:00' } }, 'hours')
      await bad({ hours: { weekdays: [1], open: '9:00', close: '21:00' } }, 'hours')
      await bad({ name: '  ' }, 'name')
      await bad({ name: '店'.repeat(61) }, 'name')
      await bad({ city: '城'.repeat(21) }, 'city')
      await bad({ address: '' }, 'address')
      await bad({ address: '路'.repeat(121) }, 'address')
      await bad({ phone: '1'.repeat(21) }, 'phone')
      await bad({ latitude: 91 }, 'latitude')
      await bad({ longitude: -181 }, 'longitude')
      await bad({ latitude: '31.2' }, 'latitude')
      await bad({ deliveryRadiusMeters: 50_001 }, 'deliveryRadiusMeters')
      await bad({ deliveryRadiusMeters: -1 }, 'deliveryRadiusMeters')
      await bad({ stockMode: 'both' }, 'stockMode')
      await bad({ photos: ['javascript:alert(1)'] }, 'photos.0')
      expect((await admin('GET', '/api/admin/stores')).body.items).toHaveLength(5)
    })

    it('an update replaces the store, audited with before and after; unknown ids are 404', async () => {
      const r = await admin<AdminStore>('PUT', `/api/admin/stores/${ids.beijing}`, form({ name: '王府井旗舰店', city: '北京', latitude: 39.9149, longitude: 116.4039, sort: 5 }))
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ id: ids.beijing, name: '王府井旗舰店', sort: 5 })
      expect((await admin<AdminStore>('GET', `/api/admin/stores/${ids.beijing}`)).body.name).toBe('王府井旗舰店')
      const audit = await ctx.t.db.one<{ before: { name: string }; after: { name: string } }>(
        "SELECT before, after FROM audit_log WHERE action = 'store.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
        [String(ids.beijing)],
      )
      expect([audit.before.name, audit.after.name]).toEqual(['王府井店', '王府井旗舰店'])
      expect((await admin('PUT', '/api/admin/stores/999999', form())).body).toMatchObject({ code: 'STORE_NOT_FOUND' })
      expect((await admin('PUT', `/api/admin/stores/${ids.beijing}`, { ...form(), hours: { weekdays: [1], open: '10:00', close: '10:00' } })).body).toMatchObject({ field: 'hours' })
    })

    it('per-store stock: a count at an own-stock store moves only its units, each movement naming it; read back in the console and the app', async () => {
      const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
      const green = await skuId(ctx.t.db, 'mug', { 颜色: '墨绿' })
      const warehouse = await stockOf(ctx.t.db, mug)

      expect((await admin('PUT', `/api/admin/stores/${ids.people}/stock`, { skuId: mug, stock: 5 })).body).toEqual({ skuId: mug, stock: 5 })
      expect((await admin('PUT', `/api/admin/stores/${ids.people}/stock`, { skuId: mug, stock: 2 })).body).toEqual({ skuId: mug, stock: 2 })
      expect(await stockOf(ctx.t.db, mug)).toBe(warehouse)
      const moves = await ctx.t.db.query<{ delta: number; reason: string }>('SELECT delta, reason FROM stock_movements WHERE store_id = $1 AND sku_id = $2 ORDER BY id', [ids.people, mug])
      expect(moves.rows).toEqual([
        { delta: 5, reason: 'adjust' },
        { delta: -3, reason: 'adjust' },
      ])
      expect(await ctx.app.inventory.stockOf(ctx.t.db, mug, ids.people)).toBe(2)

      const page = await admin<Paged<AdminStoreStockRow>>('GET', `/api/admin/stores/${ids.people}/stock?page=1&pageSize=50`)
      expect(page.status).toBe(200)
      expect(page.body.items.find((r) => r.skuId === mug)).toMatchObject({ title: '陶瓷马克杯', specs: '米白', stock: 2 })
      expect(page.body.items.find((r) => r.skuId === green)?.stock).toBe(0)
      expect(page.body.total).toBe(page.body.items.length)
      // The SKUs the store keeps come first (a small page of a big catalog starts with them).
      const firstPage = await admin<Paged<AdminStoreStockRow>>('GET', `/api/admin/stores/${ids.people}/stock?page=1&pageSize=1`)
      expect(firstPage.body.items.map((r) => r.skuId)).toEqual([mug])

      // The app's stock: the store's own units, or the warehouse's at a shared store.
      expect((await get(`/api/stores/${ids.people}/stock?skuIds=${mug},${green}`)).body).toEqual({ items: [{ skuId: mug, stock: 2 }, { skuId: green, stock: 0 }].sort((a, b) => a.skuId - b.skuId) })
      expect((await get(`/api/stores/${ids.jingan}/stock?skuIds=${mug}`)).body).toEqual({ items: [{ skuId: mug, stock: warehouse }] })
      expect((await get(`/api/stores/${ids.jingan}/stock?skuIds=${mug},999999`)).body.items).toHaveLength(1)
      for (const q of ['', 'skuIds=', 'skuIds=a,b', 'skuIds=0', `skuIds=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`]) {
        const r = await get(`/api/stores/${ids.jingan}/stock?${q}`)
        expect(r.status, q).toBe(400)
        expect(r.body.field, q).toBe('skuIds')
      }
      expect((await get(`/api/stores/${ids.closed}/stock?skuIds=${mug}`)).status).toBe(404)
    })

    it('counts: a shared-stock store answers 409 STORE_SHARED_STOCK; unknown SKU 404; two counts at once end on one of them with the movements adding up', async () => {
      const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
      expect((await admin('PUT', `/api/admin/stores/${ids.jingan}/stock`, { skuId: mug, stock: 3 })).body).toMatchObject({ code: 'STORE_SHARED_STOCK' })
      expect((await admin('PUT', `/api/admin/stores/${ids.people}/stock`, { skuId: 999_999, stock: 3 })).body).toMatchObject({ code: 'SKU_NOT_FOUND' })
      expect((await admin('PUT', `/api/admin/stores/${ids.people}/stock`, { skuId: mug, stock: -1 })).body).toMatchObject({ code: 'BAD_INPUT', field: 'stock' })

      const answers = await Promise.all([7, 9, 4, 12].map((stock) => admin('PUT', `/api/admin/stores/${ids.people}/stock`, { skuId: mug, stock })))
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
      const final = await ctx.app.inventory.stockOf(ctx.t.db, mug, ids.people)
      expect([7, 9, 4, 12]).toContain(final)
      const sum = await ctx.t.db.one<{ n: number }>('SELECT COALESCE(sum(delta), 0)::int AS n FROM stock_movements WHERE store_id = $1 AND sku_id = $2', [ids.people, mug])
      expect(sum.n).toBe(final)

      // Own → shared with units left is allowed: they stay counted, unused until it is own again.
      const people = (await admin<AdminStore>('GET', `/api/admin/stores/${ids.people}`)).body
      const { id: _id, distanceMeters: _d, open: _o, hoursText: _h, photo: _p, ...input } = people
      expect((await admin('PUT', `/api/admin/stores/${ids.people}`, { ...input, stockMode: 'shared' })).status).toBe(200)
      expect((await get(`/api/stores/${ids.people}/stock?skuIds=${mug}`)).body.items[0].stock).toBe(await stockOf(ctx.t.db, mug))
      expect(await ctx.app.inventory.stockOf(ctx.t.db, mug, ids.people)).toBe(final)
      expect((await admin('PUT', `/api/admin/stores/${ids.people}`, { ...input, stockMode: 'own' })).status).toBe(200)
      expect((await get(`/api/stores/${ids.people}/stock?skuIds=${mug}`)).body.items[0].stock).toBe(final)
    })

    it('customer service reads stores but cannot change them (403)', async () => {
      const token = await staffToken(ctx.app, 'service')
      const as = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call(ctx.app, method, url, { token, body })
      expect((await as('GET', '/api/admin/stores')).status).toBe(200)
      expect((await as('GET', `/api/admin/stores/${ids.people}/stock`)).status).toBe(200)
      for (const [method, url, body] of [
        ['POST', '/api/admin/stores', form()],
        ['PUT', `/api/admin/stores/${ids.people}`, form()],
        ['PUT', `/api/admin/stores/${ids.people}/stock`, { skuId: 1, stock: 1 }],
      ] as const) {
        const r = await as(method, url, body)
        expect(r.status, url).toBe(403)
        expect(r.body).toMatchObject({ code: 'ROLE_FORBIDDEN' })
      }
      expect((await call(ctx.app, 'GET', '/api/admin/stores')).status).toBe(401)
    })

    it("the store's code is a PNG (the sandbox draws the home page with scene st=<id>); unknown stores 404", async () => {
      const r = await ctx.app.inject({ method: 'GET', url: `/api/admin/stores/${ids.jingan}/code?platform=h5`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      expect(r.statusCode).toBe(200)
      expect(r.headers['content-type']).toBe('image/png')
      expect(r.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      // Without keys WeChat's facet is the sandbox's too.
      expect((await ctx.app.inject({ method: 'GET', url: `/api/admin/stores/${ids.jingan}/code`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).statusCode).toBe(200)
      expect((await admin('GET', '/api/admin/stores/999999/code')).body).toMatchObject({ code: 'STORE_NOT_FOUND' })
      expect((await admin('GET', `/api/admin/stores/${ids.jingan}/code?platform=ios`)).status).toBe(400)
    })

    it('a photo upload answers the stored image; text is refused', async () => {
      const boundary = '----store-photo'
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
      const body = (file: Buffer) =>
        Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)])
      const send = (file: Buffer) =>
        ctx.app.inject({ method: 'POST', url: '/api/admin/stores/photos', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body(file) })
      const ok = await send(png)
      expect(ok.statusCode).toBe(201)
      expect(ok.json().url).toMatch(/^\/api\/uploads\/[a-f0-9]{32}\.png$/)
      expect((await send(Buffer.from('hello'))).statusCode).toBe(415)
      // The URL is accepted as a store photo.
      expect((await admin('POST', '/api/admin/stores', form({ name: '带照片的店', photos: [ok.json().url], active: false }))).status).toBe(201)
    })

    it('the demo stores seed once under their own claim, the own-stock store with units through movements', async () => {
      const before = (await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM stores')).n
      const demo = DEMO_STORES.map((s) => ({ ...s, ownStock: [{ productKey: 'mug', units: 4 }, { productKey: 'no-such-product', units: 1 }] }))
      expect(await seedStores(ctx.t.db, demo, clock)).toBe(true)
      expect(await seedStores(ctx.t.db, demo, clock)).toBe(false)
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM stores')).n).toBe(before + 3)
      const seeded = await ctx.t.db.one<{ id: number }>("SELECT id FROM stores WHERE name = '人民广场店' AND stock_mode = 'own' ORDER BY id DESC LIMIT 1")
      const moves = await ctx.t.db.query<{ delta: number }>("SELECT delta FROM stock_movements WHERE store_id = $1 AND reason = 'adjust'", [seeded.id])
      expect(moves.rows.map((m) => m.delta)).toEqual([4, 4])
    })
  },
  { now: () => clock },
)
