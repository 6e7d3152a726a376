import { expect, it } from 'vitest'
import type { Order, PricePreview, Refund } from '../../src/domain/contract'
import type { GroupDealView, GroupOrderResult, GroupView } from '../../src/domain/groups'
import { DEFAULT_POINTS_SETTINGS, type CheckInResult, type MallItemView, type PointsView, type RedeemResult, type ReferralView } from '../../src/domain/points'
import type { ReviewView } from '../../src/domain/reviews'
import { ADMIN_TOKEN, call, describeEachDb } from './helpers'
import { payThroughAlipay, reviewPhoto, shipAndReceive, shipOrder, shopperWithAddress } from './orders'

/**
 * The growth chain of issue 18, through the HTTP API only, on the demo shop (its seeded group
 * deals and points mall): check-in points spent at checkout, earned on paying and on a review
 * with a photo, taken back and returned in proportion by a partial refund; a friend invited,
 * rewarded with the inviter once the after-sales window passed, redeeming the mall's gift; a
 * group of 2 that succeeds and one of 3 that times out and refunds its paid members once. The
 * only direct calls are the sweeps (the sweeper timer makes them in production). At the end
 * the ledger holds for everyone: balance = sum of entries = sum of lots' remaining ≥ 0.
 */
const DAY = 86_400_000
let clock = new Date('2026-12-05T04:00:00Z') // noon in Shanghai
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
let seq = 0
const key = () => `growth-${process.pid}-${++seq}`
/** Check-in points high enough to pay with (the console's setting; the default 5 a day is 5 fen at checkout). */
const DAILY = 1000

describeEachDb(
  'growth chain: check-in → points at checkout → review → partial refund; referral → mall gift; groups of 2 and 3 (HTTP only)',
  (ctx) => {
    const db = () => ctx.t.db
    const admin = <T = any>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const users: { id: number }[] = []
    /** An Alipay shopper (the sandbox answers its payments and refunds at once) with an address; a fresh session per call (the clock outruns sessions). */
    async function shopper(name: string) {
      const u = await shopperWithAddress(ctx.app, `${name}-${process.pid}-${++seq}`, { name, phone: '13900139002', region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 18 号' })
      users.push(u)
      return { id: u.id, addressId: u.addressId, token: () => ctx.app.sessions.sign(u.id).then((s) => s.token) }
    }
    type Shopper = Awaited<ReturnType<typeof shopper>>
    const points = async (s: Shopper) => (await call<PointsView>(ctx.app, 'GET', '/api/points?pageSize=50', { token: await s.token() })).body
    const balance = async (s: Shopper) => (await points(s)).balance
    const skuOf = async (productKey: string) =>
      (await db().one<{ id: number; price: number }>('SELECT k.id, k.price FROM skus k JOIN products p ON p.id = k.product_id WHERE p.key = $1 AND NOT k.archived ORDER BY k.id LIMIT 1', [productKey])).id
    const checkIn = async (s: Shopper) => (await call<CheckInResult>(ctx.app, 'POST', '/api/check-in', { token: await s.token() })).body
    const refundsOf = async (orderId: number) => (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${orderId}`)).body.items
    const entries = async (orderId: number) =>
      (await db().query<{ kind: string; points: number }>('SELECT kind, sum(delta)::int AS points FROM points_entries WHERE order_id = $1 GROUP BY kind ORDER BY kind', [orderId])).rows
    const groupMessages = async (groupId: number) =>
      (await db().query<{ order_id: number; event: string }>('SELECT order_id, event FROM message_outbox WHERE dedupe_key LIKE $1 ORDER BY order_id', [`group:${groupId}:%`])).rows.map((r) => [r.order_id, r.event])

    async function order(s: Shopper, items: { skuId: number; quantity: number }[], usePoints = 0): Promise<Order> {
      const o = await call<Order>(ctx.app, 'POST', '/api/orders', { token: await s.token(), body: { items, addressId: s.addressId, idempotencyKey: key(), points: usePoints } })
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      return o.body
    }
    const pay = async (s: Shopper, orderId: number) => payThroughAlipay(ctx.app, await s.token(), orderId)

    it('one shopper, one friend, two groups: every point and every fen accounted for', async () => {
      // The console sets the daily check-in points (marketing:write, audited).
      const settings = { ...DEFAULT_POINTS_SETTINGS, checkIn: { ...DEFAULT_POINTS_SETTINGS.checkIn, daily: DAILY } }
      expect((await admin('PUT', '/api/admin/points/settings', settings)).status).toBe(200)

      // A checks in: 1000 points; again the same day: nothing more.
      const A = await shopper('甲顾客')
      expect(await checkIn(A)).toEqual({ awarded: DAILY, streak: 1, balance: DAILY, already: false })
      expect(await checkIn(A)).toMatchObject({ awarded: 0, balance: DAILY, already: true })

      // Two mugs and a thermos, 1000 points (¥10) off at checkout; the preview quotes it first.
      const [mug, thermos] = [await skuOf('mug-ceramic'), await skuOf('thermos')]
      const items = [
        { skuId: mug, quantity: 2 },
        { skuId: thermos, quantity: 1 },
      ]
      const preview = await call<PricePreview>(ctx.app, 'POST', '/api/orders/preview', { token: await A.token(), body: { items, points: DAILY } })
      expect(preview.status, JSON.stringify(preview.body)).toBe(200)
      expect(preview.body.points).toMatchObject({ balance: DAILY, used: DAILY, usedValue: DAILY })
      const o = await order(A, items, DAILY)
      expect(o.total).toBe(preview.body.total)
      expect(o.discounts.at(-1)).toMatchObject({ source: 'points', amount: DAILY })
      expect(await balance(A)).toBe(0)

      // Paid through the sandbox: earns a point per yuan paid.
      await pay(A, o.id)
      const earned = Math.floor(o.total / 100)
      expect(await balance(A)).toBe(earned)

      // Shipped, received; a review of the mug line with a photo earns the review points and the photo bonus.
      await shipAndReceive(ctx.app, await A.token(), o.id)
      const photo = await reviewPhoto(ctx.app, await A.token())
      const mugLine = o.items.find((i) => i.skuId === mug) as Order['items'][number]
      const reviewed = await call<{ items: ReviewView[] }>(ctx.app, 'POST', `/api/orders/${o.id}/reviews`, {
        token: await A.token(),
        body: { items: [{ orderItemId: mugLine.id, rating: 5, content: '杯子很好看，积分也到了', photos: [photo] }] },
      })
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201)
      const reviewPoints = DEFAULT_POINTS_SETTINGS.review.points + DEFAULT_POINTS_SETTINGS.review.photoBonus
      expect(await balance(A)).toBe(earned + reviewPoints)
      const shown = await call<{ items: ReviewView[] }>(ctx.app, 'GET', `/api/products/${mugLine.productId}/reviews?withPhotos=1`)
      expect(shown.body.items.map((r) => r.id)).toContain(reviewed.body.items[0].id)

      // A partial refund (one mug): the earned points taken back and the spent ones returned, in proportion.
      const part = await admin<Refund>('POST', `/api/admin/orders/${o.id}/refunds`, { lines: [{ skuId: mug, quantity: 1 }], reason: '少发一件' })
      expect(part.body, JSON.stringify(part.body)).toMatchObject({ status: 'succeeded' })
      const back = Math.floor((earned * part.body.amount) / o.total)
      const returned = Math.floor((DAILY * part.body.amount) / o.total)
      expect(back).toBeGreaterThan(0)
      expect(returned).toBeGreaterThan(0)
      expect(await balance(A)).toBe(earned + reviewPoints - back + returned)
      expect(await entries(o.id)).toEqual([
        { kind: 'checkout', points: -DAILY },
        { kind: 'order', points: earned },
        { kind: 'return', points: returned },
        { kind: 'take_back', points: -back },
      ])

      // A invites F: F accepts the code, checks in, makes a first order; received, the window passes, the sweep rewards both once.
      const code = (await call<ReferralView>(ctx.app, 'GET', '/api/referrals/me', { token: await A.token() })).body.code
      const F = await shopper('乙朋友')
      expect((await call(ctx.app, 'POST', '/api/referrals/accept', { token: await F.token(), body: { code } })).body).toEqual({ accepted: true })
      expect(await checkIn(F)).toMatchObject({ awarded: DAILY })
      const first = await order(F, [{ skuId: mug, quantity: 1 }])
      await pay(F, first.id)
      await shipAndReceive(ctx.app, await F.token(), first.id)
      const aBefore = await balance(A)
      const fBefore = await balance(F)
      expect(await ctx.app.referrals.sweep()).toBe(0)
      later(ctx.app.config.afterSales.windowDays * DAY + 60_000)
      const [x, y] = await Promise.all([ctx.app.referrals.sweep(), ctx.app.referrals.sweep()])
      expect(x + y).toBe(1)
      expect(await ctx.app.referrals.sweep()).toBe(0)
      expect(await balance(A)).toBe(aBefore + DEFAULT_POINTS_SETTINGS.referral.inviter)
      expect(await balance(F)).toBe(fBefore + DEFAULT_POINTS_SETTINGS.referral.friend)
      expect((await call<ReferralView>(ctx.app, 'GET', '/api/referrals/me', { token: await A.token() })).body.friends).toEqual([expect.objectContaining({ status: 'rewarded' })])

      // F redeems the seeded points-only gift: a paid order for no money, which ships.
      const mall = (await call<{ items: MallItemView[] }>(ctx.app, 'GET', '/api/mall/items', { token: await F.token() })).body.items
      const gift = mall.find((i) => i.kind === 'gift' && i.price === 0) as MallItemView
      expect(gift, JSON.stringify(mall)).toBeDefined()
      const fHas = await balance(F)
      const redeemed = await call<RedeemResult>(ctx.app, 'POST', '/api/points/redeem', { token: await F.token(), body: { itemId: gift.id, addressId: F.addressId, idempotencyKey: key() } })
      expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(201)
      expect(redeemed.body).toMatchObject({ status: 'done', balance: fHas - gift.points, orderId: expect.any(Number) })
      const giftOrderId = redeemed.body.orderId as number
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${giftOrderId}`, { token: await F.token() })).body).toMatchObject({ status: 'paid', total: 0 })
      await shipOrder(ctx.app, giftOrderId)
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${giftOrderId}`, { token: await F.token() })).body.status).toBe('shipped')

      // The seeded deals: a group of 2 succeeds (both told), a group of 3 times out with two paid (both refunded once, both told).
      const deals = (await call<{ items: GroupDealView[] }>(ctx.app, 'GET', '/api/group-deals')).body.items
      const [two, three] = [deals.find((d) => d.size === 2) as GroupDealView, deals.find((d) => d.size === 3) as GroupDealView]
      const start = async (s: Shopper, deal: GroupDealView) => {
        const r = await call<GroupOrderResult>(ctx.app, 'POST', '/api/groups', { token: await s.token(), body: { promotionId: deal.promotionId, skuId: deal.skuIds[0], addressId: s.addressId, idempotencyKey: key() } })
        expect(r.status, JSON.stringify(r.body)).toBe(201)
        return r.body
      }
      const join = async (s: Shopper, deal: GroupDealView, groupId: number) => {
        const r = await call<GroupOrderResult>(ctx.app, 'POST', `/api/groups/${groupId}/join`, { token: await s.token(), body: { skuId: deal.skuIds[0], addressId: s.addressId, idempotencyKey: key() } })
        expect(r.status, JSON.stringify(r.body)).toBe(201)
        return r.body
      }
      const G1 = await shopper('丙团长')
      const g2 = await start(G1, two)
      await pay(G1, g2.orderId)
      const j2 = await join(F, two, g2.groupId)
      await pay(F, j2.orderId)
      expect((await call<GroupView>(ctx.app, 'GET', `/api/groups/${g2.groupId}`)).body).toMatchObject({ status: 'succeeded', size: 2 })
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${j2.orderId}`, { token: await F.token() })).body.group).toEqual({ id: g2.groupId, status: 'succeeded' })
      expect(await groupMessages(g2.groupId)).toEqual([
        [g2.orderId, 'group_succeeded'],
        [j2.orderId, 'group_succeeded'],
      ])

      const G2 = await shopper('丁团长')
      const g3 = await start(G2, three)
      await pay(G2, g3.orderId)
      const j3 = await join(A, three, g3.groupId)
      await pay(A, j3.orderId)
      const aPaidGroup = await balance(A)
      later(25 * 3_600_000)
      const [s1, s2] = await Promise.all([ctx.app.groups.sweep(), ctx.app.groups.sweep()])
      expect(s1 + s2).toBeGreaterThanOrEqual(1)
      expect(await ctx.app.groups.sweep()).toBe(0)
      expect((await call<GroupView>(ctx.app, 'GET', `/api/groups/${g3.groupId}`)).body.status).toBe('failed')
      expect(await groupMessages(g3.groupId)).toEqual([
        [g3.orderId, 'group_failed'],
        [j3.orderId, 'group_failed'],
      ])
      // The refunds are submitted after the sweep's commit; the sandbox answers Alipay refunds at once.
      for (const orderId of [g3.orderId, j3.orderId]) {
        await expect.poll(async () => (await refundsOf(orderId)).map((r) => [r.reason, r.status])).toEqual([['拼团失败，自动退款', 'succeeded']])
        expect((await call<Order>(ctx.app, 'GET', `/api/orders/${orderId}`, { token: await (orderId === j3.orderId ? A : G2).token() })).body).toMatchObject({ status: 'refunded', group: { id: g3.groupId, status: 'failed' } })
      }
      // A's group order earned points on paying; its refund took them back.
      expect(await balance(A)).toBe(aPaidGroup - Math.floor((await refundsOf(j3.orderId))[0].amount / 100))

      // The ledger of every shopper: balance = sum of entries = sum of lots' remaining ≥ 0; each order earned once.
      for (const u of users) {
        const sums = await db().one<{ entries: number; lots: number; account: number | null }>(
          `SELECT coalesce(sum(delta), 0)::int AS entries, coalesce(sum(remaining), 0)::int AS lots, (SELECT balance FROM points_accounts WHERE user_id = $1) AS account
           FROM points_entries WHERE user_id = $1`,
          [u.id],
        )
        const account = sums.account ?? 0
        expect({ entries: sums.entries, lots: sums.lots }, `user ${u.id}`).toEqual({ entries: account, lots: account })
        expect(account).toBeGreaterThanOrEqual(0)
      }
      const twice = await db().query("SELECT order_id, kind, count(*)::int AS n FROM points_entries WHERE kind IN ('order', 'checkout', 'referral', 'review') AND order_id IS NOT NULL GROUP BY order_id, kind HAVING count(*) > 1")
      expect(twice.rows).toEqual([])
      const keys = await db().query('SELECT key FROM points_entries GROUP BY key HAVING count(*) > 1')
      expect(keys.rows).toEqual([])
    })
  },
  { now: () => clock, seed: undefined, sandboxNotifyDelayMs: null },
)
