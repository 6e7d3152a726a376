import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { pageQuery, parse } from '../../lib/validate'
import { adminOf } from '../staff'

const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month 格式应为 YYYY-MM').optional() })
const PageQuery = z.object(pageQuery)

const int = (label: string) => z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`)

// Shapes only; the ranges are checkPointsSettings' (src/domain/points.ts), which names the field.
const SettingsBody = z.object({
  earnPerYuan: int('每元积分'),
  checkIn: z.object({ daily: int('每日签到积分'), streakBonuses: z.array(z.object({ day: int('连续天数'), points: int('奖励积分') })).max(10, '连续签到奖励最多 10 档') }),
  review: z.object({ points: int('评价积分'), photoBonus: int('晒图奖励积分') }),
  referral: z.object({ inviter: int('邀请人奖励积分'), friend: int('好友奖励积分') }),
  redeem: z.object({ pointsPerYuan: int('抵扣比例'), maxPercent: int('抵扣上限') }),
  expiry: z.object({ yearsAfter: int('积分有效期') }),
})

/** The shopper's points (积分) and check-in (签到). */
export async function pointsRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.post('/check-in', async (req) => app.points.checkIn(req.userId))
  app.get('/check-in', async (req) => app.points.calendar(req.userId, parse(MonthQuery, req.query).month))
  app.get('/points', async (req) => {
    const q = parse(PageQuery, req.query)
    return app.points.view(req.userId, q.page ?? 1, q.pageSize ?? 20)
  })
}

/** The console's points settings (inside the admin scope, which checks the caller and the permission). */
export async function pointsAdminRoutes(app: FastifyInstance): Promise<void> {
  const read = { config: { permission: 'marketing:read' as const } }
  const write = { config: { permission: 'marketing:write' as const } }
  app.get('/admin/points/settings', read, async () => app.points.settings())
  app.put('/admin/points/settings', write, async (req) => app.points.saveSettings(adminOf(req), parse(SettingsBody, req.body)))
}
