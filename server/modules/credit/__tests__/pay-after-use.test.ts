import { expect, it } from 'vitest'
import { call, describeEachDb, skuId } from '../../../test/helpers'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'
import type { SandboxPay } from '../../../platforms'

let seq = 0
const key = () => `pau-${process.pid}-${Date.now()}-${++seq}`

describeEachDb('pay after use and idempotency keys', (ctx) => {
  const pay = () => ctx.app.payments.providers.sandbox as SandboxPay

  it('a repeated idempotency key with paymentMode pay_after_use answers the paid order and attaches no credit order to it', async () => {
    const token = await platformUser(ctx.app, 'alipay')
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const k = key()
    const first = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: k } })
    expect(first.status).toBe(201)
    expect((await call(ctx.app, 'POST', `/api/orders/${first.body.id}/pay`, { token })).status).toBe(200)
    const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1', [first.body.id])).out_trade_no
    pay().settle(out)
    expect((await postNotify(ctx.app, 'alipay', pay().alipayNotify(out))).body).toBe('success')
    const again = await call(ctx.app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 1 }], idempotencyKey: k, paymentMode: 'pay_after_use' } })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.status).toBe('paid')
    expect(again.body.credit).toBeUndefined()
    expect((await ctx.t.db.query('SELECT id FROM credit_orders WHERE order_id = $1', [first.body.id])).rows).toHaveLength(0)
    const row = await ctx.t.db.one<{ payment_mode: string; credit_order_id: number | null }>('SELECT payment_mode, credit_order_id FROM orders WHERE id = $1', [first.body.id])
    expect(row).toEqual({ payment_mode: 'pay_now', credit_order_id: null })
  })
})
