import { z } from 'zod'
import { ORDER_STATUSES } from '../../../src/domain/order-state'
import { pageQuery } from '../../lib/validate'

/** `?status=&page=&pageSize=` of an order list: the shopper's and the admin's (apart from the routes, so the admin loads no shopper routes). */
export const StatusQuery = z.object({
  ...pageQuery,
  // '' and 'all' mean every status; anything else must be a status (a union would answer zod's
  // English "Invalid input" for a wrong one instead of the Chinese list).
  status: z.preprocess(
    (v) => (v === '' || v === 'all' ? undefined : v),
    z.enum(ORDER_STATUSES, { error: `status 只能是 ${ORDER_STATUSES.join('、')}` }).optional(),
  ),
})

const DAY = /^\d{4}-\d{2}-\d{2}$/
const day = (label: string) =>
  z
    .string()
    .regex(DAY, `${label}必须是 YYYY-MM-DD 日期`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label}不是有效日期`)

/** The console's order search (list and CSV export): every filter optional, combined with AND. */
export const AdminOrderQuery = StatusQuery.extend({
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  phone: z.string().regex(/^[0-9+\- ]{3,20}$/, '手机号只能包含数字').optional(),
  // Letters and digits only: it becomes a LIKE prefix, so no wildcard can get in.
  orderNo: z.string().regex(/^[A-Za-z0-9]{1,32}$/, '订单号只能包含字母和数字').optional(),
  platform: z.enum(['weapp', 'alipay', 'h5'], { error: 'platform 只能是 weapp、alipay、h5' }).optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
