import {
  SEAT_HOLDING,
  maskNickname,
  seatsLeft,
  type GroupDealView,
  type GroupView,
  type OpenGroupView,
} from '../../../src/domain/groups'
import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'
import { dealById, dealSkus, groupById, liveDeals, membersOf, type DealRow, type GroupRow } from './repository'

/** What the cards show of a product: title, first picture, regular lowest price (read from the catalog's tables). */
interface ProductFacts {
  title: string
  image: string
  regularPrice: number
}

async function productFacts(q: Queryable, ids: number[]): Promise<Map<number, ProductFacts>> {
  if (ids.length === 0) return new Map()
  const r = await q.query<{ id: number; title: string; images: string[] | string; price: number | null }>(
    'SELECT p.id, p.title, p.images, (SELECT min(k.price) FROM skus k WHERE k.product_id = p.id AND NOT k.archived) AS price FROM products p WHERE p.id = ANY($1::int[])',
    [ids],
  )
  return new Map(r.rows.map((p) => [p.id, { title: p.title, image: parseJson(p.images)[0] ?? '', regularPrice: p.price ?? 0 }]))
}

const ROBOT = { nickname: '拼团小助手', avatar: null }

/** GET /api/group-deals: live deals (of one product), their SKUs and what is left of each. */
export async function dealViews(q: Queryable, now: Date, productId?: number): Promise<GroupDealView[]> {
  const deals = await liveDeals(q, now, productId)
  const [skus, facts] = await Promise.all([dealSkus(q, deals.map((d) => d.id)), productFacts(q, [...new Set(deals.map((d) => d.product_id))])])
  return deals.map((d) => {
    const own = skus.filter((s) => s.deal_id === d.id)
    const f = facts.get(d.product_id) ?? { title: '', image: '', regularPrice: 0 }
    return {
      promotionId: d.id,
      productId: d.product_id,
      skuIds: own.map((s) => s.sku_id),
      size: d.size,
      price: own.length ? Math.min(...own.map((s) => s.price)) : 0,
      name: d.name,
      hours: d.hours,
      perUserLimit: d.per_user_limit,
      endsAt: iso(d.ends_at),
      regularPrice: f.regularPrice,
      title: f.title,
      image: f.image,
      skus: own.map((s) => ({ skuId: s.sku_id, price: s.price, stockLeft: Math.max(0, s.stock - s.sold) })),
    }
  })
}

/** GET /api/groups/:id as this viewer (null: anonymous) sees it. */
export async function groupView(q: Queryable, g: GroupRow, viewerId: number | null, now: Date): Promise<GroupView> {
  const [deal, members, skus] = await Promise.all([dealById(q, g.deal_id), membersOf(q, g.id), dealSkus(q, [g.deal_id])])
  const d = deal as DealRow
  const facts = (await productFacts(q, [d.product_id])).get(d.product_id) ?? { title: '', image: '', regularPrice: 0 }
  const users = await q.query<{ id: number; nickname: string; avatar: string | null }>('SELECT id, nickname, avatar FROM users WHERE id = ANY($1::int[])', [members.map((m) => m.user_id)])
  const byId = new Map(users.rows.map((u) => [u.id, u]))
  const seated = members.filter((m) => SEAT_HOLDING.includes(m.status))
  const left = seatsLeft({ size: g.size, robotSeats: g.robot_seats, members: members.map((m) => ({ userId: m.user_id, status: m.status })) })
  const own = viewerId === null ? undefined : members.filter((m) => m.user_id === viewerId).at(-1)
  const forming = g.status === 'forming' && new Date(g.expires_at).getTime() > now.getTime()
  let action: GroupView['action'] = 'none'
  if (own && SEAT_HOLDING.includes(own.status) && forming) action = 'share'
  else if (forming && g.opened_at && left > 0 && viewerId !== g.leader_user_id) action = 'join'
  return {
    id: g.id,
    promotionId: g.deal_id,
    productId: d.product_id,
    status: g.status,
    size: g.size,
    seatsLeft: g.status === 'succeeded' ? 0 : left,
    members: [
      ...seated.map((m) => ({
        nickname: maskNickname(byId.get(m.user_id)?.nickname ?? ''),
        avatar: byId.get(m.user_id)?.avatar ?? null,
        leader: m.leader,
        paid: m.status === 'paid',
        robot: false,
        joinedAt: iso(m.joined_at),
      })),
      ...Array.from({ length: g.robot_seats }, () => ({ ...ROBOT, leader: false, paid: true, robot: true, joinedAt: iso(g.succeeded_at ?? g.expires_at) })),
    ],
    expiresAt: iso(g.expires_at),
    succeededAt: g.succeeded_at ? iso(g.succeeded_at) : null,
    price: skus.length ? Math.min(...skus.map((s) => s.price)) : 0,
    regularPrice: facts.regularPrice,
    title: facts.title,
    image: facts.image,
    mine: own ? { orderId: own.order_id, status: own.status, leader: own.leader } : null,
    action,
  }
}

export async function groupViewById(q: Queryable, id: number, viewerId: number | null, now: Date): Promise<GroupView | null> {
  const g = await groupById(q, id)
  return g ? groupView(q, g, viewerId, now) : null
}

/** GET /api/products/:id/groups: open groups of the product's live deals, soonest to expire first. */
export async function openGroups(q: Queryable, productId: number, now: Date, limit = 10): Promise<OpenGroupView[]> {
  const r = await q.query<{ id: number; deal_id: number; nickname: string; avatar: string | null; seats: number; expires_at: Date }>(
    `SELECT g.id, g.deal_id, u.nickname, u.avatar, g.expires_at,
            g.size - g.robot_seats - (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id AND m.status IN ('unpaid', 'paid')) AS seats
     FROM deal_groups g JOIN group_deals d ON d.id = g.deal_id JOIN users u ON u.id = g.leader_user_id
     WHERE d.product_id = $1 AND d.ended_at IS NULL AND d.starts_at <= $2 AND d.ends_at > $2
       AND g.status = 'forming' AND g.opened_at IS NOT NULL AND g.expires_at > $2
     ORDER BY g.expires_at, g.id LIMIT 200`,
    [productId, now],
  )
  return r.rows
    .filter((g) => g.seats > 0)
    .slice(0, limit)
    .map((g) => ({ id: g.id, promotionId: g.deal_id, leader: { nickname: maskNickname(g.nickname), avatar: g.avatar }, seatsLeft: g.seats, expiresAt: iso(g.expires_at) }))
}

/** GET /api/groups/mine: the groups this shopper took a seat in, newest first. */
export async function myGroups(q: Queryable, userId: number, now: Date, limit = 50): Promise<GroupView[]> {
  const ids = await q.query<{ group_id: number }>(
    'SELECT group_id FROM group_members WHERE user_id = $1 GROUP BY group_id ORDER BY max(joined_at) DESC, group_id DESC LIMIT $2',
    [userId, limit],
  )
  const views = await Promise.all(ids.rows.map((r) => groupViewById(q, r.group_id, userId, now)))
  return views.filter((v): v is GroupView => v !== null)
}
