import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import type { Db } from '../../../db'
import { kuaidi100Sign } from '../../../platforms/kuaidi100/tracking'
import { loadSandboxKeys } from '../../../platforms/sandbox/core'
import { SandboxKuaidi100, sandboxTracking } from '../../../platforms/sandbox/tracking'
import type { RawNotify } from '../../../platforms/types'
import { call, describeEachDb, login, skuId, staffToken, testApp, testKey } from '../../../test/helpers'
import { isNewer, sameCarrier, trackingService, type WatchInput } from '../service'

/** A clock the tests move by hand: the app's, the sandbox's and the sweep's. */
let t = Date.UTC(2026, 11, 5, 2, 0, 0)
const clock = { now: () => new Date(t), advance: (ms: number) => void (t += ms) }
const MIN = 60_000
const HOUR = 60 * MIN

async function placeOrder(app: FastifyInstance, db: Db, token: string): Promise<number> {
  const mug = await skuId(db, 'mug', { 颜色: '米白' })
  const res = await call(app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: testKey('trk') } })
  expect(res.status).toBe(201)
  return res.body.id
}

/** watch() in a transaction of its own, then the subscriptions it started after the commit. */
async function watch(app: FastifyInstance, input: Omit<WatchInput, 'at'>): Promise<void> {
  await app.db.tx((q) => app.tracking.watch(q, { ...input, at: clock.now() }))
  await app.tracking.idle()
}

/** POST a push to the route exactly as it arrived (form-encoded body). */
function deliverPush(app: FastifyInstance, raw: RawNotify) {
  return app.inject({ method: 'POST', url: '/api/tracking/notify/kuaidi100', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: raw.body })
}

function step(app: FastifyInstance, carrier: string, no: string): RawNotify {
  clock.advance(MIN)
  const raw = app.tracking.sandboxDesk?.step(carrier, no)
  if (!raw) throw new Error(`nothing to step for ${carrier} ${no}`)
  return raw
}

async function delivered(db: Db, orderId: number): Promise<number> {
  return (await db.one<{ n: number }>("SELECT count(*)::int AS n FROM message_outbox WHERE order_id = $1 AND event = 'order_delivered'", [orderId])).n
}

async function parcelRow(db: Db, trackingNo: string) {
  return db.one<{ state: string; subscribed_at: Date | null; subscribe_error: string | null; updated_at: Date | null; delivered_at: Date | null; phone_tail: string | null }>(
    'SELECT state, subscribed_at, subscribe_error, updated_at, delivered_at, phone_tail FROM parcels WHERE tracking_no = $1',
    [trackingNo],
  )
}

const OK = { result: true, returnCode: '200', message: '成功' }

describeEachDb(
  'parcel tracking',
  (ctx) => {
    it('moves a watched parcel through its states by the sandbox’s signed pushes to the route; the shopper reads the trace', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'ZTO', trackingNo: 'ZT-A1' }] })
      // Subscribed after the commit, with our push URL.
      expect(ctx.app.tracking.sandboxDesk?.subscriptions()).toContainEqual({ carrier: 'zhongtong', trackingNo: 'ZT-A1', callbackUrl: 'http://127.0.0.1:3000/api/tracking/notify/kuaidi100', phone: null })
      expect((await parcelRow(ctx.t.db, 'ZT-A1')).subscribed_at).toEqual(clock.now())
      let r = await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token })
      expect(r).toEqual({ status: 200, body: { orderId, kind: 'express', parcels: [{ carrier: 'ZTO', carrierName: '中通快递', trackingNo: 'ZT-A1', state: 'pending', events: [], updatedAt: null, direction: 'delivery' }] } })

      const seen: string[] = []
      for (let i = 0; i < 4; i++) {
        const res = await deliverPush(ctx.app, step(ctx.app, 'ZTO', 'ZT-A1'))
        expect([res.statusCode, res.json()]).toEqual([200, OK])
        seen.push((await parcelRow(ctx.t.db, 'ZT-A1')).state)
      }
      expect(seen).toEqual(['collected', 'in_transit', 'delivering', 'delivered'])
      r = await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token })
      const p = r.body.parcels[0]
      expect(p.state).toBe('delivered')
      expect(p.updatedAt).toBe(clock.now().toISOString())
      expect(p.events.map((e: { text: string }) => e.text)).toEqual([
        '【上海市】已签收，签收人：本人。感谢使用沙盒快递',
        '【上海市】快件正在派送中，派送员：沙盒快递员，电话：95000',
        '【上海市】快件已到达【上海转运中心】',
        '【深圳市】快件已由【深圳南山营业部】揽收',
      ])
      expect(p.events[0]).toEqual({ at: clock.now().toISOString(), text: '【上海市】已签收，签收人：本人。感谢使用沙盒快递', area: '上海,上海市,浦东新区' })
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
    })

    it('refuses a push with a bad signature (400, nothing changed) and takes one for a parcel it doesn’t know', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'YTO', trackingNo: 'YT-B1' }] })
      const raw = step(ctx.app, 'YTO', 'YT-B1')
      const form = new URLSearchParams(raw.body)
      const tampered = new URLSearchParams({ param: form.get('param')!.replace('"state":"1"', '"state":"3"'), sign: form.get('sign')! })
      let res = await deliverPush(ctx.app, { headers: {}, body: tampered.toString() })
      expect([res.statusCode, res.json()]).toEqual([400, { result: false, returnCode: '500', message: 'sign does not match' }])
      res = await deliverPush(ctx.app, { headers: {}, body: 'param=%7B%7D' })
      expect([res.statusCode, res.json()]).toEqual([400, { result: false, returnCode: '500', message: 'missing param or sign' }])
      expect((await parcelRow(ctx.t.db, 'YT-B1')).state).toBe('pending')

      // Signed with the sandbox's salt, but no order watches this number.
      const param = JSON.stringify({ status: 'polling', lastResult: { state: '3', ischeck: '1', com: 'yuantong', nu: 'YT-NOBODY', data: [{ context: '已签收', ftime: '2026-12-05 10:00:00' }] } })
      const salt = loadSandboxKeys('memory://').kuaidi100Salt as string
      res = await deliverPush(ctx.app, { headers: {}, body: new URLSearchParams({ param, sign: kuaidi100Sign(param + salt) }).toString() })
      expect([res.statusCode, res.json()]).toEqual([200, OK])
      expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM parcels WHERE tracking_no = 'YT-NOBODY'")).n).toBe(0)
    })

    it('sends order_delivered once, when the last parcel arrives: repeated pushes and two parcels delivered at once', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'STO', trackingNo: 'ST-C1' }, { carrier: 'STO', trackingNo: 'ST-C2' }] })
      for (let i = 0; i < 3; i++) for (const no of ['ST-C1', 'ST-C2']) expect((await deliverPush(ctx.app, step(ctx.app, 'STO', no))).statusCode).toBe(200)
      const c1 = step(ctx.app, 'STO', 'ST-C1')
      const c2 = step(ctx.app, 'STO', 'ST-C2')
      // One parcel delivered is not the order delivered.
      expect((await deliverPush(ctx.app, c1)).statusCode).toBe(200)
      expect(await delivered(ctx.t.db, orderId)).toBe(0)
      // The other parcel's push twice at once, and the first parcel's again.
      const answers = await Promise.all([deliverPush(ctx.app, c2), deliverPush(ctx.app, c2), deliverPush(ctx.app, c1)])
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200])
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
      expect((await parcelRow(ctx.t.db, 'ST-C2')).state).toBe('delivered')
      expect(await deliverPush(ctx.app, c2).then((a) => a.statusCode)).toBe(200)
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
    })

    it('sends it once when two parcels are delivered by pushes arriving together', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'YD', trackingNo: 'YD-D1' }, { carrier: 'YD', trackingNo: 'YD-D2' }] })
      for (let i = 0; i < 3; i++) for (const no of ['YD-D1', 'YD-D2']) await deliverPush(ctx.app, step(ctx.app, 'YD', no))
      const last = [step(ctx.app, 'YD', 'YD-D1'), step(ctx.app, 'YD', 'YD-D2')]
      await Promise.all([...last, ...last].map((raw) => deliverPush(ctx.app, raw)))
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
      const rows = await ctx.t.db.query<{ state: string }>('SELECT state FROM parcels WHERE order_id = $1 ORDER BY id', [orderId])
      expect(rows.rows).toEqual([{ state: 'delivered' }, { state: 'delivered' }])
    })

    it('ignores a stale push: an older state never rolls a delivered parcel back', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'EMS', trackingNo: 'EM-E1' }] })
      const pushes = [0, 1, 2, 3].map(() => step(ctx.app, 'EMS', 'EM-E1'))
      for (const raw of [pushes[0], pushes[3]]) await deliverPush(ctx.app, raw)
      const before = await parcelRow(ctx.t.db, 'EM-E1')
      expect(before.state).toBe('delivered')
      clock.advance(MIN)
      for (const raw of [pushes[2], pushes[1], pushes[0]]) expect([(await deliverPush(ctx.app, raw)).statusCode]).toEqual([200])
      // Not even updated_at moved: the older pushes were taken (200) and dropped.
      expect(await parcelRow(ctx.t.db, 'EM-E1')).toEqual(before)
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
    })

    it('tracks a return the same way, without a message', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'return', parcels: [{ carrier: 'JD', trackingNo: 'JD-R1' }] })
      for (let i = 0; i < 4; i++) await deliverPush(ctx.app, step(ctx.app, 'JD', 'JD-R1'))
      expect((await parcelRow(ctx.t.db, 'JD-R1')).state).toBe('delivered')
      expect(await delivered(ctx.t.db, orderId)).toBe(0)
      const r = await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token })
      expect(r.body).toMatchObject({ orderId, kind: null, parcels: [{ carrier: 'JD', carrierName: '京东物流', trackingNo: 'JD-R1', state: 'delivered', direction: 'return' }] })
    })

    it('writes nothing and subscribes nothing when the caller’s transaction rolls back', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await expect(
        ctx.app.db.tx(async (q) => {
          await ctx.app.tracking.watch(q, { orderId, kind: 'express', parcels: [{ carrier: 'DBL', trackingNo: 'DB-X1' }], at: clock.now() })
          throw new Error('ship failed')
        }),
      ).rejects.toThrow('ship failed')
      await ctx.app.tracking.idle()
      expect((await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM parcels WHERE tracking_no = 'DB-X1'")).n).toBe(0)
      expect(ctx.app.tracking.sandboxDesk?.subscriptions().some((s) => s.trackingNo === 'DB-X1')).toBe(false)
    })

    it('answers 404 for someone else’s order; the console reads any order and refreshes it (audited)', async () => {
      const owner = await login(ctx.app)
      const other = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, owner)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'JTSD', trackingNo: 'JT-F1' }] })
      expect(await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token: other })).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: '订单不存在' } })
      expect((await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`)).status).toBe(401)
      expect((await call(ctx.app, 'GET', '/api/orders/99999999/tracking', { token: owner })).status).toBe(404)

      const staff = await staffToken(ctx.app, 'owner')
      const mine = await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token: owner })
      expect(await call(ctx.app, 'GET', `/api/admin/orders/${orderId}/tracking`, { token: staff })).toEqual(mine)
      // The sandbox moved on without pushing: the refresh asks it.
      step(ctx.app, 'JTSD', 'JT-F1')
      step(ctx.app, 'JTSD', 'JT-F1')
      const r = await call(ctx.app, 'POST', `/api/admin/orders/${orderId}/tracking/refresh`, { token: staff })
      expect(r.status).toBe(200)
      expect(r.body.parcels[0]).toMatchObject({ trackingNo: 'JT-F1', state: 'in_transit' })
      expect(r.body.parcels[0].events).toHaveLength(2)
      const audit = await ctx.t.db.one<{ action: string; entity_id: string; before: unknown; after: unknown }>(
        "SELECT action, entity_id, before, after FROM audit_log WHERE action = 'order.tracking_refresh' AND entity_id = $1",
        [String(orderId)],
      )
      const j = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)
      expect([audit.action, j(audit.before), j(audit.after)]).toEqual([
        'order.tracking_refresh',
        [{ carrier: 'JTSD', trackingNo: 'JT-F1', state: 'pending' }],
        [{ carrier: 'JTSD', trackingNo: 'JT-F1', state: 'in_transit' }],
      ])
      expect((await call(ctx.app, 'POST', '/api/admin/orders/99999999/tracking/refresh', { token: staff })).status).toBe(404)
    })

    it('hands the open parcels back to a restarted sandbox, which goes on from where the shop saw them', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'ZTO', trackingNo: 'ZT-RS1' }] })
      for (let i = 0; i < 2; i++) await deliverPush(ctx.app, step(ctx.app, 'ZTO', 'ZT-RS1'))
      const again = await testApp(ctx.t, { now: clock.now, config: { trackingSandboxStepMs: null } })
      try {
        expect(again.tracking.sandboxDesk?.subscriptions()).toContainEqual({ carrier: 'zhongtong', trackingNo: 'ZT-RS1', callbackUrl: 'http://127.0.0.1:3000/api/tracking/notify/kuaidi100', phone: null })
        const res = await deliverPush(again, step(again, 'ZTO', 'ZT-RS1'))
        expect([res.statusCode, res.json()]).toEqual([200, OK])
        // Read through the first app: the token is its session.
        const r = await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token })
        expect(r.body.parcels[0].state).toBe('delivering')
        expect(r.body.parcels[0].events.map((e: { text: string }) => e.text)).toEqual(['【上海市】快件正在派送中，派送员：沙盒快递员，电话：95000', '【上海市】快件已到达【上海转运中心】', '【深圳市】快件已由【深圳南山营业部】揽收'])
      } finally {
        await again.close()
      }
    })

    it('polls a parcel the provider has been silent about, once it has been silent for TRACKING_POLL_AFTER', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'YZPY', trackingNo: 'YZ-G1' }] })
      // Other tests' parcels were pushed to long ago in this clock's terms: let the sweep settle them first.
      clock.advance(7 * HOUR)
      await ctx.app.tracking.sweep()
      // The parcel goes four states along, but its pushes are lost.
      for (let i = 0; i < 4; i++) step(ctx.app, 'YZPY', 'YZ-G1')
      clock.advance(5 * HOUR)
      expect(await ctx.app.tracking.sweep()).toBe(0)
      expect((await parcelRow(ctx.t.db, 'YZ-G1')).state).toBe('pending')
      clock.advance(HOUR + MIN)
      expect(await ctx.app.tracking.sweep()).toBe(1)
      const row = await parcelRow(ctx.t.db, 'YZ-G1')
      expect([row.state, row.delivered_at]).toEqual(['delivered', clock.now()])
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
      // Final: never asked again.
      clock.advance(24 * HOUR)
      expect(await ctx.app.tracking.sweep()).toBe(0)
    })

    it('keeps a refused subscription for the sweep, which tries again after a while (SF without a phone)', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await watch(ctx.app, { orderId, kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF-H1' }] })
      let row = await parcelRow(ctx.t.db, 'SF-H1')
      expect([row.subscribed_at, row.subscribe_error, row.phone_tail]).toEqual([null, 'Kuaidi100 refused the subscription: 700 顺丰单号需要提供收、寄件人电话', null])
      await ctx.t.db.query("UPDATE parcels SET phone_tail = '4321' WHERE tracking_no = 'SF-H1'")
      clock.advance(MIN)
      await ctx.app.tracking.sweep()
      expect((await parcelRow(ctx.t.db, 'SF-H1')).subscribed_at).toBeNull()
      clock.advance(5 * MIN)
      await ctx.app.tracking.sweep()
      row = await parcelRow(ctx.t.db, 'SF-H1')
      expect([row.subscribed_at, row.subscribe_error]).toEqual([clock.now(), null])
      expect(ctx.app.tracking.sandboxDesk?.subscriptions()).toContainEqual({ carrier: 'shunfeng', trackingNo: 'SF-H1', callbackUrl: 'http://127.0.0.1:3000/api/tracking/notify/kuaidi100', phone: '4321' })
    })
  },
  { now: clock.now, config: { trackingSandboxStepMs: null } },
)

describeEachDb(
  'parcel tracking: the polling cap',
  (ctx) => {
    it('asks at most sweepLimit parcels per run, the longest silent first', async () => {
      const k = new SandboxKuaidi100(clock.now, null)
      const errors: unknown[] = []
      const service = trackingService(ctx.app.db, { facet: sandboxTracking('cap-salt', k), sandbox: k }, { now: clock.now, notifyUrl: 'http://shop/api/tracking/notify/kuaidi100', pollAfterMs: HOUR, sweepLimit: 2, onBackgroundError: (e) => errors.push(e) })
      const token = await login(ctx.app)
      const numbers = ['CAP-1', 'CAP-2', 'CAP-3']
      for (const no of numbers) {
        const orderId = await placeOrder(ctx.app, ctx.t.db, token)
        await ctx.app.db.tx((q) => service.watch(q, { orderId, kind: 'express', parcels: [{ carrier: 'ZTO', trackingNo: no }], at: clock.now() }))
        await service.idle()
        clock.advance(MIN)
        // Collected, but the push is lost.
        k.step('ZTO', no)
      }
      clock.advance(HOUR)
      expect(await service.sweep()).toBe(2)
      const states = async () => (await ctx.t.db.query<{ tracking_no: string; state: string }>("SELECT tracking_no, state FROM parcels WHERE tracking_no LIKE 'CAP-%' ORDER BY tracking_no")).rows.map((r) => r.state)
      expect(await states()).toEqual(['collected', 'collected', 'pending'])
      expect(await service.sweep()).toBe(1)
      expect(await states()).toEqual(['collected', 'collected', 'collected'])
      expect(await service.sweep()).toBe(0)
      expect(errors).toEqual([])
    })
  },
  { now: clock.now, config: { trackingSandboxStepMs: null } },
)

it('matches a push to a parcel by carrier: our code, Kuaidi100’s, or an unlisted one in either case', () => {
  expect([sameCarrier('SF', 'SF'), sameCarrier('SF', 'shunfeng'), sameCarrier('HTKY', 'htky'), sameCarrier('SF', 'ZTO'), sameCarrier('SF', 'zhongtong')]).toEqual([true, true, true, false, false])
})

it('never takes an older or a rolled-back trace as news', () => {
  const e = (at: string, text = at) => ({ at, text, area: null })
  const have = { state: 'in_transit' as const, events: [e('2026-12-05T02:00:00.000Z'), e('2026-12-05T01:00:00.000Z')] }
  expect(isNewer(have, { state: 'delivering', events: [e('2026-12-05T03:00:00.000Z'), ...have.events] })).toBe(true)
  expect(isNewer(have, { state: 'collected', events: [e('2026-12-05T01:00:00.000Z')] })).toBe(false)
  expect(isNewer(have, { state: 'in_transit', events: [{ area: null, text: '2026-12-05T02:00:00.000Z', at: '2026-12-05T02:00:00.000Z' }, have.events[1]] })).toBe(false)
  expect(isNewer(have, { state: 'pending', events: [] })).toBe(false)
  expect(isNewer({ state: 'delivered', events: [] }, { state: 'delivering', events: [e('2026-12-06T00:00:00.000Z')] })).toBe(false)
})

describeEachDb(
  'parcel tracking: the sandbox on its own schedule (H5 preview)',
  (ctx) => {
    it('moves a parcel to delivered by itself, every step pushed through the verify code, and sends the message', async () => {
      const token = await login(ctx.app)
      const orderId = await placeOrder(ctx.app, ctx.t.db, token)
      await ctx.app.db.tx((q) => ctx.app.tracking.watch(q, { orderId, kind: 'express', parcels: [{ carrier: 'ZTO', trackingNo: 'ZT-AUTO' }], at: new Date() }))
      const deadline = Date.now() + 5000
      while (Date.now() < deadline && (await parcelRow(ctx.t.db, 'ZT-AUTO')).state !== 'delivered') await new Promise((r) => setTimeout(r, 20))
      const r = await call(ctx.app, 'GET', `/api/orders/${orderId}/tracking`, { token })
      expect(r.body.parcels[0].state).toBe('delivered')
      expect(r.body.parcels[0].events).toHaveLength(4)
      expect(await delivered(ctx.t.db, orderId)).toBe(1)
    })
  },
  { config: { trackingSandboxStepMs: 30 } },
)
