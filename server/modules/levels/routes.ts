import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { parse } from '../../lib/validate'
import { adminOf } from '../staff'

const Birthday = z.object({ birthday: z.string({ error: 'birthday 应为 MM-DD' }).max(5, 'birthday 应为 MM-DD') })

const int = (label: string) => z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`)

// Shapes only; the rules (ranks, rising thresholds, ranges) are checkLadder's (src/domain/levels.ts), which names the field.
const LadderBody = z.object({
  levels: z
    .array(
      z.object({
        rank: int('rank'),
        name: z.string({ error: '等级名称必须是文字' }).max(40, '等级名称最多 10 个字'),
        threshold: int('成长值门槛'),
        benefits: z.object({
          freeShippingThreshold: int('包邮门槛').nullable(),
          pointsMultiplier: z.number({ error: '积分倍数必须是数字' }),
          birthdayCouponBatchId: int('生日券批次').nullable(),
        }),
      }),
      { error: 'levels 必须是等级列表' },
    )
    .max(20, '等级过多'),
})

/** The shopper's level (会员等级) and the public ladder. */
export async function levelRoutes(app: FastifyInstance): Promise<void> {
  const auth = { preHandler: app.authenticate }
  // Public: the "what the next level brings" page shows it before sign-in too.
  app.get('/levels', async () => ({ levels: (await app.levels.ladder()).levels }))
  app.get('/levels/me', auth, async (req) => app.levels.me(req.userId))
  app.put('/levels/me/birthday', auth, async (req) => app.levels.setBirthday(req.userId, parse(Birthday, req.body).birthday))
}

/** The console's ladder (inside the admin scope, which checks the caller and the permission). */
export async function levelAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/levels', { config: { permission: 'marketing:read' } }, async () => app.levels.ladder())
  app.put('/admin/levels', { config: { permission: 'levels:write' } }, async (req) => app.levels.saveLadder(adminOf(req), parse(LadderBody, req.body)))
}
