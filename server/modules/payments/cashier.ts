import crypto from 'node:crypto'
import { z } from 'zod'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SandboxCashierAnswer, SandboxCashierView } from '../../../src/domain/contract'
import { orderSummary, type OrderSummary } from '../orders'
import { conflict, notFound } from '../../lib/errors'
import { parse } from '../../lib/validate'

/**
 * Sandbox mode only: the H5 cashier page. A person pays, cancels or fails; "pay" settles the
 * trade on the sandbox platform and delivers its signed WeChat-format notify through the same
 * handler a real notify reaches. The page is opened by navigation (no session header), so a
 * ticket (HMAC of the out_trade_no) stands in for the session. Then back to the order page.
 *
 * The page is one HTML document with one <style> block and no script: its CSP allows exactly
 * that style block (by hash), forms posting back here, and nothing else.
 */

const SHOP_NAME = 'Duet 商城'

const STYLE = `
*{box-sizing:border-box;margin:0;padding:0}
html{-webkit-text-size-adjust:100%}
body{min-height:100vh;background:#f5f5f5;color:#222;font:15px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
.bar{position:relative;height:48px;background:#fff;border-bottom:1px solid #eee;display:flex;align-items:center;justify-content:center;font-size:17px;font-weight:600}
.bar h1{font-size:17px;font-weight:600}
.chip{position:absolute;right:12px;top:13px;padding:1px 8px;border-radius:10px;background:#fff3e0;color:#e65100;font-size:12px;font-weight:500;line-height:20px}
.notice{display:flex;gap:8px;align-items:flex-start;margin:12px;padding:10px 12px;border-radius:8px;background:#fff8e1;border:1px solid #ffe0a3;color:#8a5300;font-size:13px}
.notice b{display:block;font-size:14px;color:#7a4a00}
.notice .mark{flex:none;width:18px;height:18px;border-radius:50%;background:#f5a623;color:#fff;font-weight:700;font-size:12px;line-height:18px;text-align:center;margin-top:1px}
.card{margin:12px;padding:24px 16px 8px;border-radius:12px;background:#fff;text-align:center}
.shop{color:#666;font-size:14px}
.amount{margin:6px 0 18px;font-size:40px;font-weight:700;letter-spacing:.5px;font-variant-numeric:tabular-nums;color:#111}
dl{border-top:1px solid #f0f0f0;text-align:left}
dl div{display:flex;justify-content:space-between;gap:16px;padding:11px 0;border-bottom:1px solid #f5f5f5;font-size:14px}
dl div:last-child{border-bottom:0}
dt{flex:none;color:#888}
dd{min-width:0;text-align:right;word-break:break-all;color:#333}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.actions{margin:20px 12px 0}
.actions form{margin-bottom:12px}
button,.link{display:block;width:100%;height:48px;border-radius:24px;font:inherit;font-size:16px;cursor:pointer;text-align:center;line-height:46px;text-decoration:none}
.primary{border:1px solid #ff4f3f;background:#ff4f3f;color:#fff;font-weight:600;font-size:17px}
.primary:active{background:#e5412f}
.secondary{border:1px solid #ffb3ab;background:#fff;color:#ff4f3f}
.plain{border:0;background:transparent;color:#666;height:40px;line-height:40px}
button:focus-visible,.link:focus-visible{outline:3px solid #ffb3ab;outline-offset:2px}
.state{margin:12px;padding:28px 16px;border-radius:12px;background:#fff;text-align:center}
.state .icon{width:56px;height:56px;margin:0 auto 12px;border-radius:50%;color:#fff;font-size:30px;line-height:56px;font-weight:700}
.state.paid .icon{background:#2bb673}
.state.closed .icon{background:#b8b8b8}
.state h2{font-size:18px;margin-bottom:4px}
.state p{color:#888;font-size:13px}
.state .link{margin-top:20px;border:1px solid #ddd;color:#333;background:#fff}
.foot{margin:20px 16px 32px;color:#aaa;font-size:12px;text-align:center}
`
const STYLE_HASH = crypto.createHash('sha256').update(STYLE).digest('base64')

/** Exactly the one style block; no script, no images, no fonts, no frames; forms post back here only. */
export const CASHIER_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

const esc = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

interface CashierView {
  out: string
  t: string
  orderId: number
  orderNo: string
  amount: number
  status: string
  description: string
}

const STATE_TEXT: Record<string, { cls: 'paid' | 'closed'; icon: string; title: string; text: string }> = {
  paid: { cls: 'paid', icon: '✓', title: '该支付单已支付', text: '无需再次付款，订单状态以订单页为准。' },
  paid_unpayable: { cls: 'closed', icon: '!', title: '该支付单已支付，但订单已关闭', text: '这笔款项会原路退回。' },
  closed: { cls: 'closed', icon: '×', title: '该支付单已关闭', text: '订单已取消、已超时或已换用其他支付单，请回到订单页查看。' },
}

export function cashierPage(v: CashierView, back: (orderId: number) => string): string {
  const hidden = `<input type="hidden" name="out" value="${esc(v.out)}"><input type="hidden" name="t" value="${esc(v.t)}">`
  const form = (action: string, cls: string, label: string) =>
    `<form method="post" action="/api/payments/sandbox/cashier/${action}">${hidden}<button type="submit" class="${cls}">${label}</button></form>`
  const state = STATE_TEXT[v.status] ?? { cls: 'closed', icon: '!', title: `该支付单状态：${v.status}`, text: '请回到订单页查看。' }
  const body =
    v.status === 'pending'
      ? `<div class="actions">${form('pay', 'primary', '确认支付')}${form('fail', 'secondary', '模拟支付失败')}${form('cancel', 'plain', '取消支付')}</div>`
      : `<section class="state ${state.cls}" role="status"><div class="icon" aria-hidden="true">${state.icon}</div><h2>${esc(state.title)}</h2><p>${esc(state.text)}</p><a class="link" href="${esc(back(v.orderId))}">返回订单</a></section>`
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="referrer" content="no-referrer"><meta name="theme-color" content="#ffffff"><title>沙箱收银台 - ${esc(SHOP_NAME)}</title>
<style>${STYLE}</style></head>
<body>
<header class="bar"><h1>沙箱收银台</h1><span class="chip">测试环境</span></header>
<div class="notice" role="note"><span class="mark" aria-hidden="true">!</span><div><b>沙箱模拟支付，不会扣款</b>这是开发和演示用的收银台，不连接微信支付或支付宝。</div></div>
<main class="card">
<p class="shop">${esc(SHOP_NAME)}</p>
<p class="amount" id="amount">${yuan(v.amount)}</p>
<dl>
<div><dt>订单号</dt><dd class="mono">${esc(v.orderNo)}</dd></div>
<div><dt>商品</dt><dd>${esc(v.description)}</dd></div>
<div><dt>支付单号</dt><dd class="mono">${esc(v.out)}</dd></div>
</dl>
</main>
${body}
<p class="foot">${esc(SHOP_NAME)} · 沙箱模式</p>
</body></html>`
}

function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header('content-security-policy', CASHIER_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    // The URL carries the ticket: no referrer leaves the page, and nothing keeps a copy.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html)
}

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
  const orderPage = (orderId: number) => `/#/pkg-order/order-detail/index?id=${orderId}`

  app.get('/payments/sandbox/cashier', async (req, reply) => {
    const p = await trade(req.query)
    const o = (await orderSummary(app.db, p.order_id)) as OrderSummary
    const description = o.title ? (o.lines > 1 ? `${o.title} 等${o.lines}件商品` : o.title) : `订单 ${o.orderNo}`
    return sendPage(reply, cashierPage({ out: p.out, t: p.t, orderId: p.order_id, orderNo: o.orderNo, amount: p.amount, status: p.status, description }, orderPage))
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

const AppCashierQuery = z.object({ out: z.string().min(1).max(64), t: z.string().min(1).max(128) })
const AppCashierBody = AppCashierQuery.extend({ decision: z.enum(['pay', 'fail', 'cancel'], { error: 'decision 只能是 pay、fail、cancel' }) })

/**
 * Sandbox mode only: the mini-programs' in-app sandbox cashier (pkg-order/sandbox-cashier). The
 * IDEs can't pay a sandbox trade, so when wx.requestPayment / my.tradePay fails the app opens its
 * own page with the ticket the pay answer carried. Unlike the H5 page it calls with the session:
 * every call needs the shopper's session AND the attempt's ticket, for a WeChat Pay / Alipay
 * attempt of the caller's own order that the sandbox platform knows; anything else is 404.
 * "pay" settles the trade and delivers the platform's own signed notify (WeChat's or Alipay's)
 * through the same handler a real notify reaches.
 */
export async function sandboxAppCashierRoutes(app: FastifyInstance): Promise<void> {
  const platform = app.payments.providers.sandbox
  if (!app.sandbox || !platform) return
  app.addHook('preHandler', app.authenticate)

  async function attempt(userId: number, out: string, t: string) {
    const row = await app.db.maybeOne<{ order_id: number; order_no: string; amount: number; status: SandboxCashierView['status']; provider: 'wechat' | 'alipay' }>(
      `SELECT p.order_id, o.order_no, p.amount, p.status, p.provider FROM payments p JOIN orders o ON o.id = p.order_id
       WHERE p.out_trade_no = $1 AND p.provider IN ('wechat', 'alipay') AND o.user_id = $2`,
      [out, userId],
    )
    const trade = platform?.trade(out)
    if (!row || !trade || trade.channel !== (row.provider === 'wechat' ? 'wechat' : 'alipay') || !platform?.checkTicket(out, t)) throw notFound('支付单', 'PAYMENT_NOT_FOUND')
    return row
  }

  app.get('/payments/sandbox/app-cashier', async (req): Promise<SandboxCashierView> => {
    const { out, t } = parse(AppCashierQuery, req.query)
    const p = await attempt(req.userId, out, t)
    const o = await app.db.one<{ title: string | null; n: number }>(
      'SELECT (SELECT title FROM order_items WHERE order_id = $1 ORDER BY id LIMIT 1) AS title, (SELECT count(*)::int FROM order_items WHERE order_id = $1) AS n',
      [p.order_id],
    )
    const description = o.title ? (o.n > 1 ? `${o.title} 等${o.n}件商品` : o.title) : `订单 ${p.order_no}`
    return { outTradeNo: out, orderId: p.order_id, orderNo: p.order_no, amount: p.amount, description, status: p.status }
  })

  app.post('/payments/sandbox/app-cashier', async (req): Promise<SandboxCashierAnswer> => {
    const { out, t, decision } = parse(AppCashierBody, req.body)
    const p = await attempt(req.userId, out, t)
    // Failing or leaving changes nothing: the order waits to be paid again or to expire.
    if (decision !== 'pay') return { orderId: p.order_id, result: decision === 'fail' ? 'failed' : 'cancelled' }
    if (p.status === 'paid') return { orderId: p.order_id, result: 'paid' }
    if (p.status !== 'pending') throw conflict('INVALID_STATE', '该支付单已关闭，请回到订单页查看')
    platform.settle(out)
    const r = p.provider === 'wechat' ? await app.payments.handleNotify('wechat', platform.wechatNotify(out)) : await app.payments.handleNotify('alipay', platform.alipayNotify(out))
    return { orderId: p.order_id, result: r.outcome === 'paid' || r.outcome === 'duplicate' ? 'paid' : 'failed' }
  })
}
