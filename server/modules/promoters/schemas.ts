import { z } from 'zod'
import { COMMISSION_STATES, MAX_RATE_BP, PROMOTER_APPLY_MODES, PROMOTER_STATUSES } from '../../../src/domain/promoters'
import { pageQuery, text } from '../../lib/validate'

const int = (label: string) => z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`)

/** PUT /api/admin/promoters/settings: shapes here; ranges and the cross-field rules are checkPromoterSettings' (a message per field). */
export const SettingsBody = z.object({
  enabled: z.boolean({ error: 'enabled 必须是 true 或 false' }),
  applyMode: z.enum(PROMOTER_APPLY_MODES, { error: `applyMode 只能是 ${PROMOTER_APPLY_MODES.join(' / ')}` }),
  lockDays: int('锁客天数'),
  level1RateBp: int('一级佣金比例'),
  level2RateBp: int('二级佣金比例'),
  minWithdrawal: int('最低提现金额'),
  dailyWithdrawalLimit: int('每日提现上限'),
  reviewAbove: int('审核金额'),
})

const rate = (label: string) => int(label).min(0, `${label}不能为负数`).max(MAX_RATE_BP, `${label}不能超过 ${MAX_RATE_BP / 100}%`).nullable()

/** PUT /api/admin/products/:id/commission-rates: null keeps the shop's rate for that level. */
export const RatesBody = z.object({ level1RateBp: rate('一级佣金比例'), level2RateBp: rate('二级佣金比例') })

export const AdminQuery = z.object({
  ...pageQuery,
  status: z.enum(PROMOTER_STATUSES, { error: '未知的推广员状态' }).optional(),
  q: text(40, '搜索').optional(),
})

export const CommissionQuery = z.object({ ...pageQuery, state: z.enum(COMMISSION_STATES, { error: '未知的佣金状态' }).optional() })
export const PageQuery = z.object({ ...pageQuery })
export const Reject = z.object({ reason: text(200, '拒绝原因', { min: 1 }) })
