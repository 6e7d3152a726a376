import type { AppliedDiscount, CouponCenterEntry, Nudge, Paged, PricePreview, ProductDetail, ProductSummary, Sku } from '../../src/domain/contract'
import { formatFen, type Fen } from '../../src/domain/money'
import type { FullReductionPromotion, LimitedTimePromotion, Promotion, Scope } from '../../src/domain/promotions/types'
import { TEST_ADMIN_TOKEN, type TestServer } from './server'

/**
 * What the promotions tests need to know about the demo shop, read from the server itself
 * (its admin endpoints and its own previews), never written down here: which 满减 is running,
 * which SKU and quantity cross its first tier, which batches the coupon centre offers, and
 * how the app is expected to lay a breakdown out.
 */

type AdminPromotion = Promotion & { status: 'scheduled' | 'running' | 'over' | 'ended' }
interface AdminBatch {
  id: number
  title: string
  type: 'amount' | 'percent'
  threshold: Fen
  scope: Scope
  combinesWith: string[]
}

async function admin<T>(server: TestServer, apiPath: string): Promise<T> {
  return server.get<T>(apiPath, TEST_ADMIN_TOKEN)
}

export async function runningPromotions(server: TestServer): Promise<AdminPromotion[]> {
  const page = await admin<Paged<AdminPromotion>>(server, '/api/admin/promotions?page=1&pageSize=50')
  return page.items.filter((p) => p.status === 'running')
}

export async function couponBatches(server: TestServer): Promise<AdminBatch[]> {
  return (await admin<Paged<AdminBatch>>(server, '/api/admin/coupon-batches?page=1&pageSize=50')).items
}

/** The seeded whole-shop 满减 by amount with at least one tier (满199减20, 满299减40). */
export async function shopFullReduction(server: TestServer): Promise<FullReductionPromotion> {
  const found = (await runningPromotions(server)).find(
    (p): p is FullReductionPromotion & AdminPromotion => p.kind === 'full_reduction' && p.basis === 'amount' && p.scope.type === 'all' && !p.repeat,
  )
  if (!found) throw new Error('the demo seed has no running whole-shop 满减 by amount (GET /api/admin/promotions)')
  return found
}

export async function limitedOffer(server: TestServer): Promise<LimitedTimePromotion> {
  const found = (await runningPromotions(server)).find((p): p is LimitedTimePromotion & AdminPromotion => p.kind === 'limited_time' && p.items.some((i) => i.stockLeft > 0))
  if (!found) throw new Error('the demo seed has no running limited-time offer with stock (GET /api/admin/promotions)')
  return found
}

async function allProducts(server: TestServer): Promise<ProductSummary[]> {
  const out: ProductSummary[] = []
  for (let page = 1; ; page++) {
    const p = await server.get<Paged<ProductSummary>>(`/api/products?page=${page}&pageSize=20&sort=default`)
    out.push(...p.items)
    if (p.items.length === 0 || out.length >= p.total) return out
  }
}

export interface TierCrossing {
  product: ProductDetail
  sku: Sku
  /** One unit short of the first tier ... */
  below: number
  /** ... and the quantity that reaches it (and stays under the next tier). */
  at: number
  promotion: FullReductionPromotion
}

/**
 * A SKU and a quantity that cross the 满减's first tier by one unit, on a product no other
 * promotion or coupon scope touches (so the 满减 and a shop coupon are what price it; the
 * breakdown is still compared with the server's, whatever it is). Checked against the
 * server's own preview: `below` units get a nudge and no 满减, `at` units get the 满减.
 */
export async function tierCrossing(server: TestServer, token: string): Promise<TierCrossing> {
  const promotion = await shopFullReduction(server)
  const [first, second] = promotion.tiers
  const running = await runningPromotions(server)
  const batches = await couponBatches(server)
  const scopes = [...running.filter((p) => p.kind !== 'full_reduction').map((p) => ('scope' in p ? p.scope : null)), ...batches.map((b) => b.scope)]
  const offerSkus = new Set(running.flatMap((p) => (p.kind === 'limited_time' ? p.items.map((i) => i.skuId) : [])))
  const touched = (product: ProductSummary) =>
    scopes.some((s) => s !== null && ((s.type === 'products' && s.productIds.includes(product.id)) || (s.type === 'categories' && s.categoryIds.includes(product.categoryId))))

  for (const summary of await allProducts(server)) {
    if (summary.stock <= 0 || touched(summary)) continue
    const product = await server.get<ProductDetail>(`/api/products/${summary.id}`)
    for (const sku of [...product.skus].sort((a, b) => b.stock - a.stock)) {
      if (offerSkus.has(sku.id)) continue
      const at = Math.ceil(first.threshold / sku.price)
      if (at < 2 || at > sku.stock || at > 20 || (second && at * sku.price >= second.threshold)) continue
      const preview = (q: number) => server.post<PricePreview>('/api/orders/preview', { items: [{ skuId: sku.id, quantity: q }], couponIds: [] }, token)
      const [under, over] = await Promise.all([preview(at - 1), preview(at)])
      const applies = (p: PricePreview) => p.applied.some((a) => a.source === 'promotion' && a.id === promotion.id)
      if (applies(under) || !applies(over) || !under.nudges.some((n) => n.promotionId === promotion.id)) continue
      return { product, sku, below: at - 1, at, promotion }
    }
  }
  throw new Error(`no SKU crosses ${promotion.name}'s first tier (${first.threshold} fen) by one unit`)
}

/** A batch the coupon centre offers to everyone that a whole-shop order can use (满100减10). */
export async function shopCoupon(server: TestServer, token: string, under: Fen): Promise<CouponCenterEntry> {
  const batches = await couponBatches(server)
  const center = (await server.get<{ items: CouponCenterEntry[] }>('/api/coupons/center', token)).items
  const entry = center.find((e) => {
    const b = batches.find((x) => x.id === e.batchId)
    return e.canClaim && b?.scope.type === 'all' && b.type === 'amount' && b.threshold > 0 && b.threshold <= under && b.combinesWith.includes('full_reduction')
  })
  if (!entry) throw new Error(`the coupon centre offers no whole-shop amount coupon with a threshold up to ${under} fen`)
  return entry
}

/**
 * The rows PriceBreakdown (src/components/price-breakdown) shows for the server's numbers, as
 * text with the whitespace taken out: 商品金额, one row per discount the server applied
 * (coupons as 优惠券 + their label), 运费, and the total under its label.
 */
export function breakdownRows(prices: { subtotal: Fen; shipping: Fen; discount: Fen; total: Fen }, applied: readonly AppliedDiscount[], totalLabel: string): string[] {
  const rows = applied.filter((d) => d.amount > 0)
  return [
    `商品金额${formatFen(prices.subtotal)}`,
    ...rows.map((d) => `${d.source === 'coupon' ? `优惠券${d.label}` : d.label}-${formatFen(d.amount)}`),
    ...(rows.length === 0 && prices.discount > 0 ? [`优惠-${formatFen(prices.discount)}`] : []),
    `运费${prices.shipping > 0 ? formatFen(prices.shipping) : '免运费'}`,
    `${totalLabel}${formatFen(prices.total)}`,
  ]
}

export function nudgeTexts(nudges: readonly Nudge[]): string[] {
  return nudges.map((n) => `${n.label}${n.message}`)
}

export const squash = (s: string) => s.replace(/\s+/g, '')

/** "3天 05:00:00" / "05:00:00" -> milliseconds. */
export function countdownMs(text: string): number {
  const m = /(?:(\d+)天\s*)?(\d{2}):(\d{2}):(\d{2})/.exec(text)
  if (!m) throw new Error(`not a countdown: ${text}`)
  return ((Number(m[1] ?? 0) * 24 + Number(m[2])) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1000
}
