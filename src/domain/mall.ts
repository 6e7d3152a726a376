/**
 * The points mall's rules on an item (src/domain/points.ts has the shapes). Pure: no I/O.
 * The console shows the same messages the server answers with.
 */
import type { MallItemInput } from './points'

export const MAX_MALL_POINTS = 10_000_000
export const MAX_MALL_STOCK = 1_000_000

/** The first thing wrong with an item, naming the field; null when it may be saved. */
export function checkMallItem(i: MallItemInput): { field: keyof MallItemInput; message: string } | null {
  if (!Number.isInteger(i.points) || i.points < 1 || i.points > MAX_MALL_POINTS) return { field: 'points', message: `积分必须是 1 到 ${MAX_MALL_POINTS} 的整数` }
  if (!Number.isInteger(i.stock) || i.stock < 0 || i.stock > MAX_MALL_STOCK) return { field: 'stock', message: `库存必须是 0 到 ${MAX_MALL_STOCK} 的整数` }
  if (i.perUserLimit !== null && (!Number.isInteger(i.perUserLimit) || i.perUserLimit < 1)) return { field: 'perUserLimit', message: '每人限兑必须是正整数，或不限' }
  if (!Number.isInteger(i.price) || i.price < 0) return { field: 'price', message: '加价金额必须是不小于 0 的整数（分）' }
  if (i.kind === 'coupon') {
    if (i.couponBatchId === null) return { field: 'couponBatchId', message: '优惠券商品请选择一个券批次' }
    if (i.skuId !== null) return { field: 'skuId', message: '优惠券商品不关联商品规格' }
  } else {
    if (i.skuId === null) return { field: 'skuId', message: '实物商品请选择商品规格' }
    if (i.couponBatchId !== null) return { field: 'couponBatchId', message: '实物商品不关联优惠券' }
  }
  // Only a product takes money: a coupon or a gift is points only (a gift ships free).
  if (i.kind !== 'product' && i.price !== 0) return { field: 'price', message: '只有实物商品可以积分 + 现金兑换' }
  return null
}
