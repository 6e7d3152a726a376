import { expect, it, vi } from 'vitest'
import { call, describeEachDb, login, testApp } from '../../../test/helpers'
import { outboxOf, placeOrder, sandboxCount } from './support'

const H5_PAID = 'sandbox-h5-order-paid'

describeEachDb(
  'message worker started by the app',
  (ctx) => {
    it('sends on its own interval when the app runs its background jobs, and stops on close', async () => {
      const token = await login(ctx.app)
      await call(ctx.app, 'POST', '/api/messages/subscriptions', { token, body: { results: { [H5_PAID]: 'accept' } } })
      const o = await placeOrder(ctx.app, ctx.t.db, token)
      await ctx.app.orders.apply(o.id, 'pay', 'system')
      await vi.waitFor(async () => expect(await sandboxCount(ctx.t.db, o.id)).toBe(1), { timeout: 8000, interval: 200 })
    })
  },
  { sweeper: true },
)

describeEachDb('messages across a restart', (ctx) => {
  it('a message enqueued by one process is sent by the next one (the outbox lives in the database)', async () => {
    const token = await login(ctx.app)
    await call(ctx.app, 'POST', '/api/messages/subscriptions', { token, body: { results: { [H5_PAID]: 'accept' } } })
    const o = await placeOrder(ctx.app, ctx.t.db, token)
    await ctx.app.orders.apply(o.id, 'pay', 'system')
    // "Restart": a new app on the same database (the first never ran its worker).
    const next = await testApp(ctx.t, { seed: false })
    try {
      await next.messages.worker.runOnce()
      expect(await outboxOf(ctx.t.db, o.id)).toMatchObject([{ event: 'order_paid', status: 'sent', attempts: 1 }])
      expect(await sandboxCount(ctx.t.db, o.id)).toBe(1)
      // The old one waking up later finds nothing to do.
      expect(await ctx.app.messages.worker.runOnce()).toBe(0)
      expect(await sandboxCount(ctx.t.db, o.id)).toBe(1)
    } finally {
      await next.close()
    }
  })
})
