import { z } from 'zod'
import { WITHDRAWAL_STATUSES } from '../../../src/domain/promoters'
import { LIMITS } from '../../../src/domain/validation'
import { pageQuery, text } from '../../lib/validate'

/** POST /api/promoters/me/withdrawals. The amount's rules (minimum, balance, daily limit) are the domain's checkWithdrawal. */
export const CreateBody = z.object({
  amount: z.number({ error: '请填写提现金额（分）' }),
  idempotencyKey: z
    .string({ error: '缺少 idempotencyKey' })
    .min(8, 'idempotencyKey 至少 8 个字符')
    .max(LIMITS.idempotencyKey, `idempotencyKey 最多 ${LIMITS.idempotencyKey} 个字符`)
    .regex(/^[\w.:-]+$/, 'idempotencyKey 只能包含字母、数字和 _ . : -'),
})

/** Ours to the platforms: 5–32 of [0-9A-Za-z]. */
export const OutBillNoParams = z.object({ outBillNo: z.string().regex(/^[0-9A-Za-z]{5,32}$/, '单号无效') })

export const AdminQuery = z.object({
  ...pageQuery,
  status: z.enum(WITHDRAWAL_STATUSES, { error: '未知的提现状态' }).optional(),
})

export const RejectBody = z.object({ reason: text(200, '驳回原因', { min: 1 }) })
