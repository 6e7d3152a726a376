import crypto from 'node:crypto'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { badInput, notFound } from '../../lib/errors'
import { parse } from '../../lib/validate'
import type { CreditDecision } from '../../platforms/types'

/**
 * Sandbox mode only: the platform's credit confirm, played. GET is the H5 confirm page (one
 * document, one hashed style block, no script; forms post back here only), POST .../decide is
 * what bundle tests' fake wx.openBusinessView / my.tradePay call. The decision becomes the
 * platform's signed callback, handled by the same code a real one reaches.
 */
const STYLE = `*{box-sizing:border-box;margin:0;padding:0}body{min-height:100vh;background:#f5f5f5;color:#222;font:15px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif}
.bar{height:48px;background:#fff;border-bottom:1px solid #eee;display:flex;align-items:center;justify-content:center;font-size:17px;font-weight:600}
.card{margin:12px;padding:24px 16px;border-radius:12px;background:#fff;text-align:center}.amount{margin:6px 0 6px;font-size:34px;font-weight:700}
.tip{color:#888;font-size:13px}.actions{margin:20px 12px}.actions form{margin-bottom:12px}
button{display:block;width:100%;height:48px;border-radius:24px;font:inherit;font-size:16px;cursor:pointer}
.primary{border:1px solid #1677ff;background:#1677ff;color:#fff;font-weight:600}.secondary{border:1px solid #91caff;background:#fff;color:#1677ff}.plain{border:0;background:transparent;color:#666}`
const CSP = ["default-src 'none'", `style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'`, "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ')

const Decide = z.object({ decision: z.enum(['full', 'partial', 'deny', 'cancel'], { error: 'decision 只能是 full、partial、deny、cancel' }), t: z.string().optional(), back: z.string().max(500).optional() })
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
/**
 * Where the page may send the shopper back: the H5 app's own credit pages, by hash route, with
 * plain query values, and nothing else. A prefix check is not enough: browsers read `/\\evil.example`
 * and `/%09/evil` as another host, so the whole path is matched against a fixed set.
 */
const BACK_PAGES = ['pkg-credit/rent/index', 'pkg-credit/rental/index', 'pkg-credit/rentals/index', 'pkg-credit/membership/index', 'pkg-order/order-detail/index', 'pkg-order/checkout/index']
const BACK = new RegExp(`^/(?:index\\.html)?#/(?:${BACK_PAGES.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})(?:\\?[A-Za-z0-9_=&-]{0,200})?$`)
export const safeBack = (back: string | undefined): string => (back && BACK.test(back) ? back : '/')

export async function sandboxCreditRoutes(app: FastifyInstance): Promise<void> {
  const platform = () => {
    const p = app.credit.providers.sandbox
    if (!p) throw notFound('沙箱', 'NOT_SANDBOX')
    return p
  }

  async function decide(out: string, decision: CreditDecision) {
    const result = platform().decide(out, decision)
    if (!result) throw notFound('信用订单', 'CREDIT_ORDER_NOT_FOUND')
    if (result.notify) await app.credit.handleNotify(result.channel, result.notify)
    // WeChat reports no refusal or cancel by callback: the shop learns it by asking, as its reconciler would.
    else await app.credit.reconcileByOut(out)
    const row = await app.db.maybeOne<{ state: string }>('SELECT state FROM credit_orders WHERE out_order_no = $1', [out])
    return { outOrderNo: out, decision, state: row?.state ?? null }
  }

  app.get('/sandbox/credit/:outOrderNo', async (req, reply) => {
    const { outOrderNo } = req.params as { outOrderNo: string }
    const q = req.query as { t?: string; back?: string }
    const p = platform()
    if (!q.t || !p.checkTicket(outOrderNo, q.t)) throw notFound('信用订单', 'CREDIT_ORDER_NOT_FOUND')
    const o = p.order(outOrderNo)
    if (!o) throw notFound('信用订单', 'CREDIT_ORDER_NOT_FOUND')
    const rental = o.kind === 'rental'
    const button = (d: CreditDecision, label: string, cls: string) =>
      `<form method="post" action="/api/sandbox/credit/${encodeURIComponent(outOrderNo)}/decide"><input type="hidden" name="decision" value="${d}"><input type="hidden" name="t" value="${esc(q.t ?? '')}"><input type="hidden" name="back" value="${esc(safeBack(q.back))}"><button class="${cls}">${label}</button></form>`
    const buttons = rental
      ? button('full', '全额免押', 'primary') + button('partial', '部分免押', 'secondary') + button('deny', '不免押', 'secondary') + button('cancel', '取消', 'plain')
      : button('full', '同意', 'primary') + button('deny', '拒绝', 'secondary') + button('cancel', '取消', 'plain')
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>信用确认（沙箱）</title><style>${STYLE}</style></head>
<body><div class="bar">信用确认（沙箱）</div><div class="card"><div class="tip">${rental ? '押金' : '先享后付'}</div><div class="amount">¥${(o.amount / 100).toFixed(2)}</div>
<div class="tip">订单 ${esc(outOrderNo)} · 状态 ${esc(o.state)}</div></div><div class="actions">${o.state === 'waiting' ? buttons : ''}</div></body></html>`
    return reply.header('content-security-policy', CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html)
  })

  await app.register(async (form) => {
    form.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))))
    form.post('/sandbox/credit/:outOrderNo/decide', async (req, reply) => {
      const { outOrderNo } = req.params as { outOrderNo: string }
      const input = parse(Decide, req.body)
      const fromPage = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
      // The ticket (an HMAC of the credit order number, handed only to its shopper) is what
      // stands in for the session here, whatever the body's type: order numbers are sequential.
      if (!input.t || !platform().checkTicket(outOrderNo, input.t)) throw badInput('页面已失效')
      const r = await decide(outOrderNo, input.decision)
      if (fromPage) return reply.redirect(safeBack(input.back), 303)
      return r
    })
  })
}
