import { PAID_STATUSES } from '../../../src/domain/order-state'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'
import { SHOP_TZ, type Platform } from '../orders'
import type { TopProduct, LowStockSku } from '../../../src/domain/admin-contract'
export type { TopProduct, LowStockSku }

/**
 * The dashboard's numbers, each one SQL aggregate over a time range (never every order loaded):
 * sales by payment time (orders.paid_at, migration 015) for orders paid and every later status
 * (PAID_STATUSES: refunded ones stay in sales, their money shows under refunds), grouped by shop
 * day and platform; refunds by the day the money went back; new shoppers by sign-up time.
 * Read-only: this module writes no table. Days are Beijing days (SHOP_TZ).
 */

export interface Window {
  /** Inclusive. */
  from: Date
  /** Exclusive. */
  to: Date
}

/** The shop day of a timestamp, as a date: grouped on (cheap), formatted only for the few groups (to_char per row cost a third of the query). */
const day = (col: string) => `(${col} AT TIME ZONE '${SHOP_TZ}')::date`
const dayText = (grouped: string) => `to_char(${grouped}, 'YYYY-MM-DD')`

/** Paid orders and their sum per (shop day, platform): at most days × 3 rows, from orders_paid_at_idx alone. */
export async function salesByDayAndPlatform(db: Queryable, w: Window): Promise<{ day: string; platform: Platform; orders: number; sales: number }[]> {
  const r = await db.query<{ day: string; platform: Platform; orders: number; sales: string | number }>(
    `SELECT ${dayText('t.d')} AS day, t.platform, t.orders, t.sales FROM (
       SELECT ${day('o.paid_at')} AS d, o.platform, count(*)::int AS orders, sum(o.total)::bigint AS sales
       FROM orders o
       WHERE o.paid_at >= $1 AND o.paid_at < $2 AND o.status = ANY($3::text[])
       GROUP BY 1, 2
     ) t`,
    [w.from, w.to, PAID_STATUSES],
  )
  return r.rows.map((x) => ({ ...x, sales: Number(x.sales) }))
}

/** Merchant refunds whose money went back in the window, per shop day (late-payment refunds were never sales: left out). */
export async function refundsByDay(db: Queryable, w: Window): Promise<{ day: string; refunds: number; amount: number }[]> {
  const r = await db.query<{ day: string; refunds: number; amount: string | number }>(
    `SELECT ${dayText('t.d')} AS day, t.refunds, t.amount FROM (
       SELECT ${day('succeeded_at')} AS d, count(*)::int AS refunds, sum(amount)::bigint AS amount
       FROM refunds WHERE status = 'succeeded' AND kind = 'order' AND succeeded_at >= $1 AND succeeded_at < $2
       GROUP BY 1
     ) t`,
    [w.from, w.to],
  )
  return r.rows.map((x) => ({ ...x, amount: Number(x.amount) }))
}

export async function newShoppers(db: Queryable, w: Window): Promise<number> {
  return (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE created_at >= $1 AND created_at < $2', [w.from, w.to])).n
}

/** The products sold most (units) on orders paid in the window. */
export async function topProducts(db: Queryable, w: Window, limit: number): Promise<TopProduct[]> {
  const r = await db.query<{ product_id: number; title: string; quantity: number; sales: string | number }>(
    // `i.order_id >= min(id)` changes no answer (a line of an older order can't belong to one of
    // these), but it lets the lines be read by a range of order_items_report_idx instead of the
    // whole table: ids are taken when orders are placed, so the orders paid in a window are the
    // recent ids (measured in bench/dashboard.ts: the 30-day answer's biggest cost was this scan).
    `WITH paid AS MATERIALIZED (
       SELECT o.id FROM orders o WHERE o.paid_at >= $1 AND o.paid_at < $2 AND o.status = ANY($3::text[])
     )
     SELECT t.product_id, p.title, t.quantity, t.sales FROM (
       SELECT i.product_id, sum(i.quantity)::int AS quantity, sum(i.line_total - i.discount)::bigint AS sales
       FROM order_items i JOIN paid ON paid.id = i.order_id
       WHERE i.order_id >= (SELECT min(id) FROM paid)
       GROUP BY i.product_id ORDER BY quantity DESC, sales DESC, i.product_id LIMIT $4
     ) t JOIN products p ON p.id = t.product_id
     ORDER BY t.quantity DESC, t.sales DESC, t.product_id`,
    [w.from, w.to, PAID_STATUSES, limit],
  )
  return r.rows.map((x) => ({ productId: x.product_id, title: x.title, quantity: x.quantity, sales: Number(x.sales) }))
}

/** SKUs at or below `threshold` units, emptiest first. */
export async function lowStock(db: Queryable, threshold: number, limit: number): Promise<LowStockSku[]> {
  const r = await db.query<{ id: number; product_id: number; title: string; specs: Record<string, string> | string; stock: number }>(
    `SELECT k.id, k.product_id, p.title, k.specs, k.stock FROM skus k JOIN products p ON p.id = k.product_id
     WHERE k.stock <= $1 ORDER BY k.stock, k.id LIMIT $2`,
    [threshold, limit],
  )
  return r.rows.map((x) => ({ skuId: x.id, productId: x.product_id, title: x.title, specs: parseJson(x.specs), stock: x.stock }))
}
