import type { FastifyInstance } from 'fastify'
import { notFound } from '../../lib/errors'

/**
 * Sandbox mode only: the H5 cashier page. A person pays, cancels or fails; "pay" settles the
 * trade on the sandbox platform and delivers its signed WeChat-format notify through the same
 * handler a real notify reaches. The page is opened by navigation (no session header), so a
 * ticket (HMAC of the out_trade_no) stands in for the session. Then back to the order page.
 */
export async function sandboxCashierRoutes(app: FastifyInstance): Promise<void> {
  const platform = app.payments.providers.sandbox
  if (!platform || !app.payments.providers.byId.sandbox) return
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))))

  async function trade(input: unknown) {
    const { out = '', t = '' } = (input ?? {}) as { out?: string; t?: string }
    const row = await app.db.maybeOne<{ order_id: number; amount: number; status: string }>("SELECT order_id, amount, status FROM payments WHERE out_trade_no = $1 AND provider = 'sandbox'", [String(out)])
    if (!row || !platform?.trade(String(out)) || !platform.checkTicket(String(out), String(t))) throw notFound('支付单', 'PAYMENT_NOT_FOUND')
    return { out: String(out), t: String(t), ...row }
  }
  const back = (orderId: number, result: string) => `/#/pkg-order/order-detail/index?id=${orderId}&pay=${result}`

  app.get('/payments/sandbox/cashier', async (req, reply) => {
    const p = await trade(req.query)
    const esc = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    const form = (action: string, label: string) =>
      `<form method="post" action="/api/payments/sandbox/cashier/${action}"><input type="hidden" name="out" value="${esc(p.out)}"><input type="hidden" name="t" value="${esc(p.t)}"><button>${label}</button></form>`
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>沙箱收银台</title></head><body><h1>沙箱收银台</h1><p>这是开发用的模拟支付，不会产生真实扣款。</p><p>支付单 ${esc(p.out)}</p><p id="amount">¥${(p.amount / 100).toFixed(2)}</p>${
          p.status === 'pending' ? form('pay', '确认支付') + form('fail', '模拟支付失败') + form('cancel', '取消支付') : `<p>该支付单状态：${esc(p.status)}</p>`
        }</body></html>`,
      )
  })

  app.post('/payments/sandbox/cashier/pay', async (req, reply) => {
    const p = await trade(req.body)
    platform.settle(p.out)
    const r = await app.payments.handleNotify('wechat', platform.wechatNotify(p.out))
    return reply.redirect(back(p.order_id, r.outcome === 'paid' || r.outcome === 'duplicate' ? 'paid' : 'failed'), 303)
  })

  app.post('/payments/sandbox/cashier/cancel', async (req, reply) => {
    // The shopper left the cashier: nothing changes, the order waits to be paid again or to expire.
    const p = await trade(req.body)
    return reply.redirect(back(p.order_id, 'cancelled'), 303)
  })

  app.post('/payments/sandbox/cashier/fail', async (req, reply) => {
    const p = await trade(req.body)
    return reply.redirect(back(p.order_id, 'failed'), 303)
  })
}
