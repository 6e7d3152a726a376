import { z } from 'zod'
import { AFTER_SALE_LIMITS, AFTER_SALE_STATUSES, AFTER_SALE_TYPES } from '../../../src/domain/after-sales'
import { id, idText, pageQuery, text } from '../../lib/validate'

const type = z.enum(AFTER_SALE_TYPES, { error: `type 只能是 ${AFTER_SALE_TYPES.join(' / ')}` })

/** POST /api/orders/:id/after-sales. Quantities are checked by the domain (BAD_QUANTITY, TOO_MANY), not here. */
export const RequestBody = z.object({
  type,
  lines: z
    .array(z.object({ orderItemId: id, quantity: z.number({ error: '售后数量必须是正整数' }) }), { error: '请选择要售后的商品' })
    .max(50, '一次最多申请 50 个商品'),
  reason: text(AFTER_SALE_LIMITS.reason, '售后原因', { min: 1 }),
  description: text(AFTER_SALE_LIMITS.description, '问题描述').optional(),
  photos: z
    .array(z.string().max(200, '图片地址过长'), { error: 'photos 必须是图片地址列表' })
    .max(AFTER_SALE_LIMITS.photos, `最多上传 ${AFTER_SALE_LIMITS.photos} 张图片`)
    .optional(),
})

export const Shipment = z.object({
  carrier: text(40, '快递公司', { min: 1 }),
  trackingNo: z
    .string({ error: '请填写快递单号' })
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, '快递单号只能是 4 到 40 位字母、数字或 -'),
})

export const Note = z.object({ note: text(200, '备注').optional() }).default({})
export const Refuse = z.object({ reason: text(200, '拒绝原因', { min: 1 }) })

export const MineQuery = z.object({ ...pageQuery })

export const AdminQuery = z.object({
  ...pageQuery,
  status: z.enum(AFTER_SALE_STATUSES, { error: '未知的售后状态' }).optional(),
  type: type.optional(),
  orderId: idText.optional(),
})
