import { z } from 'zod'
import { ORDER_STATUSES } from '../../../src/domain/order-state'
import { pageQuery } from '../../lib/validate'

/** `?status=&page=&pageSize=` of an order list: the shopper's and the admin's (apart from the routes, so the admin loads no shopper routes). */
export const StatusQuery = z.object({
  ...pageQuery,
  status: z
    .enum(ORDER_STATUSES, { error: `status 只能是 ${ORDER_STATUSES.join('、')}` })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .or(z.literal('all').transform(() => undefined)),
})
