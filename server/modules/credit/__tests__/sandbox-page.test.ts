import { describe, expect, it } from 'vitest'
import { call, describeEachDb, login, productId, skuId } from '../../../test/helpers'
import type { SandboxCredit } from '../../../platforms'
import { safeBack } from '../sandbox-page'

describe('sandbox confirm page: where it sends the shopper back', () => {
  it.each([
    '/#/pkg-credit/rental/index?id=5',
    '/#/pkg-credit/membership/index',
    '/#/pkg-order/order-detail/index?id=77',
    '/index.html#/pkg-credit/rent/index?id=3&days=2',
  ])('keeps the app page %s', (back) => expect(safeBack(back)).toBe(back))

  it.each([
    '/\\evil.example/x',
    '/%09/evil',
    '/\t/evil',
    '//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/#/pkg-credit/rental/index?next=https://evil.example',
    '/#//evil.example',
    '/api/admin/orders',
    '/#/pkg-credit/rental/index?id=5#x',
    '/#/pkg-credit/rental/index/../../x',
  ])('sends %s home instead', (back) => expect(safeBack(back)).toBe('/'))
})

describeEachDb('sandbox credit decide needs its ticket', (ctx) => {
  async function rental(token: string) {
    const pid = await productId(ctx.t.db, 'hoodie')
    await ctx.t.db.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, 3000, 500, 1, 5) ON CONFLICT DO NOTHING', [pid])
    const res = await call(ctx.app, 'POST', '/api/rentals', { token, body: { skuId: await skuId(ctx.t.db, 'hoodie', { 尺码: 'L' }), days: 2, idempotencyKey: `ticket-${Date.now()}` } })
    expect(res.status).toBe(201)
    return res.body as { credit: { id: number; rentalNo: string } }
  }
  const decide = (out: string, body: Record<string, string>, form = false) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/sandbox/credit/${encodeURIComponent(out)}/decide`,
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      payload: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    })

  it("a stranger can't decide another shopper's rental with a JSON body (no ticket, a wrong one, another order's)", async () => {
    const owner = await login(ctx.app, 'ticket-owner')
    const r = await rental(owner)
    const other = await rental(await login(ctx.app, 'ticket-other'))
    const out = r.credit.rentalNo
    const sandbox = ctx.app.credit.providers.sandbox as SandboxCredit
    for (const body of [{ decision: 'deny' } as Record<string, string>, { decision: 'deny', t: 'x'.repeat(43) }, { decision: 'deny', t: sandbox.core.ticket(other.credit.rentalNo) }]) {
      const res = await decide(out, body)
      expect(res.statusCode).toBe(400)
    }
    expect((await decide(out, { decision: 'deny' }, true)).statusCode).toBe(400)
    const state = await ctx.t.db.one<{ state: string }>('SELECT state FROM credit_orders WHERE out_order_no = $1', [out])
    expect(state.state).toBe('created')
    // With its own ticket the decision goes through, and the page's form is sent to a safe place.
    const ok = await decide(out, { decision: 'full', t: sandbox.core.ticket(out), back: '/\\evil.example/x' }, true)
    expect(ok.statusCode).toBe(303)
    expect(ok.headers.location).toBe('/')
  })
})
