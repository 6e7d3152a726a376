import type { Paged, ProductDetail, ProductSummary } from '../../src/domain/contract'
import type { CreditKind } from '../../src/domain/credit'
import { formatFen, type Fen } from '../../src/domain/money'
import type { SandboxCredit } from '../../server/platforms'
import type { TestServer } from './server'

/**
 * What the credit tests need from the demo shop and the sandbox, read from the server itself:
 * a seeded rental product (ProductDetail.rental present), the credit order the platform was
 * asked to open, and the texts the app is expected to show for the server's figures.
 */

async function allProducts(server: TestServer): Promise<ProductSummary[]> {
  const out: ProductSummary[] = []
  for (let page = 1; ; page++) {
    const p = await server.get<Paged<ProductSummary>>(`/api/products?page=${page}&pageSize=20&sort=default`)
    out.push(...p.items)
    if (p.items.length === 0 || out.length >= p.total) return out
  }
}

/** A rental product in stock, the one with the smallest deposit (the power bank in the demo seed). */
export async function rentalProduct(server: TestServer): Promise<ProductDetail & { rental: NonNullable<ProductDetail['rental']> }> {
  const found: ProductDetail[] = []
  for (const s of await allProducts(server)) {
    if (s.stock <= 0) continue
    const d = await server.get<ProductDetail>(`/api/products/${s.id}`)
    if (d.rental) found.push(d)
  }
  if (found.length === 0) throw new Error('the demo seed has no rental product (no ProductDetail.rental in GET /api/products/:id)')
  found.sort((a, b) => a.rental!.deposit - b.rental!.deposit)
  return found[0] as ProductDetail & { rental: NonNullable<ProductDetail['rental']> }
}

/** A product whose detail carries a member price below its price (the seeded member_price promotion), with a SKU in stock. */
export async function memberPriceProduct(server: TestServer): Promise<{ product: ProductDetail; skuId: number }> {
  for (const s of await allProducts(server)) {
    if (s.stock <= 0) continue
    const d = await server.get<ProductDetail>(`/api/products/${s.id}`)
    if (d.rental || !d.offer?.memberPrice || d.offer.memberPrice >= d.price) continue
    const sku = [...d.skus].filter((k) => k.stock > 0).sort((a, b) => b.stock - a.stock)[0]
    if (sku) return { product: d, skuId: sku.id }
  }
  throw new Error('the demo seed has no product with a member price (ProductDetail.offer.memberPrice)')
}

/** The newest credit order of this kind: the one the platform was just asked to open (each test server has one shopper per flow). */
export async function latestCreditOrder(server: TestServer, kind: CreditKind): Promise<{ outOrderNo: string; orderId: number | null }> {
  const row = await server.app.db.maybeOne<{ out_order_no: string; order_id: number | null }>(
    'SELECT out_order_no, order_id FROM credit_orders WHERE kind = $1 ORDER BY id DESC LIMIT 1',
    [kind],
  )
  if (!row) throw new Error(`no ${kind} credit order was opened`)
  return { outOrderNo: row.out_order_no, orderId: row.order_id === null ? null : Number(row.order_id) }
}

export type Decision = 'full' | 'partial' | 'deny' | 'cancel'

/** The shopper's choice on the platform's confirm screen, through the sandbox's decide endpoint (it answers the credit order's state). */
export async function decideOverHttp(server: TestServer, outOrderNo: string, decision: Decision): Promise<{ state: string | null }> {
  // The fake host plays the platform, so it holds what only the platform and the order's shopper have: the ticket.
  const platform = server.app.credit.providers.sandbox as SandboxCredit | undefined
  if (!platform) throw new Error('the test server is not in sandbox mode')
  const res = await fetch(`${server.url}/api/sandbox/credit/${encodeURIComponent(outOrderNo)}/decide`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision, t: platform.core.ticket(outOrderNo) }),
  })
  if (!res.ok) throw new Error(`decide ${outOrderNo} ${decision} -> ${res.status} ${await res.text()}`)
  return (await res.json()) as { state: string | null }
}

/**
 * The platform's own path: the sandbox takes the decision and writes its signed callback, which
 * is POSTed to the server's credit notify endpoint over HTTP, as Pay Score / Sesame would.
 */
export async function platformNotifies(server: TestServer, outOrderNo: string, decision: Decision): Promise<{ channel: string; status: number; body: string }> {
  const platform = server.app.credit.providers.sandbox
  if (!platform) throw new Error('the test server is not in sandbox mode')
  const r = platform.decide(outOrderNo, decision)
  if (!r?.notify) throw new Error(`the sandbox sends no callback for ${decision} on ${outOrderNo}`)
  const res = await fetch(`${server.url}/api/credit/notify/${r.channel}`, { method: 'POST', headers: r.notify.headers as Record<string, string>, body: r.notify.body })
  return { channel: r.channel, status: res.status, body: await res.text() }
}

/** The out_order_no / out_agreement_no an Alipay orderStr carries in its biz_content. */
export function orderStrOutNo(orderStr: string): string | undefined {
  const biz = new URLSearchParams(orderStr).get('biz_content')
  if (!biz) return undefined
  const b = JSON.parse(biz) as Record<string, unknown>
  return String(b.out_order_no ?? b.out_agreement_no ?? '')
}

/** The waiver line the app shows for the server's cover (src/domain/credit rentalWaiverMessage's wording, written out). */
export function waiverText(cover: { deposit: Fen; waived: Fen; frozen: Fen }, service: string): string {
  if (cover.waived === cover.deposit) return `${service}已为你免除全部押金`
  if (cover.waived === 0) return `${service}暂不支持免押，需冻结押金 ${formatFen(cover.frozen)}`
  return `已免押 ${formatFen(cover.waived)}，还需冻结 ${formatFen(cover.frozen)}`
}

/** The membership page's settlement line for the server's figures. */
export function previewText(view: { savings: Fen; willPay: Fen }): string {
  if (view.savings === 0) return '本期还未使用会员价，期末无需支付'
  return `本期已省 ${formatFen(view.savings)}，期末将支付 ${formatFen(view.willPay)}`
}
