import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { call, describeEachDb, login, skuId } from '../../../test/helpers'
import { CASHIER_CSP, cashierPage } from '../cashier'

const BUTTONS = ['确认支付', '模拟支付失败', '取消支付']
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
let seq = 0

/** The <button> labels and the form actions of a page. */
function actions(html: string) {
  return {
    buttons: [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]),
    forms: [...html.matchAll(/<form method="post" action="([^"]+)">/g)].map((m) => m[1]),
    hidden: [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  }
}

function expectStrictPage(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
  const csp = String(res.headers['content-security-policy'])
  expect(csp).toBe(CASHIER_CSP)
  expect(csp).toContain("default-src 'none'")
  expect(csp).toContain("form-action 'self'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).not.toMatch(/unsafe-|script-src|\*/)
  // The one style block is the one the policy names by hash; the page has no script and no style attribute.
  const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1])
  expect(styles).toHaveLength(1)
  expect(csp).toContain(`'sha256-${crypto.createHash('sha256').update(styles[0]).digest('base64')}'`)
  expect(res.body).not.toMatch(/<script|\sstyle=|\son\w+=|<link|<img|https?:\/\//i)
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.body).toContain('沙箱模拟支付，不会扣款')
  expect(res.body).toContain('<html lang="zh-CN">')
}

describe('cashier page markup', () => {
  const view = { out: '"><script>alert(1)</script>', t: "t'&<", orderId: 7, orderNo: '2026<u>', amount: 12345, status: 'pending', description: '<i>杯子</i> 等2件商品' }

  it('escapes every value it shows or posts back', () => {
    const html = cashierPage(view, (id) => `/#/pkg-order/order-detail/index?id=${id}`)
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<u>')
    expect(html).not.toContain('<i>')
    expect(html).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(actions(html).hidden).toContainEqual(['out', '&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;'])
    expect(actions(html).hidden).toContainEqual(['t', 't&#39;&#38;&#60;'])
    expect(html).toContain('¥123.45')
  })

  it('shows the three actions only while pending; a paid or closed attempt gets its state and a way back', () => {
    expect(actions(cashierPage(view, () => '/x')).buttons).toEqual(BUTTONS)
    for (const [status, text] of [
      ['paid', '该支付单已支付'],
      ['closed', '该支付单已关闭'],
      ['paid_unpayable', '原路退回'],
    ]) {
      const html = cashierPage({ ...view, status }, (id) => `/#/pkg-order/order-detail/index?id=${id}`)
      expect(actions(html)).toEqual({ buttons: [], forms: [], hidden: [] })
      expect(html).toContain(text)
      expect(html).toContain('href="/#/pkg-order/order-detail/index?id=7"')
    }
  })
})

describeEachDb('sandbox cashier page', (ctx) => {
  async function cashier(app: FastifyInstance): Promise<{ token: string; orderId: number; total: number; url: string; out: string; t: string }> {
    const token = await login(app)
    const mug = await skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const o = await call(app, 'POST', '/api/orders', { token, body: { items: [{ skuId: mug, quantity: 2 }], idempotencyKey: `cashier-${process.pid}-${++seq}` } })
    expect(o.status).toBe(201)
    const pay = await call(app, 'POST', `/api/orders/${o.body.id}/pay`, { token })
    expect(pay.status).toBe(200)
    const q = new URL(pay.body.cashierUrl, 'http://x').searchParams
    return { token, orderId: o.body.id, total: o.body.total, url: pay.body.cashierUrl, out: q.get('out') as string, t: q.get('t') as string }
  }

  it('pending: a strict HTML page with the amount, the order number, the notice and the three actions posting out and t', async () => {
    const c = await cashier(ctx.app)
    const res = await ctx.app.inject({ method: 'GET', url: c.url })
    expectStrictPage(res)
    expect(res.body).toContain(`¥${(c.total / 100).toFixed(2)}`)
    const orderNo = (await ctx.t.db.one<{ order_no: string }>('SELECT order_no FROM orders WHERE id = $1', [c.orderId])).order_no
    expect(res.body).toContain(orderNo)
    expect(res.body).toContain(c.out)
    const a = actions(res.body)
    expect(a.buttons).toEqual(BUTTONS)
    expect(a.forms).toEqual(['/api/payments/sandbox/cashier/pay', '/api/payments/sandbox/cashier/fail', '/api/payments/sandbox/cashier/cancel'])
    expect(a.hidden).toEqual([
      ['out', c.out],
      ['t', c.t],
      ['out', c.out],
      ['t', c.t],
      ['out', c.out],
      ['t', c.t],
    ])
  })

  it('after paying: the paid state, no actions; paying again still lands on paid', async () => {
    const c = await cashier(ctx.app)
    const payload = new URLSearchParams({ out: c.out, t: c.t }).toString()
    const paid = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/pay', headers: FORM, payload })
    expect(paid.statusCode).toBe(303)
    expect(paid.headers.location).toBe(`/#/pkg-order/order-detail/index?id=${c.orderId}&pay=paid`)
    const res = await ctx.app.inject({ method: 'GET', url: c.url })
    expectStrictPage(res)
    expect(res.body).toContain('该支付单已支付')
    expect(actions(res.body).buttons).toEqual([])
    expect(res.body).toContain(`href="/#/pkg-order/order-detail/index?id=${c.orderId}"`)
    const again = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/pay', headers: FORM, payload })
    expect(again.headers.location).toBe(`/#/pkg-order/order-detail/index?id=${c.orderId}&pay=paid`)
  })

  it('fail and cancel change nothing and go back with their result; a cancelled order closes the attempt', async () => {
    const c = await cashier(ctx.app)
    const payload = new URLSearchParams({ out: c.out, t: c.t }).toString()
    const fail = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/fail', headers: FORM, payload })
    expect(fail.statusCode).toBe(303)
    expect(fail.headers.location).toBe(`/#/pkg-order/order-detail/index?id=${c.orderId}&pay=failed`)
    const cancel = await ctx.app.inject({ method: 'POST', url: '/api/payments/sandbox/cashier/cancel', headers: FORM, payload })
    expect(cancel.headers.location).toBe(`/#/pkg-order/order-detail/index?id=${c.orderId}&pay=cancelled`)
    expect(actions((await ctx.app.inject({ method: 'GET', url: c.url })).body).buttons).toEqual(BUTTONS)

    expect((await call(ctx.app, 'POST', `/api/orders/${c.orderId}/cancel`, { token: c.token })).status).toBe(200)
    const res = await ctx.app.inject({ method: 'GET', url: c.url })
    expectStrictPage(res)
    expect(res.body).toContain('该支付单已关闭')
    expect(actions(res.body).buttons).toEqual([])
  })

  it('a wrong ticket or an unknown attempt is a 404, not a page', async () => {
    const c = await cashier(ctx.app)
    const bad = await ctx.app.inject({ method: 'GET', url: `/api/payments/sandbox/cashier?out=${encodeURIComponent(c.out)}&t=nope` })
    expect(bad.statusCode).toBe(404)
    expect(bad.headers['content-type']).toMatch(/^application\/json/)
    expect((await ctx.app.inject({ method: 'GET', url: `/api/payments/sandbox/cashier?out=%3Cscript%3E&t=${c.t}` })).statusCode).toBe(404)
  })
})
