import { expect, it } from 'vitest'
import type { Order, Refund } from '../../../../src/domain/contract'
import type { AdminGroupDeal, AdminGroupRow, GroupDealView, GroupOrderResult, GroupView, OpenGroupView } from '../../../../src/domain/groups'
import { ADMIN_TOKEN, call, describeEachDb, productId, skuId, stockOf, testApp } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'

let clock = new Date('2026-12-05T04:00:00.000Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
const HOUR = 3600_000
let seq = 0
const key = () => `group-${process.pid}-${++seq}`
const OPTS = { now: () => clock, sandboxNotifyDelayMs: null }

describeEachDb(
  'groups (拼团): deals, starting and joining, paying, timeouts, races',
  (ctx) => {
    const admin = <T = any>(method: 'GET' | 'POST', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const sandboxPay = () => ctx.app.payments.providers.sandbox as SandboxPay
    const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const refundsOf = async (orderId: number) => (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${orderId}`)).body.items
    /** The group messages enqueued for a group, as [order, event], in order. */
    const groupMessages = async (groupId: number) =>
      (await ctx.t.db.query<{ order_id: number; event: string }>("SELECT order_id, event FROM message_outbox WHERE dedupe_key LIKE $1 ORDER BY order_id, event", [`group:${groupId}:%`])).rows.map((r) => [r.order_id, r.event])
    const dealRow = async (dealId: number) => ctx.t.db.one<{ sold: number }>('SELECT sold FROM group_deal_skus WHERE deal_id = $1', [dealId])

    /** Asks the platform (this app's sandbox) until each refund of these orders succeeded: the first ask answers PROCESSING, the next SUCCESS. */
    async function finishRefunds(orderIds: number[]) {
      for (const orderId of orderIds)
        for (const r of await refundsOf(orderId)) {
          await ctx.app.payments.refunds.submit(r.id)
          expect((await ctx.app.payments.refunds.submit(r.id)).status).toBe('succeeded')
        }
    }

    let phones = 0
    /** A WeChat shopper with one address of their own. */
    async function shopper() {
      const token = await platformUser(ctx.app, 'weapp')
      const phone = `137${String(++phones).padStart(8, '0')}`
      const a = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: `团员${phones}`, phone, region: ['浙江省', '杭州市', '西湖区'], detail: `文三路 ${phones} 号` } })
      expect(a.status, JSON.stringify(a.body)).toBe(201)
      return { token, addressId: a.body.id as number }
    }
    type Shopper = Awaited<ReturnType<typeof shopper>>

    async function pay(s: Shopper, orderId: number) {
      expect((await call(ctx.app, 'POST', `/api/orders/${orderId}/pay`, { token: s.token })).status).toBe(200)
      const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [orderId])).out_trade_no
      sandboxPay().settle(out)
      expect((await postNotify(ctx.app, 'wechat', sandboxPay().wechatNotify(out))).statusCode).toBeLessThan(300)
    }

    async function deal(size: number, over: Record<string, unknown> = {}) {
      const r = await admin<AdminGroupDeal>('POST', '/api/admin/group-deals', {
        name: `${size}人拼马克杯`,
        productId: await productId(ctx.t.db, 'mug'),
        size,
        hours: 24,
        perUserLimit: null,
        robotFill: false,
        startsAt: new Date(clock.getTime() - HOUR).toISOString(),
        endsAt: new Date(clock.getTime() + 30 * 24 * HOUR).toISOString(),
        skus: [{ skuId: await mug(), price: 2900, stock: 20 }],
        ...over,
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body
    }

    const start = async (s: Shopper, dealId: number, k = key()) =>
      call<GroupOrderResult & { code?: string }>(ctx.app, 'POST', '/api/groups', { token: s.token, body: { promotionId: dealId, skuId: await mug(), addressId: s.addressId, idempotencyKey: k } })
    const join = async (s: Shopper, groupId: number, k = key()) =>
      call<GroupOrderResult & { code?: string }>(ctx.app, 'POST', `/api/groups/${groupId}/join`, { token: s.token, body: { skuId: await mug(), addressId: s.addressId, idempotencyKey: k } })
    const view = (groupId: number, token?: string) => call<GroupView>(ctx.app, 'GET', `/api/groups/${groupId}`, { token })

    /** A group of `size` whose leader paid; answers the leader and the group. */
    async function openedGroup(size: number, over: Record<string, unknown> = {}) {
      const d = await deal(size, over)
      const leader = await shopper()
      const g = await start(leader, d.id)
      expect(g.status, JSON.stringify(g.body)).toBe(201)
      await pay(leader, g.body.orderId)
      return { deal: d, leader, groupId: g.body.groupId, orderId: g.body.orderId }
    }

    it("a group order carries its group (Order.group: the order detail's 拼团订单 line and the H5 pay result's way back to the group)", async () => {
      const { leader, groupId, orderId } = await openedGroup(2)
      const order = await call<Order>(ctx.app, 'GET', `/api/orders/${orderId}`, { token: leader.token })
      expect(order.body.group).toEqual({ id: groupId, status: 'forming' })
      const listed = await call<{ items: Order[] }>(ctx.app, 'GET', '/api/orders?page=1&pageSize=5', { token: leader.token })
      expect(listed.body.items.find((o) => o.id === orderId)?.group).toEqual({ id: groupId, status: 'forming' })
      const other = await shopper()
      const joined = await join(other, groupId)
      await pay(other, joined.body.orderId)
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${orderId}`, { token: leader.token })).body.group).toEqual({ id: groupId, status: 'succeeded' })
      expect((await admin<{ order: Order }>('GET', `/api/admin/orders/${orderId}`)).body.order.group).toEqual({ id: groupId, status: 'succeeded' })
    })

    it('the console writes deals (bad fields named), the shop lists the live ones; ending one hides it', async () => {
      const bad = await admin('POST', '/api/admin/group-deals', {
        name: '坏的',
        productId: await productId(ctx.t.db, 'mug'),
        size: 11,
        hours: 24,
        perUserLimit: null,
        robotFill: false,
        startsAt: clock.toISOString(),
        endsAt: new Date(clock.getTime() + HOUR).toISOString(),
        skus: [{ skuId: await mug(), price: 2900, stock: 20 }],
      })
      expect([bad.status, bad.body.code, bad.body.field]).toEqual([400, 'BAD_INPUT', 'size'])
      const foreign = await admin('POST', '/api/admin/group-deals', {
        name: '别的商品的规格',
        productId: await productId(ctx.t.db, 'mug'),
        size: 2,
        hours: 24,
        perUserLimit: null,
        robotFill: false,
        startsAt: clock.toISOString(),
        endsAt: new Date(clock.getTime() + HOUR).toISOString(),
        skus: [{ skuId: await skuId(ctx.t.db, 'tee', { 颜色: '白色', 尺码: 'M' }), price: 2900, stock: 20 }],
      })
      expect([foreign.status, foreign.body.field]).toEqual([400, 'skus[0].skuId'])

      const d = await deal(2)
      expect(d).toMatchObject({ size: 2, sold: 0, endedAt: null, groups: { forming: 0, succeeded: 0, failed: 0 } })
      const list = await call<{ items: GroupDealView[] }>(ctx.app, 'GET', `/api/group-deals?productId=${d.productId}`)
      const mine = list.body.items.find((x) => x.promotionId === d.id)
      expect(mine).toMatchObject({ promotionId: d.id, productId: d.productId, skuIds: [await mug()], size: 2, price: 2900, regularPrice: 3900, skus: [{ skuId: await mug(), price: 2900, stockLeft: 20 }] })
      const ended = await admin<AdminGroupDeal>('POST', `/api/admin/group-deals/${d.id}/end`)
      expect(ended.body.endedAt).toBe(clock.toISOString())
      expect((await call<{ items: GroupDealView[] }>(ctx.app, 'GET', '/api/group-deals')).body.items.some((x) => x.promotionId === d.id)).toBe(false)
      const s = await shopper()
      const late = await start(s, d.id)
      expect([late.status, late.body]).toMatchObject([409, { code: 'DEAL_ENDED' }])
      const audit = await ctx.t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'group_deal' AND entity_id = $1 ORDER BY id", [String(d.id)])
      expect(audit.rows.map((r) => r.action)).toEqual(['group_deal.create', 'group_deal.end'])
      const admins = await admin<{ items: AdminGroupDeal[]; total: number }>('GET', '/api/admin/group-deals?page=1&pageSize=5')
      expect(admins.body.items[0].id).toBe(d.id)
    })

    it('a group of 3 succeeds when its last member pays: at the group price, no shipping, held from shipping until then', async () => {
      const d = await deal(3)
      const [leader, b, c] = [await shopper(), await shopper(), await shopper()]
      const k = key()
      const g = await start(leader, d.id, k)
      expect(g.status, JSON.stringify(g.body)).toBe(201)
      // The same key again: the same group and order.
      expect((await start(leader, d.id, k)).body).toEqual(g.body)
      const order = (await call<Order>(ctx.app, 'GET', `/api/orders/${g.body.orderId}`, { token: leader.token })).body
      expect(order).toMatchObject({ status: 'created', total: 2900, shipping: 0, group: { id: g.body.groupId, status: 'forming' } })
      expect(order.discounts).toEqual([expect.objectContaining({ source: 'group', label: '拼团价', amount: 1000 })])

      // Not open before the leader paid; never to the leader.
      expect((await join(b, g.body.groupId)).body.code).toBe('GROUP_NOT_OPEN')
      await pay(leader, g.body.orderId)
      expect((await join(leader, g.body.groupId)).body.code).toBe('OWN_GROUP')
      const open = await call<{ items: OpenGroupView[] }>(ctx.app, 'GET', `/api/products/${d.productId}/groups`)
      expect(open.body.items.find((x) => x.id === g.body.groupId)).toMatchObject({ promotionId: d.id, seatsLeft: 2 })

      const jb = await join(b, g.body.groupId)
      expect(jb.status, JSON.stringify(jb.body)).toBe(201)
      expect((await join(b, g.body.groupId)).body.code).toBe('ALREADY_IN_GROUP')
      await pay(b, jb.body.orderId)
      // Forming: a paid order waits for its group.
      const early = await admin('POST', `/api/admin/orders/${jb.body.orderId}/ship`, { carrier: 'SF', trackingNo: 'SF60000001' })
      expect([early.status, early.body.code]).toEqual([409, 'GROUP_FORMING'])
      expect((await view(g.body.groupId, b.token)).body).toMatchObject({ status: 'forming', seatsLeft: 1, action: 'share', mine: { orderId: jb.body.orderId, status: 'paid', leader: false } })
      expect((await view(g.body.groupId, c.token)).body.action).toBe('join')
      // WeChat's updatable message (the sandbox plays it): one activity id per group, updated on each payment and on success.
      const share = await call(ctx.app, 'GET', `/api/groups/${g.body.groupId}/share`, { token: b.token })
      expect(share.body).toEqual({ activityId: expect.stringMatching(/^sandbox-activity-/), title: '还差 1 人成团，29.00 元拼「陶瓷马克杯」', path: `/pkg-growth/group/index?id=${g.body.groupId}` })
      expect((await call(ctx.app, 'GET', `/api/groups/${g.body.groupId}/share`, { token: leader.token })).body.activityId).toBe(share.body.activityId)

      const jc = await join(c, g.body.groupId)
      expect(jc.status).toBe(201)
      await pay(c, jc.body.orderId)
      const done = await view(g.body.groupId)
      expect(done.body).toMatchObject({ status: 'succeeded', size: 3, seatsLeft: 0, succeededAt: clock.toISOString(), mine: null, action: 'none', price: 2900 })
      expect(done.body.members.map((m) => [m.leader, m.paid, m.robot])).toEqual([
        [true, true, false],
        [false, true, false],
        [false, true, false],
      ])
      expect(done.body.members[0].nickname).toMatch(/^w\*+$/)
      expect((await join(await shopper(), g.body.groupId)).body.code).toBe('GROUP_ENDED')
      // 拼团成功 to every paid member, once (in the last payment's transaction).
      expect(await groupMessages(g.body.groupId)).toEqual([g.body.orderId, jb.body.orderId, jc.body.orderId].sort((x, y) => x - y).map((id) => [id, 'group_succeeded']))
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${jc.body.orderId}`, { token: c.token })).body.group).toEqual({ id: g.body.groupId, status: 'succeeded' })
      const listed = await call<{ items: Order[] }>(ctx.app, 'GET', '/api/orders', { token: c.token })
      expect(listed.body.items.find((x) => x.id === jc.body.orderId)?.group).toEqual({ id: g.body.groupId, status: 'succeeded' })
      expect((await admin('POST', `/api/admin/orders/${jb.body.orderId}/ship`, { carrier: 'SF', trackingNo: 'SF60000001' })).status).toBe(200)
      expect((await dealRow(d.id)).sold).toBe(3)
      const mine = await call<{ items: GroupView[] }>(ctx.app, 'GET', '/api/groups/mine', { token: c.token })
      expect(mine.body.items.map((x) => x.id)).toEqual([g.body.groupId])
      const rows = await admin<{ items: AdminGroupRow[] }>('GET', `/api/admin/groups?dealId=${d.id}&status=succeeded`)
      expect(rows.body.items).toEqual([expect.objectContaining({ id: g.body.groupId, paid: 3, orderIds: [g.body.orderId, jb.body.orderId, jc.body.orderId] })])
      // The console names the leader (unmasked, unlike the shop's group page).
      expect(rows.body.items[0].leaderNickname).toBe('weapp-user')
      const sent = ctx.app.groups.sandboxActivities?.sent.filter((x) => x.activityId === share.body.activityId).map((x) => x.update)
      expect(sent).toEqual([{ state: 1, path: `/pkg-growth/group/index?id=${g.body.groupId}` }])
      // Succeeded: the card is final, no activity id for a new share.
      expect((await call(ctx.app, 'GET', `/api/groups/${g.body.groupId}/share`, { token: b.token })).body.activityId).toBeNull()
    })

    it('a cancelled unpaid member frees the seat; a leader who never pays fails the group', async () => {
      const g = await openedGroup(2)
      const [b, c] = [await shopper(), await shopper()]
      const jb = await join(b, g.groupId)
      expect(jb.status).toBe(201)
      expect((await join(c, g.groupId)).body.code).toBe('GROUP_FULL')
      expect((await call(ctx.app, 'POST', `/api/orders/${jb.body.orderId}/cancel`, { token: b.token })).status).toBe(200)
      expect((await dealRow(g.deal.id)).sold).toBe(1)
      const jc = await join(c, g.groupId)
      expect(jc.status, JSON.stringify(jc.body)).toBe(201)
      // b may take a seat again once theirs was freed, but now it's full.
      expect((await join(b, g.groupId)).body.code).toBe('GROUP_FULL')

      const d = await deal(2)
      const lone = await shopper()
      const lg = await start(lone, d.id)
      expect((await call(ctx.app, 'POST', `/api/orders/${lg.body.orderId}/cancel`, { token: lone.token })).status).toBe(200)
      expect((await view(lg.body.groupId)).body.status).toBe('failed')
      expect((await join(b, lg.body.groupId)).body.code).toBe('GROUP_ENDED')
      expect((await dealRow(d.id)).sold).toBe(0)
      expect((await join(b, 999999)).body.code).toBe('GROUP_NOT_FOUND')
    })

    it('race: 100 shoppers for the last seat of a group of 2: one joins, 99 get GROUP_FULL, deal and SKU stock exact', async () => {
      const g = await openedGroup(2, { skus: [{ skuId: await mug(), price: 2900, stock: 20 }] })
      const shoppers = await Promise.all(Array.from({ length: 100 }, () => shopper()))
      const stockBefore = await stockOf(ctx.t.db, await mug())
      const results = await Promise.all(shoppers.map((s) => join(s, g.groupId)))
      expect(results.filter((r) => r.status === 201)).toHaveLength(1)
      expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 99 }, () => [409, 'GROUP_FULL']))
      expect(await stockOf(ctx.t.db, await mug())).toBe(stockBefore - 1)
      expect((await dealRow(g.deal.id)).sold).toBe(2)
      const seats = await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM group_members WHERE group_id = $1 AND status IN ('unpaid', 'paid')", [g.groupId])
      expect(seats.n).toBe(2)
      const orders = await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE user_id IN (SELECT user_id FROM group_members WHERE group_id = $1) AND status = 'created'", [g.groupId])
      expect(orders.n).toBe(1)
    })

    it('timeout with two servers sweeping at once: every paid member refunded exactly once, units back; a payment after the failure is refunded', async () => {
      const g = await openedGroup(3)
      const [b, c] = [await shopper(), await shopper()]
      const jb = await join(b, g.groupId)
      await pay(b, jb.body.orderId)
      const jc = await join(c, g.groupId)
      expect(jc.status).toBe(201)
      const other = await openedGroup(2)
      const stockBefore = await stockOf(ctx.t.db, await mug())
      advance(24 * HOUR + 1000)

      const second = await testApp(ctx.t, OPTS)
      try {
        const due = (await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM deal_groups WHERE status = 'forming' AND expires_at <= $1", [clock])).n
        const [x, y] = await Promise.all([ctx.app.groups.sweep(), second.groups.sweep()])
        expect(x + y).toBe(due)
        expect(await ctx.app.groups.sweep()).toBe(0)
      } finally {
        await second.close()
      }
      for (const orderId of [g.orderId, jb.body.orderId, other.orderId]) {
        const r = await refundsOf(orderId)
        expect(r.map((x) => [x.reason, x.kind, x.amount]), `order ${orderId}`).toEqual([['拼团失败，自动退款', 'order', 2900]])
      }
      expect(await refundsOf(jc.body.orderId)).toEqual([])
      expect((await view(g.groupId)).body.status).toBe('failed')
      // 拼团失败 to the paid members only (c never paid), once although two sweepers ran.
      expect(await groupMessages(g.groupId)).toEqual([[g.orderId, 'group_failed'], [jb.body.orderId, 'group_failed']])
      // c's unpaid seat still holds its unit until its order ends or is paid.
      expect((await dealRow(g.deal.id)).sold).toBe(1)

      // Refunds finish (the platform's answer): members refunded, stock back once. Each app has a
      // sandbox of its own in memory (a real platform is one for both), so the second app's
      // sandbox never saw these trades: asked again here with the same refund numbers.
      await finishRefunds([g.orderId, jb.body.orderId, other.orderId])
      const members = await ctx.t.db.query<{ order_id: number; status: string; refund_id: number | null }>('SELECT order_id, status, refund_id FROM group_members WHERE group_id = $1 ORDER BY id', [g.groupId])
      expect(members.rows.map((m) => [m.order_id, m.status, m.refund_id !== null])).toEqual([
        [g.orderId, 'refunded', true],
        [jb.body.orderId, 'refunded', true],
        [jc.body.orderId, 'unpaid', false],
      ])
      expect(await stockOf(ctx.t.db, await mug())).toBe(stockBefore + 3)

      // c pays after the group failed: refunded in full, never a member of a failed group.
      await pay(c, jc.body.orderId)
      const late = await refundsOf(jc.body.orderId)
      expect(late.map((r) => [r.reason, r.amount])).toEqual([['拼团失败，自动退款', 2900]])
      expect((await dealRow(g.deal.id)).sold).toBe(0)
      await finishRefunds([jc.body.orderId])
      expect((await ctx.t.db.one<{ status: string }>('SELECT status FROM group_members WHERE order_id = $1', [jc.body.orderId])).status).toBe('refunded')
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${jc.body.orderId}`, { token: c.token })).body.status).toBe('refunded')
    })

    it('robot fill: at the time limit a group with a paid member succeeds with robot seats', async () => {
      const g = await openedGroup(3, { robotFill: true })
      advance(24 * HOUR + 1000)
      expect(await ctx.app.groups.sweep()).toBeGreaterThanOrEqual(1)
      const v = await view(g.groupId)
      expect(v.body).toMatchObject({ status: 'succeeded', seatsLeft: 0 })
      expect(v.body.members.filter((m) => m.robot)).toHaveLength(2)
      expect(await refundsOf(g.orderId)).toEqual([])
      expect(await groupMessages(g.groupId)).toEqual([[g.orderId, 'group_succeeded']])
    })

    it('the per-user limit counts units across groups of the deal', async () => {
      const d = await deal(2, { perUserLimit: 1 })
      const s = await shopper()
      expect((await start(s, d.id)).status).toBe(201)
      const again = await start(s, d.id)
      expect([again.status, again.body.code]).toEqual([409, 'GROUP_LIMIT'])
    })
  },
  OPTS,
)

describeEachDb(
  'groups: the demo shop seeds a running 2-person and 3-person deal under its own claim',
  (ctx) => {
    it('GET /api/group-deals lists the two seeded deals; a second start seeds nothing more', async () => {
      const r = await call<{ items: GroupDealView[] }>(ctx.app, 'GET', '/api/group-deals')
      expect(r.body.items.map((d) => d.size).sort()).toEqual([2, 3])
      for (const d of r.body.items) {
        expect(d.price).toBeGreaterThan(0)
        expect(d.price).toBeLessThan(d.regularPrice)
        expect(d.skuIds.length).toBeGreaterThan(0)
      }
      expect((await ctx.t.db.one<{ value: string }>("SELECT value FROM meta WHERE key = 'seeded_group_deals'")).value).toBe(clock.toISOString())
      const again = await testApp(ctx.t, { seed: undefined, now: () => clock })
      await again.close()
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM group_deals')).n).toBe(2)
    })
  },
  { now: () => clock, seed: undefined },
)
