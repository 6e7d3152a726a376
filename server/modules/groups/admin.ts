import { checkGroupDeal, type AdminGroupDeal, type AdminGroupRow, type GroupDealInput, type GroupStatus } from '../../../src/domain/groups'
import type { Db, Queryable } from '../../db'
import { AppError, notFound } from '../../lib/errors'
import type { Paged } from '../../../src/domain/contract'
import { iso, parseJson } from '../../lib/rows'
import { recordAudit, type AuditActor } from '../staff'
import { dealById, dealSkus, endDeal, insertDeal, type DealRow } from './repository'

/** The console's group deals (marketing:read / marketing:write): list, create, end early, and the groups. */
export interface GroupAdmin {
  listDeals(page: number, pageSize: number): Promise<Paged<AdminGroupDeal>>
  createDeal(actor: AuditActor, input: GroupDealInput): Promise<AdminGroupDeal>
  endDeal(actor: AuditActor, id: number): Promise<AdminGroupDeal>
  listGroups(filter: { status?: GroupStatus; dealId?: number; page: number; pageSize: number }): Promise<Paged<AdminGroupRow>>
}

async function toAdminDeals(q: Queryable, deals: DealRow[]): Promise<AdminGroupDeal[]> {
  const ids = deals.map((d) => d.id)
  // One after the other: q may be a transaction (one connection).
  const skus = await dealSkus(q, ids)
  const counts = await q.query<{ deal_id: number; status: GroupStatus; n: number }>('SELECT deal_id, status, count(*)::int AS n FROM deal_groups WHERE deal_id = ANY($1::int[]) GROUP BY deal_id, status', [ids])
  return deals.map((d) => {
    const own = skus.filter((s) => s.deal_id === d.id)
    const n = (status: GroupStatus) => counts.rows.find((c) => c.deal_id === d.id && c.status === status)?.n ?? 0
    return {
      id: d.id,
      name: d.name,
      productId: d.product_id,
      size: d.size,
      hours: d.hours,
      perUserLimit: d.per_user_limit,
      robotFill: d.robot_fill,
      startsAt: iso(d.starts_at),
      endsAt: iso(d.ends_at),
      skus: own.map((s) => ({ skuId: s.sku_id, price: s.price, stock: s.stock })),
      endedAt: d.ended_at ? iso(d.ended_at) : null,
      groups: { forming: n('forming'), succeeded: n('succeeded'), failed: n('failed') },
      sold: own.reduce((sum, s) => sum + s.sold, 0),
    }
  })
}

export function groupAdmin(db: Db, now: () => Date): GroupAdmin {
  async function one(q: Queryable, id: number): Promise<AdminGroupDeal> {
    const d = await dealById(q, id)
    if (!d) throw notFound('拼团活动', 'DEAL_NOT_FOUND')
    return (await toAdminDeals(q, [d]))[0]
  }

  return {
    async listDeals(page, pageSize) {
      const [rows, total] = await Promise.all([
        db.query<DealRow>('SELECT id, name, product_id, size, hours, per_user_limit, robot_fill, starts_at, ends_at, ended_at, created_at FROM group_deals ORDER BY id DESC LIMIT $1 OFFSET $2', [pageSize, (page - 1) * pageSize]),
        db.one<{ n: number }>('SELECT count(*)::int AS n FROM group_deals'),
      ])
      return { items: await toAdminDeals(db, rows.rows), total: total.n, page, pageSize }
    },

    async createDeal(actor, input) {
      const problem = checkGroupDeal(input)
      if (problem) throw new AppError(400, 'BAD_INPUT', problem.message, { field: problem.field })
      return db.tx(async (q) => {
        // Every SKU must be the product's own (and not archived): a deal can't sell another product's spec.
        const own = await q.query<{ id: number }>('SELECT id FROM skus WHERE product_id = $1 AND id = ANY($2::int[]) AND NOT archived', [input.productId, input.skus.map((s) => s.skuId)])
        if (own.rows.length === 0 && !(await q.maybeOne('SELECT 1 FROM products WHERE id = $1', [input.productId]))) throw notFound('商品', 'PRODUCT_NOT_FOUND')
        const bad = input.skus.findIndex((s) => !own.rows.some((r) => r.id === s.skuId))
        if (bad >= 0) throw new AppError(400, 'BAD_INPUT', '规格不属于这个商品', { field: `skus[${bad}].skuId` })
        const id = await insertDeal(
          q,
          { name: input.name.trim(), productId: input.productId, size: input.size, hours: input.hours, perUserLimit: input.perUserLimit, robotFill: input.robotFill, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), at: now() },
          input.skus,
        )
        const deal = await one(q, id)
        await recordAudit(q, actor, { action: 'group_deal.create', entity: 'group_deal', entityId: id, after: deal })
        return deal
      })
    },

    async endDeal(actor, id) {
      return db.tx(async (q) => {
        const before = await one(q, id)
        if (await endDeal(q, id, now())) await recordAudit(q, actor, { action: 'group_deal.end', entity: 'group_deal', entityId: id, before: { endedAt: before.endedAt }, after: { endedAt: now().toISOString() } })
        return one(q, id)
      })
    },

    async listGroups(f) {
      const where: string[] = []
      const params: unknown[] = []
      if (f.status) where.push(`g.status = $${params.push(f.status)}`)
      if (f.dealId) where.push(`g.deal_id = $${params.push(f.dealId)}`)
      const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const [rows, total] = await Promise.all([
        db.query<{ id: number; deal_id: number; name: string; status: GroupStatus; size: number; paid: number; leader_user_id: number; leader_nickname: string | null; created_at: Date; expires_at: Date; order_ids: number[] | string | null }>(
          `SELECT g.id, g.deal_id, d.name, g.status, g.size, g.leader_user_id, g.created_at, g.expires_at,
                  (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id AND m.status = 'paid') AS paid,
                  (SELECT u.nickname FROM users u WHERE u.id = g.leader_user_id) AS leader_nickname,
                  (SELECT json_agg(m.order_id ORDER BY m.id) FROM group_members m WHERE m.group_id = g.id) AS order_ids
           FROM deal_groups g JOIN group_deals d ON d.id = g.deal_id ${w} ORDER BY g.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, f.pageSize, (f.page - 1) * f.pageSize],
        ),
        db.one<{ n: number }>(`SELECT count(*)::int AS n FROM deal_groups g ${w}`, params),
      ])
      return {
        items: rows.rows.map((r) => ({
          id: r.id,
          promotionId: r.deal_id,
          dealName: r.name,
          status: r.status,
          size: r.size,
          paid: r.paid,
          leaderUserId: r.leader_user_id,
          leaderNickname: r.leader_nickname || null,
          createdAt: iso(r.created_at),
          expiresAt: iso(r.expires_at),
          orderIds: r.order_ids === null ? [] : parseJson(r.order_ids),
        })),
        total: total.n,
        page: f.page,
        pageSize: f.pageSize,
      }
    },
  }
}
