import type { AdminMallItem, AdminRedemption, MallItemInput, MallItemKind, MallItemView, RedeemResult } from '../../../src/domain/points'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'

export interface MallItemRow {
  id: number
  kind: MallItemKind
  title: string
  image: string
  points: number
  price: number
  stock: number
  redeemed: number
  per_user_limit: number | null
  coupon_batch_id: number | null
  sku_id: number | null
  active: boolean
  created_at: Date
}

export interface RedemptionRow {
  id: number
  item_id: number
  user_id: number
  points: number
  price: number
  status: AdminRedemption['status']
  order_id: number | null
  user_coupon_id: number | null
  created_at: Date
}

const ITEM_COLUMNS = 'id, kind, title, image, points, price, stock, redeemed, per_user_limit, coupon_batch_id, sku_id, active, created_at'

export function toAdminItem(r: MallItemRow): AdminMallItem {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    image: r.image,
    points: r.points,
    price: r.price,
    stock: r.stock,
    perUserLimit: r.per_user_limit,
    couponBatchId: r.coupon_batch_id,
    skuId: r.sku_id,
    active: r.active,
    redeemed: r.redeemed,
    createdAt: iso(r.created_at),
  }
}

/** The item row, locked: redemptions of one item run one after another from here (stock and per-user limit read under the lock). */
export function lockItem(q: Queryable, id: number): Promise<MallItemRow | null> {
  return q.maybeOne<MallItemRow>(`SELECT ${ITEM_COLUMNS} FROM mall_items WHERE id = $1 FOR UPDATE`, [id])
}

export function findItem(q: Queryable, id: number): Promise<MallItemRow | null> {
  return q.maybeOne<MallItemRow>(`SELECT ${ITEM_COLUMNS} FROM mall_items WHERE id = $1`, [id])
}

export async function listItems(q: Queryable): Promise<MallItemRow[]> {
  return (await q.query<MallItemRow>(`SELECT ${ITEM_COLUMNS} FROM mall_items ORDER BY id`)).rows
}

/** Active items for the shop, with how many the viewer holds (cancelled redemptions don't count). */
export async function shopItems(q: Queryable, userId: number | null): Promise<MallItemView[]> {
  const r = await q.query<MallItemRow & { mine: number }>(
    `SELECT ${ITEM_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')},
       (SELECT count(*)::int FROM mall_redemptions m WHERE m.item_id = i.id AND m.user_id = $1 AND m.status <> 'cancelled') AS mine
     FROM mall_items i WHERE i.active ORDER BY i.id`,
    [userId ?? 0],
  )
  return r.rows.map((i) => ({
    id: i.id,
    kind: i.kind,
    title: i.title,
    image: i.image,
    points: i.points,
    price: i.price,
    stockLeft: i.stock - i.redeemed,
    perUserLimit: i.per_user_limit,
    redeemed: i.mine,
  }))
}

/** The shopper's redemptions of an item that still hold a unit (read under the item's lock). */
export async function heldBy(q: Queryable, itemId: number, userId: number): Promise<number> {
  return (await q.one<{ n: number }>("SELECT count(*)::int AS n FROM mall_redemptions WHERE item_id = $1 AND user_id = $2 AND status <> 'cancelled'", [itemId, userId])).n
}

export function findRedemptionByKey(q: Queryable, userId: number, key: string): Promise<RedemptionRow | null> {
  return q.maybeOne<RedemptionRow>('SELECT * FROM mall_redemptions WHERE user_id = $1 AND idempotency_key = $2', [userId, key])
}

export function findRedemptionByOrder(q: Queryable, orderId: number): Promise<RedemptionRow | null> {
  return q.maybeOne<RedemptionRow>('SELECT * FROM mall_redemptions WHERE order_id = $1', [orderId])
}

/** A new redemption; null when this shopper's key was used already (a repeated request). */
export async function insertRedemption(
  q: Queryable,
  r: { itemId: number; userId: number; key: string; points: number; price: number; status: RedemptionRow['status']; orderId: number | null; at: Date },
): Promise<number | null> {
  const row = await q.maybeOne<{ id: number }>(
    `INSERT INTO mall_redemptions (item_id, user_id, idempotency_key, points, price, status, order_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id`,
    [r.itemId, r.userId, r.key, r.points, r.price, r.status, r.orderId, r.at],
  )
  return row?.id ?? null
}

export function toResult(r: RedemptionRow, balance: number): RedeemResult {
  return {
    redemptionId: r.id,
    balance,
    orderId: r.order_id,
    couponId: r.user_coupon_id,
    status: r.status === 'awaiting_payment' ? 'awaiting_payment' : 'done',
  }
}

export async function adminRedemptions(q: Queryable, page: number, pageSize: number): Promise<{ items: AdminRedemption[]; total: number; page: number; pageSize: number }> {
  const [rows, count] = await Promise.all([
    q.query<RedemptionRow & { title: string; kind: MallItemKind }>(
      `SELECT m.*, i.title, i.kind FROM mall_redemptions m JOIN mall_items i ON i.id = m.item_id ORDER BY m.id DESC LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    ),
    q.one<{ n: number }>('SELECT count(*)::int AS n FROM mall_redemptions'),
  ])
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      itemTitle: r.title,
      kind: r.kind,
      userId: r.user_id,
      points: r.points,
      price: r.price,
      status: r.status,
      orderId: r.order_id,
      createdAt: iso(r.created_at),
    })),
    total: count.n,
    page,
    pageSize,
  }
}

const INPUT_COLUMNS = 'kind, title, image, points, price, stock, per_user_limit, coupon_batch_id, sku_id, active'
const inputParams = (i: MallItemInput) => [i.kind, i.title, i.image, i.points, i.price, i.stock, i.perUserLimit, i.couponBatchId, i.skuId, i.active]

export function insertItem(q: Queryable, i: MallItemInput, at: Date): Promise<MallItemRow> {
  return q.one<MallItemRow>(`INSERT INTO mall_items (${INPUT_COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${ITEM_COLUMNS}`, [...inputParams(i), at])
}

export function updateItem(q: Queryable, id: number, i: MallItemInput): Promise<MallItemRow> {
  return q.one<MallItemRow>(
    `UPDATE mall_items SET (${INPUT_COLUMNS}) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11) WHERE id = $1 RETURNING ${ITEM_COLUMNS}`,
    [id, ...inputParams(i)],
  )
}
