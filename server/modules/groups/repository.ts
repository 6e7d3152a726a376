import type { GroupStatus, MemberStatus } from '../../../src/domain/groups'
import type { Queryable } from '../../db'

/** group_deals, group_deal_skus, group_deal_buyers, deal_groups, group_members: this module's tables. */

export interface DealRow {
  id: number
  name: string
  product_id: number
  size: number
  hours: number
  per_user_limit: number | null
  robot_fill: boolean
  starts_at: Date
  ends_at: Date
  ended_at: Date | null
  created_at: Date
}

export interface DealSkuRow {
  deal_id: number
  sku_id: number
  price: number
  stock: number
  sold: number
}

export interface GroupRow {
  id: number
  deal_id: number
  leader_user_id: number
  status: GroupStatus
  size: number
  opened_at: Date | null
  expires_at: Date
  succeeded_at: Date | null
  failed_at: Date | null
  robot_seats: number
  created_at: Date
}

export interface MemberRow {
  id: number
  group_id: number
  user_id: number
  order_id: number
  sku_id: number
  quantity: number
  leader: boolean
  status: MemberStatus
  refund_id: number | null
  joined_at: Date
  paid_at: Date | null
}

const DEAL_COLUMNS = 'id, name, product_id, size, hours, per_user_limit, robot_fill, starts_at, ends_at, ended_at, created_at'
const GROUP_COLUMNS = 'id, deal_id, leader_user_id, status, size, opened_at, expires_at, succeeded_at, failed_at, robot_seats, created_at'
const MEMBER_COLUMNS = 'id, group_id, user_id, order_id, sku_id, quantity, leader, status, refund_id, joined_at, paid_at'

// ——— Deals ———

export async function dealById(q: Queryable, id: number): Promise<DealRow | null> {
  return q.maybeOne<DealRow>(`SELECT ${DEAL_COLUMNS} FROM group_deals WHERE id = $1`, [id])
}

export async function dealSku(q: Queryable, dealId: number, skuId: number): Promise<DealSkuRow | null> {
  return q.maybeOne<DealSkuRow>('SELECT deal_id, sku_id, price, stock, sold FROM group_deal_skus WHERE deal_id = $1 AND sku_id = $2', [dealId, skuId])
}

export async function dealSkus(q: Queryable, dealIds: number[]): Promise<DealSkuRow[]> {
  if (dealIds.length === 0) return []
  return (await q.query<DealSkuRow>('SELECT deal_id, sku_id, price, stock, sold FROM group_deal_skus WHERE deal_id = ANY($1::int[]) ORDER BY deal_id, sku_id', [dealIds])).rows
}

/** Deals selling now (optionally of one product), newest first. */
export async function liveDeals(q: Queryable, now: Date, productId?: number): Promise<DealRow[]> {
  const params: unknown[] = [now]
  let where = 'ended_at IS NULL AND starts_at <= $1 AND ends_at > $1'
  if (productId !== undefined) {
    params.push(productId)
    where += ' AND product_id = $2'
  }
  return (await q.query<DealRow>(`SELECT ${DEAL_COLUMNS} FROM group_deals WHERE ${where} ORDER BY id DESC LIMIT 100`, params)).rows
}

export async function insertDeal(
  q: Queryable,
  d: { name: string; productId: number; size: number; hours: number; perUserLimit: number | null; robotFill: boolean; startsAt: Date; endsAt: Date; at: Date },
  skus: { skuId: number; price: number; stock: number }[],
): Promise<number> {
  const r = await q.one<{ id: number }>(
    `INSERT INTO group_deals (name, product_id, size, hours, per_user_limit, robot_fill, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [d.name, d.productId, d.size, d.hours, d.perUserLimit, d.robotFill, d.startsAt, d.endsAt, d.at],
  )
  await q.query(
    `INSERT INTO group_deal_skus (deal_id, sku_id, price, stock) SELECT $1, x.sku_id, x.price, x.stock FROM json_to_recordset($2::json) AS x(sku_id int, price int, stock int)`,
    [r.id, JSON.stringify(skus.map((s) => ({ sku_id: s.skuId, price: s.price, stock: s.stock })))],
  )
  return r.id
}

/** Ends a deal early (once): no new groups; answers whether it moved. */
export async function endDeal(q: Queryable, id: number, at: Date): Promise<boolean> {
  return (await q.query('UPDATE group_deals SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [id, at])).rowCount > 0
}

/** The deal's own stock: a conditional update that takes `quantity` units or nothing. */
export async function takeDealUnits(q: Queryable, dealId: number, skuId: number, quantity: number): Promise<boolean> {
  const r = await q.query('UPDATE group_deal_skus SET sold = sold + $3 WHERE deal_id = $1 AND sku_id = $2 AND sold + $3 <= stock', [dealId, skuId, quantity])
  return r.rowCount > 0
}

export async function giveBackDealUnits(q: Queryable, dealId: number, skuId: number, quantity: number): Promise<void> {
  await q.query('UPDATE group_deal_skus SET sold = GREATEST(0, sold - $3) WHERE deal_id = $1 AND sku_id = $2', [dealId, skuId, quantity])
}

/** The shopper's units at the group price: taken only while `bought + quantity <= limit` (no limit: always). */
export async function takeBuyerUnits(q: Queryable, dealId: number, userId: number, quantity: number, limit: number | null): Promise<boolean> {
  if (limit !== null && quantity > limit) return false
  const r = await q.query(
    `INSERT INTO group_deal_buyers (deal_id, user_id, bought) VALUES ($1, $2, $3)
     ON CONFLICT (deal_id, user_id) DO UPDATE SET bought = group_deal_buyers.bought + $3
     WHERE $4::int IS NULL OR group_deal_buyers.bought + $3 <= $4::int`,
    [dealId, userId, quantity, limit],
  )
  return r.rowCount > 0
}

export async function giveBackBuyerUnits(q: Queryable, dealId: number, userId: number, quantity: number): Promise<void> {
  await q.query('UPDATE group_deal_buyers SET bought = GREATEST(0, bought - $3) WHERE deal_id = $1 AND user_id = $2', [dealId, userId, quantity])
}

// ——— Groups and members ———

/** The group's WeChat activity id while it is valid (null: none yet, or expired). */
export async function activityOf(q: Queryable, groupId: number, now: Date): Promise<string | null> {
  const r = await q.maybeOne<{ activity_id: string }>('SELECT activity_id FROM deal_groups WHERE id = $1 AND activity_id IS NOT NULL AND activity_expires_at > $2', [groupId, now])
  return r?.activity_id ?? null
}

export async function setActivity(q: Queryable, groupId: number, activityId: string, expiresAt: Date): Promise<void> {
  await q.query('UPDATE deal_groups SET activity_id = $2, activity_expires_at = $3 WHERE id = $1', [groupId, activityId, expiresAt])
}

export async function groupById(q: Queryable, id: number, lock = false): Promise<GroupRow | null> {
  return q.maybeOne<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM deal_groups WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
}

export async function insertGroup(q: Queryable, g: { dealId: number; leaderUserId: number; size: number; expiresAt: Date; at: Date }): Promise<number> {
  const r = await q.one<{ id: number }>(
    "INSERT INTO deal_groups (deal_id, leader_user_id, status, size, expires_at, created_at) VALUES ($1, $2, 'forming', $3, $4, $5) RETURNING id",
    [g.dealId, g.leaderUserId, g.size, g.expiresAt, g.at],
  )
  return r.id
}

export async function insertMember(q: Queryable, m: { groupId: number; userId: number; orderId: number; skuId: number; quantity: number; leader: boolean; at: Date }): Promise<void> {
  await q.query("INSERT INTO group_members (group_id, user_id, order_id, sku_id, quantity, leader, status, joined_at) VALUES ($1, $2, $3, $4, $5, $6, 'unpaid', $7)", [
    m.groupId,
    m.userId,
    m.orderId,
    m.skuId,
    m.quantity,
    m.leader,
    m.at,
  ])
}

export async function membersOf(q: Queryable, groupId: number): Promise<MemberRow[]> {
  return (await q.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM group_members WHERE group_id = $1 ORDER BY joined_at, id`, [groupId])).rows
}

export async function memberByOrder(q: Queryable, orderId: number): Promise<MemberRow | null> {
  return q.maybeOne<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM group_members WHERE order_id = $1`, [orderId])
}

/** A conditional move of one member (from one of `from`): a repeated or late event changes nothing. */
export async function moveMember(q: Queryable, id: number, from: readonly MemberStatus[], to: MemberStatus, set: { paidAt?: Date; refundId?: number } = {}): Promise<boolean> {
  const r = await q.query(
    'UPDATE group_members SET status = $3, paid_at = COALESCE($4, paid_at), refund_id = COALESCE($5, refund_id) WHERE id = $1 AND status = ANY($2::text[])',
    [id, [...from], to, set.paidAt ?? null, set.refundId ?? null],
  )
  return r.rowCount > 0
}

/** A conditional move of the group (from one of `from`), with its time stamps. */
export async function moveGroup(q: Queryable, id: number, from: readonly GroupStatus[], to: GroupStatus, at: Date, robotSeats = 0): Promise<boolean> {
  const r = await q.query(
    `UPDATE deal_groups SET status = $3,
       succeeded_at = CASE WHEN $3 = 'succeeded' THEN $4 ELSE succeeded_at END,
       failed_at = CASE WHEN $3 = 'failed' THEN $4 ELSE failed_at END,
       robot_seats = robot_seats + $5
     WHERE id = $1 AND status = ANY($2::text[])`,
    [id, [...from], to, at, robotSeats],
  )
  return r.rowCount > 0
}

export async function openGroup(q: Queryable, id: number, at: Date): Promise<void> {
  await q.query('UPDATE deal_groups SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL', [id, at])
}

/** The sweeper's due list: forming groups past their time, soonest first. */
export async function dueGroups(q: Queryable, now: Date, limit: number): Promise<number[]> {
  return (await q.query<{ id: number }>("SELECT id FROM deal_groups WHERE status = 'forming' AND expires_at <= $1 ORDER BY expires_at, id LIMIT $2", [now, limit])).rows.map((r) => r.id)
}

/** One due group locked for its sweep; null when another sweeper holds it or it is no longer due. */
export async function lockDueGroup(q: Queryable, id: number, now: Date): Promise<GroupRow | null> {
  return q.maybeOne<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM deal_groups WHERE id = $1 AND status = 'forming' AND expires_at <= $2 FOR UPDATE SKIP LOCKED`, [id, now])
}
