import { expect, it } from 'vitest'
import type { Order } from '../../../../src/domain/contract'
import { DEFAULT_POINTS_SETTINGS, type ReferralView } from '../../../../src/domain/points'
import { INVITE_CODE_RE } from '../../../../src/domain/referral'
import { ADMIN_TOKEN, call, describeEachDb, skuId, testApp } from '../../../test/helpers'
import { balance, key, payOrder, ship, shipAndReceive, shopper } from '../../mall/__tests__/helpers'

let clock = new Date('2026-12-05T04:00:00.000Z')
const DAY = 86_400_000
const later = (days: number) => {
  clock = new Date(clock.getTime() + days * DAY)
}

describeEachDb(
  'referrals (老带新): invite codes, accept, first paid order, reward after the after-sales window, void on refund',
  (ctx) => {
    const db = () => ctx.t.db
    const mug = () => skuId(db(), 'mug', { 颜色: '米白' })
    // A fresh session each time: the clock moves past a session's lifetime in these tests.
    const tokenOf = async (u: { id: number }) => (await ctx.app.sessions.sign(u.id)).token
    const me = async (u: { id: number }) => (await call<ReferralView>(ctx.app, 'GET', '/api/referrals/me', { token: await tokenOf(u) })).body
    const accept = async (u: { id: number }, code: string) => (await call<{ accepted: boolean }>(ctx.app, 'POST', '/api/referrals/accept', { token: await tokenOf(u), body: { code } })).body.accepted
    const statusOf = async (friendId: number) => (await db().maybeOne<{ status: string }>('SELECT status FROM referrals WHERE friend_id = $1', [friendId]))?.status ?? null
    const windowDays = () => ctx.app.config.afterSales.windowDays

    /** The friend's order of one mug, paid through the sandbox. */
    async function buy(u: { id: number; addressId: number }): Promise<number> {
      const token = await tokenOf(u)
      const o = await call<Order>(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: await mug(), quantity: 1 }], addressId: u.addressId, idempotencyKey: key() } })
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      await payOrder(ctx, token, o.body.id)
      return o.body.id
    }

    it('the code: 8 characters, made once; accept binds a new shopper to the first inviter only, never their own code or an old shopper', async () => {
      const inviter = await shopper(ctx, '老用户')
      const view = await me(inviter)
      expect(view).toEqual({ code: expect.stringMatching(INVITE_CODE_RE), reward: DEFAULT_POINTS_SETTINGS.referral, friends: [] })
      expect((await me(inviter)).code).toBe(view.code)
      // Two first asks at once keep one code.
      const fresh = await shopper(ctx)
      const both = await Promise.all([me(fresh), me(fresh)])
      expect(both[0].code).toBe(both[1].code)

      expect(await accept(inviter, view.code)).toBe(false)
      expect(await accept(await shopper(ctx), 'ZZZZZZZZ')).toBe(false)
      expect(await accept(await shopper(ctx), 'bad code!')).toBe(false)
      const friend = await shopper(ctx, '新朋友')
      expect(await accept(friend, view.code)).toBe(true)
      expect(await accept(friend, view.code)).toBe(false)
      expect(await accept(friend, both[0].code)).toBe(false)
      expect(await db().one('SELECT inviter_id, status FROM referrals WHERE friend_id = $1', [friend.id])).toEqual({ inviter_id: inviter.id, status: 'invited' })
      // Two shoppers don't invite each other.
      expect(await accept(inviter, (await me(friend)).code)).toBe(false)
      // A shopper who already paid for an order is no new shopper.
      const old = await shopper(ctx)
      await buy(old)
      expect(await accept(old, view.code)).toBe(false)
      expect((await me(inviter)).friends).toEqual([{ nickname: '新朋友', status: 'invited', at: expect.any(String) }])
      expect((await call(ctx.app, 'GET', '/api/referrals/me')).status).toBe(401)
    })

    it('first paid order, received, the window passes: both rewarded once with two servers sweeping at once', async () => {
      const inviter = await shopper(ctx, '邀请人')
      const friend = await shopper(ctx, '受邀人')
      expect(await accept(friend, (await me(inviter)).code)).toBe(true)
      const orderId = await buy(friend)
      expect(await db().one('SELECT status, order_id FROM referrals WHERE friend_id = $1', [friend.id])).toEqual({ status: 'ordered', order_id: orderId })
      // A second paid order doesn't move the referral to it.
      await buy(friend)
      expect((await db().one<{ order_id: number }>('SELECT order_id FROM referrals WHERE friend_id = $1', [friend.id])).order_id).toBe(orderId)

      // Not received yet: the window hasn't started, however long it waits.
      later(windowDays() + 1)
      expect(await ctx.app.referrals.sweep()).toBe(0)
      await shipAndReceive(ctx, await tokenOf(friend), orderId)
      later(windowDays() - 1)
      expect(await ctx.app.referrals.sweep()).toBe(0)
      expect(await statusOf(friend.id)).toBe('ordered')

      later(1)
      const second = await testApp(ctx.t, { now: () => clock, sandboxNotifyDelayMs: null })
      try {
        const [a, b] = await Promise.all([ctx.app.referrals.sweep(), second.referrals.sweep()])
        expect(a + b).toBe(1)
      } finally {
        await second.close()
      }
      expect(await ctx.app.referrals.sweep()).toBe(0)
      expect(await statusOf(friend.id)).toBe('rewarded')
      expect(await balance(ctx, inviter.id)).toBe(DEFAULT_POINTS_SETTINGS.referral.inviter)
      const entries = await db().query<{ user_id: number; delta: number; kind: string }>("SELECT user_id, delta, kind FROM points_entries WHERE kind = 'referral' AND user_id = ANY($1::int[]) ORDER BY user_id", [[inviter.id, friend.id]])
      expect(entries.rows).toEqual([
        { user_id: inviter.id, delta: DEFAULT_POINTS_SETTINGS.referral.inviter, kind: 'referral' },
        { user_id: friend.id, delta: DEFAULT_POINTS_SETTINGS.referral.friend, kind: 'referral' },
      ])
      expect((await me(inviter)).friends).toEqual([{ nickname: '受邀人', status: 'rewarded', at: expect.any(String) }])
    })

    it('a first order refunded in full before the reward voids the referral; nobody is rewarded', async () => {
      const inviter = await shopper(ctx)
      const friend = await shopper(ctx)
      expect(await accept(friend, (await me(inviter)).code)).toBe(true)
      const orderId = await buy(friend)
      await ship(ctx, orderId)
      const r = await call(ctx.app, 'POST', `/api/admin/orders/${orderId}/refunds`, { token: ADMIN_TOKEN, body: { reason: '全部退款' } })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(await statusOf(friend.id)).toBe('void')
      later(windowDays() + 1)
      expect(await ctx.app.referrals.sweep()).toBe(0)
      expect(await balance(ctx, inviter.id)).toBe(0)
      expect(await balance(ctx, friend.id)).toBe(0)
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
