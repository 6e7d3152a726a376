import { expect, it, vi } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login } from '../../../test/helpers'
import { recordChoice } from '../quota'
import { createMessageWorker, type WorkerOptions } from '../worker'
import { wechatMessages } from '../../../platforms/wechat/messages'
import type { MessagesFacet, OutgoingMessage } from '../../../platforms/types'
import { manualClock, outboxOf, placeOrder, platformUser, quota, sandboxCount } from './support'

const H5_PAID = 'sandbox-h5-order-paid'

describeEachDb('message outbox worker', (ctx) => {
  const worker = (o: Partial<WorkerOptions> & Pick<WorkerOptions, 'now'>) =>
    createMessageWorker({ db: ctx.t.db, config: { ...ctx.app.config.messages, closingSoonMs: 0, consentWaitMs: 0 }, keys: {}, providers: { sandbox: ctx.app.messages.sandbox }, ...o })

  /** A shopper who allowed `accepts` order_paid messages, and one paid order of theirs. */
  async function paidOrder(accepts = 1) {
    const token = await login(ctx.app)
    const userId = await ctx.app.sessions.verify(token)
    if (accepts) await call(ctx.app, 'POST', '/api/messages/subscriptions', { token, body: { results: { [H5_PAID]: 'accept' } } })
    for (let i = 1; i < accepts; i++) await recordChoice(ctx.t.db, userId, H5_PAID, 'accept', new Date())
    const o = await placeOrder(ctx.app, ctx.t.db, token)
    await ctx.app.orders.apply(o.id, 'pay', 'system')
    return { userId, token, order: o }
  }

  it('waits for consent that arrives after the event (the dialog opens in the payment callback), then skips', async () => {
    const late = await paidOrder(0)
    const never = await paidOrder(0)
    // The clock starts after the orders: on a loaded machine placing them can take over a
    // second, and rows enqueued after the worker's "now" would not be parked by the first run.
    const clock = manualClock(Date.now() + 1000)
    const w = worker({ now: clock.now, config: { ...ctx.app.config.messages, closingSoonMs: 0, consentWaitMs: 60_000 } })
    await w.runOnce()
    expect(await outboxOf(ctx.t.db, late.order.id)).toMatchObject([{ status: 'pending', attempts: 0 }])
    // Parked: runs meanwhile don't touch it.
    clock.advance(5_000)
    expect(await w.runOnce()).toBe(0)
    // The shopper's accept arrives a few seconds after the paid notify, and wakes it.
    await call(ctx.app, 'POST', '/api/messages/subscriptions', { token: late.token, body: { results: { [H5_PAID]: 'accept' } } })
    expect(await w.runOnce()).toBe(1)
    expect(await outboxOf(ctx.t.db, late.order.id)).toMatchObject([{ status: 'sent' }])
    expect(await sandboxCount(ctx.t.db, late.order.id)).toBe(1)
    expect(await outboxOf(ctx.t.db, never.order.id)).toMatchObject([{ status: 'pending' }])
    clock.advance(60_000)
    await w.runOnce()
    expect(await outboxOf(ctx.t.db, never.order.id)).toMatchObject([{ status: 'skipped_no_quota' }])
    expect(await sandboxCount(ctx.t.db, never.order.id)).toBe(0)
  })

  it('a worker killed between the send and its mark, then restarted, delivers the message exactly once', async () => {
    const { userId, order } = await paidOrder()
    const clock = manualClock(Date.now() + 1000)
    const real = ctx.app.messages.sandbox
    // The first process delivers, then dies before it can record it: its send never returns.
    const dying: MessagesFacet = {
      id: 'sandbox',
      idempotent: true,
      async send(m) {
        await real.send(m)
        return new Promise(() => {})
      },
    }
    void worker({ now: clock.now, providers: { sandbox: dying }, owner: 'dies' }).runOnce()
    await vi.waitFor(async () => expect(await sandboxCount(ctx.t.db, order.id)).toBe(1))
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'sending', attempts: 1, quota_taken: true }])

    // The restarted process: the row is still leased to the dead one, so nothing yet.
    const restarted = worker({ now: clock.now, owner: 'restarted' })
    expect(await restarted.runOnce()).toBe(0)
    // Once the lease runs out it is claimed again and sent again with the same dedupe key:
    // the sandbox (an idempotent platform) keeps one message; our quota is spent once.
    clock.advance(60_001)
    expect(await restarted.runOnce()).toBe(1)
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'sent', attempts: 2 }])
    expect(await sandboxCount(ctx.t.db, order.id)).toBe(1)
    expect(await quota(ctx.t.db, userId, H5_PAID)).toMatchObject({ remaining: 0, sent_total: 1 })
  })

  it('a send that errors after the platform took it is retried with the same key and still delivered once', async () => {
    const { order } = await paidOrder()
    const clock = manualClock(Date.now() + 1000)
    const real = ctx.app.messages.sandbox
    let crashes = 1
    const flaky: MessagesFacet = {
      id: 'sandbox',
      idempotent: true,
      async send(m) {
        const r = await real.send(m)
        if (crashes-- > 0) throw new Error('socket hang up after delivery')
        return r
      },
    }
    const w = worker({ now: clock.now, providers: { sandbox: flaky } })
    await w.runOnce()
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'pending', attempts: 1 }])
    clock.advance(10_000)
    await w.runOnce()
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'sent', attempts: 2 }])
    expect(await sandboxCount(ctx.t.db, order.id)).toBe(1)
  })

  it('two workers at once send each message once', async () => {
    const paid = await Promise.all(Array.from({ length: 6 }, () => paidOrder()))
    const clock = manualClock(Date.now() + 1000)
    const calls: string[] = []
    const counting: MessagesFacet = {
      id: 'sandbox',
      idempotent: true,
      async send(m) {
        calls.push(m.dedupeKey)
        await new Promise((r) => setTimeout(r, 5))
        return ctx.app.messages.sandbox.send(m)
      },
    }
    const [a, b] = [worker({ now: clock.now, providers: { sandbox: counting }, owner: 'a', batch: 2 }), worker({ now: clock.now, providers: { sandbox: counting }, owner: 'b', batch: 2 })]
    await Promise.all([a.runOnce(), b.runOnce()])
    for (const p of paid) {
      expect(await outboxOf(ctx.t.db, p.order.id)).toMatchObject([{ status: 'sent', attempts: 1 }])
      expect(await sandboxCount(ctx.t.db, p.order.id)).toBe(1)
    }
    // Not only delivered once: called once (the lease keeps the other worker away).
    const mine = calls.filter((k) => paid.some((p) => k === `order:${p.order.id}:order_paid`))
    expect(mine.length).toBe(6)
    expect(new Set(mine).size).toBe(6)
  })

  it('a provider outage is retried with exponential backoff and recovers', async () => {
    const { order } = await paidOrder()
    const clock = manualClock(Date.now() + 1000)
    const w = worker({ now: clock.now, backoffMs: 10_000 })
    ctx.app.messages.sandbox.setOutage(3)
    try {
      const due: number[] = []
      for (const wait of [0, 10_000, 20_000]) {
        clock.advance(wait)
        await w.runOnce()
        const [row] = await outboxOf(ctx.t.db, order.id)
        expect(row).toMatchObject({ status: 'pending', last_error: 'sandbox outage (503)' })
        due.push(new Date(row.next_attempt_at).getTime() - clock.now().getTime())
        // Not due yet: a run in between leaves it alone.
        clock.advance(1000)
        await w.runOnce()
        clock.advance(-1000)
      }
      expect(due).toEqual([10_000, 20_000, 40_000])
      clock.advance(40_000)
      await w.runOnce()
      expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'sent', attempts: 4 }])
      expect(await sandboxCount(ctx.t.db, order.id)).toBe(1)
    } finally {
      ctx.app.messages.sandbox.setOutage(0)
    }
  })

  it('gives up after maxAttempts as failed and returns the quota unit (nothing was sent)', async () => {
    const { userId, order } = await paidOrder()
    const clock = manualClock(Date.now() + 1000)
    const w = worker({ now: clock.now, backoffMs: 1000, maxAttempts: 2 })
    ctx.app.messages.sandbox.setOutage(Infinity)
    try {
      await w.runOnce()
      clock.advance(1000)
      await w.runOnce()
    } finally {
      ctx.app.messages.sandbox.setOutage(0)
    }
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'failed', attempts: 2 }])
    expect(await quota(ctx.t.db, userId, H5_PAID)).toMatchObject({ remaining: 1, sent_total: 0 })
  })

  it('a non-idempotent platform interrupted mid-call is never called again: the row ends unknown', async () => {
    const { order } = await paidOrder()
    const clock = manualClock(Date.now() + 1000)
    const sent: OutgoingMessage[] = []
    let hang = true
    const live: MessagesFacet = {
      id: 'sandbox',
      idempotent: false,
      async send(m) {
        sent.push(m)
        if (hang) return new Promise(() => {})
        return { kind: 'sent' }
      },
    }
    void worker({ now: clock.now, providers: { sandbox: live }, owner: 'hangs' }).runOnce()
    await vi.waitFor(() => expect(sent.some((m) => m.dedupeKey === `order:${order.id}:order_paid`)).toBe(true))
    hang = false
    clock.advance(60_001)
    await worker({ now: clock.now, providers: { sandbox: live }, owner: 'next' }).runOnce()
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'unknown' }])
    expect(sent.filter((m) => m.dedupeKey === `order:${order.id}:order_paid`)).toHaveLength(1)

    // A person may decide to send it again; only failed or unknown rows can be requeued.
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
    const row = (await ctx.t.db.one<{ id: number }>('SELECT id FROM message_outbox WHERE order_id = $1', [order.id])).id
    expect(await call(ctx.app, 'POST', `/api/admin/messages/outbox/${row}/requeue`, { headers: admin })).toEqual({ status: 200, body: { id: row, status: 'pending' } })
    expect((await call(ctx.app, 'POST', `/api/admin/messages/outbox/${row}/requeue`, { headers: admin })).body.code).toBe('NOT_REQUEUABLE')
    await worker({ now: clock.now, providers: { sandbox: live }, owner: 'after-requeue' }).runOnce()
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'sent', attempts: 1 }])
    expect(sent.filter((m) => m.dedupeKey === `order:${order.id}:order_paid`)).toHaveLength(2)
  })

  it('a row whose worker keeps dying on it ends failed instead of coming back forever', async () => {
    const { order } = await paidOrder()
    await ctx.t.db.query("UPDATE message_outbox SET status = 'sending', attempts = 10, lease_until = now() - interval '1 second' WHERE order_id = $1", [order.id])
    await worker({ now: manualClock(Date.now() + 1000).now, maxAttempts: 8 }).runOnce()
    expect(await outboxOf(ctx.t.db, order.id)).toMatchObject([{ status: 'failed', attempts: 11, last_error: 'claimed too many times without an answer' }])
    expect(await sandboxCount(ctx.t.db, order.id)).toBe(0)
  })

  it('WeChat 43101 sets the ledger to zero and stops further sends for that template', async () => {
    const clock = manualClock(Date.now() + 1000)
    const u = await platformUser(ctx.app, 'weapp')
    for (let i = 0; i < 3; i++) await recordChoice(ctx.t.db, u.id, 'TMPL_PAID', 'accept', new Date())
    const orders = []
    for (let i = 0; i < 3; i++) {
      const o = await placeOrder(ctx.app, ctx.t.db, u.token)
      await ctx.app.orders.apply(o.id, 'pay', 'system')
      orders.push(o)
    }
    const sends: { touser: string; template_id: string }[] = []
    const fakeFetch = (async (url: string | URL, init?: RequestInit) => {
      const u = String(url)
      if (u.includes('/cgi-bin/token')) return Response.json({ access_token: 'TOKEN-1', expires_in: 7200 })
      sends.push(JSON.parse(String(init?.body)))
      return Response.json(sends.length === 1 ? { errcode: 0, errmsg: 'ok' } : { errcode: 43101, errmsg: 'user refuse to accept the msg' })
    }) as typeof fetch
    const w = createMessageWorker({
      db: ctx.t.db,
      now: clock.now,
      config: { templates: { weapp: { order_paid: 'TMPL_PAID' }, alipay: {} }, closingSoonMs: 0, consentWaitMs: 0, wechatState: 'formal' },
      keys: { wechat: { appId: 'wx1', secret: 's' } },
      providers: { wechat: wechatMessages({ appId: 'wx1', secret: 's', state: 'formal', fetch: fakeFetch, now: clock.now }) },
    })
    await w.runOnce()
    const statuses = await Promise.all(orders.map(async (o) => (await outboxOf(ctx.t.db, o.id))[0].status))
    expect(statuses).toEqual(['sent', 'skipped_no_quota', 'skipped_no_quota'])
    // The third never reached WeChat: the ledger said zero after 43101.
    expect(sends).toHaveLength(2)
    expect(sends[0]).toMatchObject({ touser: expect.stringMatching(/^o-msg-/), template_id: 'TMPL_PAID' })
    expect(await quota(ctx.t.db, u.id, 'TMPL_PAID')).toMatchObject({ remaining: 0, accepted_total: 3 })
  })

  it('reminds once about an unpaid order about to close, and not once it is paid', async () => {
    const token = await login(ctx.app)
    await call(ctx.app, 'POST', '/api/messages/subscriptions', { token, body: { results: { 'sandbox-h5-order-closing-soon': 'accept' } } })
    const [soon, paidMeanwhile] = [await placeOrder(ctx.app, ctx.t.db, token), await placeOrder(ctx.app, ctx.t.db, token)]
    await recordChoice(ctx.t.db, await ctx.app.sessions.verify(token), 'sandbox-h5-order-closing-soon', 'accept', new Date())
    // ORDER_TTL is 15 min: 11 minutes on, both close within the 5-minute window.
    const clock = manualClock(Date.now() + 11 * 60_000)
    const w = worker({ now: clock.now, config: { ...ctx.app.config.messages, closingSoonMs: 5 * 60_000, consentWaitMs: 0 } })
    const { enqueueClosingSoon } = await import('../outbox')
    await enqueueClosingSoon(ctx.t.db, clock.now(), 5 * 60_000)
    await ctx.app.orders.apply(paidMeanwhile.id, 'pay', 'system')
    await w.runOnce()
    await w.runOnce()
    expect(await outboxOf(ctx.t.db, soon.id)).toMatchObject([{ event: 'order_closing_soon', status: 'sent' }])
    expect((await outboxOf(ctx.t.db, paidMeanwhile.id)).map((r) => [r.event, r.status])).toEqual([
      ['order_closing_soon', 'skipped_stale'],
      ['order_paid', 'skipped_no_quota'],
    ])
    const [m] = (await ctx.app.messages.sandbox.list({ orderId: soon.id, page: 1, pageSize: 5 })).items
    expect(m).toMatchObject({ event: 'order_closing_soon', data: { thing5: '订单即将关闭，请尽快支付' } })
  })
})
