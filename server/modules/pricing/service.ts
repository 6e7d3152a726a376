import { z } from 'zod'
import type { CouponOption, LineInput, PreviewLine, PricePreview } from '../../../src/domain/contract'
import { MAX_LINES_PER_ORDER, MAX_QUANTITY_PER_LINE } from '../../../src/domain/pricing'
import { priceCart } from '../../../src/domain/promotions/engine'
import { CouponChoiceError, type HeldCoupon, type Promotion, type PricingResult } from '../../../src/domain/promotions/types'
import type { Queryable } from '../../db'
import { AppError, badInput, notFound } from '../../lib/errors'
import { id, quantity } from '../../lib/validate'
import { skusForSale, type SkuForSale } from '../catalog'
import { scopeText } from '../promotions'
import type { Shopper } from '../promotions'

export const LineInputSchema = z.object({ skuId: id, quantity })

export const LineItems = z
  .array(LineInputSchema, { error: 'items 必须是商品列表' })
  .max(MAX_LINES_PER_ORDER, `一次最多 ${MAX_LINES_PER_ORDER} 种商品`)

/** The shopper's coupon choice: absent = the engine's best, [] = none. */
export const CouponIds = z
  .array(id, { error: 'couponIds 必须是优惠券 id 列表' })
  .max(20, '一次最多选 20 张优惠券')
  .transform((ids) => [...new Set(ids)])
  .optional()

/** The same SKU twice becomes one line; the sum still obeys the per-line limit. */
export function mergeLines(items: readonly LineInput[]): LineInput[] {
  const merged = new Map<number, number>()
  for (const l of items) merged.set(l.skuId, (merged.get(l.skuId) ?? 0) + l.quantity)
  for (const [, q] of merged) if (q > MAX_QUANTITY_PER_LINE) throw badInput(`每件商品最多买 ${MAX_QUANTITY_PER_LINE} 件`)
  return [...merged].map(([skuId, q]) => ({ skuId, quantity: q }))
}

export function skuNotFound(skuId: number) {
  return notFound(`商品规格（skuId ${skuId}）`, 'SKU_NOT_FOUND')
}

/** Loads the SKUs a request names; any unknown id is a 404 naming it. */
export async function loadSkus(db: Queryable, items: readonly LineInput[]): Promise<Map<number, SkuForSale>> {
  const skus = await skusForSale(db, items.map((l) => l.skuId))
  for (const l of items) if (!skus.has(l.skuId)) throw skuNotFound(l.skuId)
  return skus
}

export interface PricingContext {
  promotions: readonly Promotion[]
  categories: ReadonlyMap<number, string>
  shopper: Shopper
  now: Date
  couponChoice: 'best' | number[]
  /** A pickup order (门店自提): no shipping fee. */
  pickup?: boolean
}

/** The engine on lines whose unit prices come from the database: whatever price a client sent never gets here. */
export function priceWithEngine(items: readonly LineInput[], skus: ReadonlyMap<number, SkuForSale>, ctx: PricingContext): PricingResult {
  try {
    return priceCart({
      lines: items.map((l) => {
        const s = skus.get(l.skuId) as SkuForSale
        return { skuId: l.skuId, productId: s.productId, categoryId: s.categoryId, unitPrice: s.unitPrice, quantity: l.quantity }
      }),
      now: ctx.now.getTime(),
      member: ctx.shopper.member,
      promotions: ctx.promotions as Promotion[],
      coupons: ctx.shopper.coupons,
      couponChoice: ctx.couponChoice,
      purchased: ctx.shopper.purchased,
      level: ctx.shopper.level,
      ...(ctx.shopper.freeShippingThreshold === null ? {} : { freeShippingThreshold: ctx.shopper.freeShippingThreshold }),
      pickup: ctx.pickup,
    })
  } catch (err) {
    // A coupon the shopper chose can't be used here (not theirs, below its threshold, doesn't stack).
    if (err instanceof CouponChoiceError) throw new AppError(409, err.code, err.message)
    throw err
  }
}

function couponOption(c: HeldCoupon, verdict: PricingResult['coupons'][number], categories: ReadonlyMap<number, string>): CouponOption {
  return {
    ...verdict,
    title: c.title,
    type: c.type,
    value: c.value,
    cap: c.cap,
    threshold: c.threshold,
    scopeText: scopeText(c.scope, categories),
    validTo: new Date(c.validTo).toISOString(),
  }
}

/** The wire preview of an engine result, with the SKUs' texts. */
export function toPreview(result: PricingResult, skus: ReadonlyMap<number, SkuForSale>, ctx: Pick<PricingContext, 'shopper' | 'categories'>): PricePreview {
  const lines: PreviewLine[] = result.lines.map((l) => {
    const s = skus.get(l.skuId) as SkuForSale
    return {
      skuId: l.skuId,
      productId: s.productId,
      title: s.title,
      image: s.image,
      specs: s.specs,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
      stock: s.stock,
      discount: l.discount,
      payable: l.payable,
      labels: l.labels,
    }
  })
  const held = new Map(ctx.shopper.coupons.map((c) => [c.id, c]))
  const coupons = result.coupons.flatMap((v) => {
    const c = held.get(v.couponId)
    return c ? [couponOption(c, v, ctx.categories)] : []
  })
  const { itemCount, subtotal, shipping, discount, total, freeShippingGap, applied, selectedCouponIds, nudges } = result
  return { lines, itemCount, subtotal, shipping, discount, total, freeShippingGap, applied, coupons, selectedCouponIds, nudges }
}

export function pricePreview(items: readonly LineInput[], skus: ReadonlyMap<number, SkuForSale>, ctx: PricingContext): PricePreview {
  return toPreview(priceWithEngine(items, skus, ctx), skus, ctx)
}

export async function previewItems(db: Queryable, items: readonly LineInput[], ctx: PricingContext): Promise<PricePreview> {
  const merged = mergeLines(items)
  return pricePreview(merged, await loadSkus(db, merged), ctx)
}
