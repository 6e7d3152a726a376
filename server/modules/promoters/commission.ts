import type { Refund } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import { accrueCommission, bindingAt, releaseLine, reverseForRefund, type CommissionLine } from '../../../src/domain/promoters'
import { paidPerLine } from '../../../src/domain/refund'
import type { Db, Queryable, Tx } from '../../db'
import { eachIsolated } from '../../lib/each-isolated'
import { afterSalesSettled } from '../after-sales'
import { bindingOf } from './bindings'
import { productRates, readSettings } from './settings'

interface CommissionRow {
  id: number
  accrued: number
  reversed: number
  released: number
  base: number
  refunded_base: number
}

const lineOf = (r: CommissionRow): CommissionLine => ({ accrued: r.accrued, reversed: r.reversed, released: r.released, base: r.base, refundedBase: r.refunded_base })

/** The approved promoter of this id who isn't the buyer, or null. */
async function earner(q: Queryable, promoterId: number | null, buyerId: number): Promise<{ id: number; parentId: number | null } | null> {
  if (promoterId === null) return null
  const p = await q.maybeOne<{ id: number; parent_id: number | null }>("SELECT id, parent_id FROM promoters WHERE id = $1 AND status = 'approved' AND user_id <> $2", [promoterId, buyerId])
  return p && { id: p.id, parentId: p.parent_id }
}

/**
 * In the transaction that moves an order to paid: commission for the promoter the buyer is bound
 * to (level 1) and whoever recruited that promoter (level 2), per line on what was paid for it.
 * The unique (order_item_id, level) key makes a repeated paid event accrue once.
 */
export async function accrueIn(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void> {
  if (to !== 'paid') return
  const order = await q.maybeOne<{ user_id: number; subtotal: number; discount: number }>('SELECT user_id, subtotal, discount FROM orders WHERE id = $1', [orderId])
  if (!order) return
  const settings = await readSettings(q, at)
  // A closed programme earns nothing new (what was accrued before keeps its course).
  if (!settings.enabled) return
  const own = await q.maybeOne<{ id: number }>('SELECT id FROM promoters WHERE user_id = $1', [order.user_id])
  const level1 = await earner(q, bindingAt(await bindingOf(q, order.user_id), own?.id ?? null, at), order.user_id)
  if (!level1) return
  const level2 = await earner(q, level1.parentId, order.user_id)

  const items = await q.query<{ id: number; product_id: number; sku_id: number; quantity: number; line_total: number; discount: number }>(
    'SELECT id, product_id, sku_id, quantity, line_total, discount FROM order_items WHERE order_id = $1 ORDER BY id',
    [orderId],
  )
  const paid = paidPerLine({
    subtotal: order.subtotal,
    discount: order.discount,
    lines: items.rows.map((i) => ({ skuId: i.sku_id, quantity: i.quantity, lineTotal: i.line_total, discount: i.discount, refundedQuantity: 0 })),
  })
  const lines = items.rows.map((i, n) => ({ orderItemId: i.id, productId: i.product_id, paid: paid[n] }))
  const rates = await productRates(q, [...new Set(lines.map((l) => l.productId))])
  for (const c of accrueCommission(lines, settings, rates, level2 !== null)) {
    const promoterId = c.level === 1 ? level1.id : (level2 as { id: number }).id
    const row = await q.maybeOne<{ id: number }>(
      `INSERT INTO commissions (promoter_id, order_id, order_item_id, level, rate_bp, base, accrued, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (order_item_id, level) DO NOTHING RETURNING id`,
      [promoterId, orderId, c.orderItemId, c.level, c.rateBp, c.base, c.amount, at],
    )
    if (row) await q.query("INSERT INTO commission_entries (commission_id, kind, ref, amount, at) VALUES ($1, 'accrue', $2, $3, $4)", [row.id, String(orderId), c.amount, at])
  }
}

/**
 * In refunds' finish transaction: each refunded line takes back its share of the line's pending
 * commission on both levels. The entry keyed (commission, 'reverse', refund id) is written first
 * and the row changes only when it was new, so a repeated refund notify reverses nothing twice.
 */
export async function reverseIn(q: Tx, refund: Pick<Refund, 'id' | 'orderId' | 'lines'>, at: Date): Promise<void> {
  for (const l of refund.lines) {
    if (l.amount <= 0) continue
    // One order line per SKU per order (orders merge quantities of the same SKU).
    const rows = await q.query<CommissionRow>(
      `SELECT c.id, c.accrued, c.reversed, c.released, c.base, c.refunded_base FROM commissions c JOIN order_items i ON i.id = c.order_item_id
       WHERE i.order_id = $1 AND i.sku_id = $2 ORDER BY c.id FOR UPDATE OF c`,
      [refund.orderId, l.skuId],
    )
    for (const r of rows.rows) {
      const { line, reversedNow } = reverseForRefund(lineOf(r), l.amount)
      if (line.refundedBase === r.refunded_base && reversedNow === 0) continue
      const entry = await q.maybeOne(
        `INSERT INTO commission_entries (commission_id, kind, ref, amount, at) VALUES ($1, 'reverse', $2, $3, $4)
         ON CONFLICT (commission_id, kind, ref) DO NOTHING RETURNING id`,
        [r.id, String(refund.id), reversedNow, at],
      )
      if (entry) await q.query('UPDATE commissions SET reversed = $2, refunded_base = $3 WHERE id = $1', [r.id, line.reversed, line.refundedBase])
    }
  }
}

/** Orders with commission still pending whose after-sales window has ended, a page at a time (keyset on order id). */
async function releasable(q: Queryable, at: Date, windowDays: number, after: number, limit: number): Promise<number[]> {
  const r = await q.query<{ order_id: number }>(
    `SELECT DISTINCT c.order_id FROM commissions c JOIN orders o ON o.id = c.order_id
     WHERE c.released_at IS NULL AND c.reversed < c.accrued AND c.order_id > $3
       AND o.received_at IS NOT NULL AND o.received_at + $2 * interval '1 day' <= $1
     ORDER BY c.order_id LIMIT $4`,
    [at, windowDays, after, limit],
  )
  return r.rows.map((x) => x.order_id)
}

/** One order's release, in its own transaction: its pending rows locked (SKIP LOCKED: another server releasing it leaves them alone). */
async function releaseOrder(db: Db, orderId: number, at: Date, windowDays: number): Promise<number> {
  return db.tx(async (q) => {
    // Nothing open and the window over, checked again under our transaction (a request may have come meanwhile).
    if (!(await afterSalesSettled(q, orderId, at, windowDays))) return 0
    const rows = await q.query<CommissionRow>(
      'SELECT id, accrued, reversed, released, base, refunded_base FROM commissions WHERE order_id = $1 AND released_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED',
      [orderId],
    )
    let n = 0
    for (const r of rows.rows) {
      const { releasedNow } = releaseLine(lineOf(r))
      if (releasedNow <= 0) continue
      const entry = await q.maybeOne(
        `INSERT INTO commission_entries (commission_id, kind, ref, amount, at) VALUES ($1, 'release', $2, $3, $4)
         ON CONFLICT (commission_id, kind, ref) DO NOTHING RETURNING id`,
        [r.id, String(orderId), releasedNow, at],
      )
      if (!entry) continue
      await q.query('UPDATE commissions SET released = $2, released_at = $3 WHERE id = $1 AND released_at IS NULL', [r.id, releasedNow, at])
      n++
    }
    return n
  })
}

/**
 * The sweep: pending commission of settled orders becomes withdrawable. Returns how many orders
 * released something; one order that fails is reported and the others still go.
 */
export async function releaseSettled(db: Db, at: Date, windowDays: number, onError: (err: unknown, orderId: number) => void, batch = 100, maxBatches = 20): Promise<number> {
  let released = 0
  let after = 0
  for (let b = 0; b < maxBatches; b++) {
    const ids = await releasable(db, at, windowDays, after, batch)
    released += await eachIsolated(ids, (id) => releaseOrder(db, id, at, windowDays), onError)
    if (ids.length < batch) break
    after = ids[ids.length - 1]
  }
  return released
}
