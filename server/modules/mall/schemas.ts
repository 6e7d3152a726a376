import { z } from 'zod'
import { MALL_ITEM_KINDS } from '../../../src/domain/points'
import { id, pageQuery, text } from '../../lib/validate'

const int = (label: string) => z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`)

/** POST /api/points/redeem (fixed: itemId, addressId?). */
export const RedeemBody = z.object({
  itemId: id,
  addressId: id.optional(),
  idempotencyKey: z.string().min(8, 'idempotencyKey 至少 8 个字符').max(64, 'idempotencyKey 最多 64 个字符').optional(),
})

/** POST / PUT /api/admin/mall-items: shapes here; ranges and the cross-field rules are checkMallItem's. */
export const MallItemBody = z.object({
  kind: z.enum(MALL_ITEM_KINDS, { error: `kind 只能是 ${MALL_ITEM_KINDS.join(' / ')}` }),
  title: text(40, '名称', { min: 1 }),
  image: text(500, '图片', { min: 1 }),
  points: int('积分'),
  price: int('加价金额').default(0),
  stock: int('库存'),
  perUserLimit: int('每人限兑').nullable().default(null),
  couponBatchId: id.nullable().default(null),
  skuId: id.nullable().default(null),
  active: z.boolean({ error: 'active 必须是 true 或 false' }).default(true),
})

export const PageQuery = z.object({ ...pageQuery })
