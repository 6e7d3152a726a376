import type { Queryable, Tx } from '../../db'
import { iso } from '../../lib/rows'
import type { StockMovement as Movement } from '../../../src/domain/admin-contract'
export type { Movement }

/**
 * Inventory owns `skus.stock` and `stock_movements`: the only code that takes units out or
 * puts them back. Every change is one statement that updates the SKU and writes its movement
 * row together, so the stock on hand of a SKU is always the sum of its movements (the seed
 * and migration 008 write the opening rows). Reservations are conditional decrements
 * (`stock >= n`): two concurrent reserves can't both take the last unit, on PGlite or
 * PostgreSQL. SKU rows are always touched in id order so two transactions can't deadlock.
 *
 * A store that keeps its own stock (stores.stock_mode 'own', issue 19) has `store_stock` rows
 * moved the same way, each movement naming the store. An order's units go back where they
 * came from: a release for an order finds the store its reservation took from.
 */
export type StockReason = 'order' | 'cancel' | 'close' | 'refund' | 'rental_out' | 'rental_back' | 'adjust'

export interface StockLine {
  skuId: number
  quantity: number
}

/** Why stock moves and what it belongs to: the movement row's reason and references. */
export interface StockRef {
  reason: StockReason
  orderId?: number | null
  /** A rental's credit order. */
  creditOrderId?: number | null
  refundId?: number | null
  note?: string | null
  /** A store's own stock (store_stock) instead of the warehouse; releases for an order find it themselves. */
  storeId?: number | null
}

export type ReserveResult = { ok: true } | { ok: false; skuId: number; left: number }

export interface Inventory {
  /** Takes the lines' units in the caller's transaction; the first SKU short of stock answers ok: false (the caller throws, rolling back what was taken). */
  reserve(q: Tx, lines: readonly StockLine[], ref: StockRef): Promise<ReserveResult>
  /** Puts the lines' units back in the caller's transaction. */
  release(q: Tx, lines: readonly StockLine[], ref: StockRef): Promise<void>
  /** An admin's count: sets the stock by a delta (never below zero); false when it would go below. With storeId: that store's own stock. */
  adjust(q: Tx, skuId: number, delta: number, note: string | null, storeId?: number | null): Promise<boolean>
  /** Stock on hand of a SKU (for answers like 「仅剩 2 件」), in the warehouse or at a store. */
  stockOf(q: Queryable, skuId: number, storeId?: number | null): Promise<number>
}

export interface InventoryOptions {
  now: () => Date
  /** After a transaction that moved stock has committed: drop the catalog's cached stock. */
  onStockChange?: () => void
}

/** Same lines merged per SKU, in id order (the lock order), zero quantities dropped. */
function normalise(lines: readonly StockLine[]): StockLine[] {
  const by = new Map<number, number>()
  for (const l of lines) by.set(l.skuId, (by.get(l.skuId) ?? 0) + l.quantity)
  return [...by].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]).map(([skuId, quantity]) => ({ skuId, quantity }))
}

// The change and its movement in one statement: one round trip per SKU (as before this table),
// and the movement exists exactly when the update matched.
const MOVE = `WITH u AS (UPDATE skus SET stock = stock + $2 WHERE id = $1 AND stock + $2 >= 0 RETURNING id)
  INSERT INTO stock_movements (sku_id, delta, reason, order_id, credit_order_id, refund_id, note, created_at)
  SELECT id, $2, $3, $4, $5, $6, $7, $8 FROM u RETURNING id`

// The same for a store's own stock; a store that never held the SKU has a row created at 0 first.
const ENSURE_STORE_ROW = 'INSERT INTO store_stock (store_id, sku_id, stock) VALUES ($1, $2, 0) ON CONFLICT (store_id, sku_id) DO NOTHING'
const MOVE_AT_STORE = `WITH u AS (UPDATE store_stock SET stock = stock + $2 WHERE sku_id = $1 AND store_id = $9 AND stock + $2 >= 0 RETURNING sku_id)
  INSERT INTO stock_movements (sku_id, delta, reason, order_id, credit_order_id, refund_id, note, created_at, store_id)
  SELECT sku_id, $2, $3, $4, $5, $6, $7, $8, $9 FROM u RETURNING id`

export function inventoryService(opts: InventoryOptions): Inventory {
  const changed = opts.onStockChange ?? (() => {})

  async function move(q: Tx, skuId: number, delta: number, ref: StockRef, at: Date): Promise<boolean> {
    const params = [skuId, delta, ref.reason, ref.orderId ?? null, ref.creditOrderId ?? null, ref.refundId ?? null, ref.note ?? null, at]
    if (ref.storeId == null) return (await q.query(MOVE, params)).rowCount > 0
    if (delta > 0) await q.query(ENSURE_STORE_ROW, [ref.storeId, skuId])
    return (await q.query(MOVE_AT_STORE, [...params, ref.storeId])).rowCount > 0
  }

  async function stockOf(q: Queryable, skuId: number, storeId?: number | null): Promise<number> {
    if (storeId != null) return (await q.maybeOne<{ stock: number }>('SELECT stock FROM store_stock WHERE store_id = $1 AND sku_id = $2', [storeId, skuId]))?.stock ?? 0
    return (await q.maybeOne<{ stock: number }>('SELECT stock FROM skus WHERE id = $1', [skuId]))?.stock ?? 0
  }

  /** Where an order's units came from: the store its reservation took them from, or null (the warehouse). */
  async function storeOfOrder(q: Queryable, orderId: number): Promise<number | null> {
    const r = await q.maybeOne<{ store_id: number }>("SELECT store_id FROM stock_movements WHERE order_id = $1 AND reason = 'order' AND store_id IS NOT NULL LIMIT 1", [orderId])
    return r?.store_id ?? null
  }

  async function reserve(q: Tx, lines: readonly StockLine[], ref: StockRef): Promise<ReserveResult> {
    const at = opts.now()
    let moved = false
    for (const l of normalise(lines)) {
      if (!(await move(q, l.skuId, -l.quantity, ref, at))) return { ok: false, skuId: l.skuId, left: await stockOf(q, l.skuId, ref.storeId) }
      if (!moved) q.afterCommit(changed)
      moved = true
    }
    return { ok: true }
  }

  async function release(q: Tx, lines: readonly StockLine[], ref: StockRef): Promise<void> {
    const at = opts.now()
    const all = normalise(lines)
    if (all.length === 0) return
    const storeId = ref.storeId !== undefined ? ref.storeId : ref.orderId != null ? await storeOfOrder(q, ref.orderId) : null
    for (const l of all) await move(q, l.skuId, l.quantity, { ...ref, storeId }, at)
    q.afterCommit(changed)
  }

  async function adjust(q: Tx, skuId: number, delta: number, note: string | null, storeId?: number | null): Promise<boolean> {
    if (delta === 0) return true
    const ok = await move(q, skuId, delta, { reason: 'adjust', note, storeId }, opts.now())
    if (ok) q.afterCommit(changed)
    return ok
  }

  return { reserve, release, adjust, stockOf }
}

/** A new SKU: what the catalog decides about it (prices, code, order) and its opening stock. */
export interface NewSku {
  productId: number
  specs: Record<string, string>
  price: number
  stock: number
  image: string | null
  originalPrice?: number | null
  code?: string | null
  sort?: number
}

/**
 * A new SKU with its opening stock (the seed, the catalog editor): the row and its
 * 'opening' movement in one statement, so even the first units are explained.
 */
export async function addSku(q: Queryable, sku: NewSku, at: Date): Promise<number> {
  const r = await q.one<{ id: number }>(
    `WITH k AS (INSERT INTO skus (product_id, specs, price, stock, image, original_price, code, sort) VALUES ($1, $2, $3, $4, $5, $7, $8, $9) RETURNING id, stock),
     m AS (INSERT INTO stock_movements (sku_id, delta, reason, created_at) SELECT id, stock, 'opening', $6 FROM k WHERE stock <> 0)
     SELECT id FROM k`,
    [sku.productId, JSON.stringify(sku.specs), sku.price, sku.stock, sku.image, at, sku.originalPrice ?? null, sku.code ?? null, sku.sort ?? 0],
  )
  return r.id
}

/**
 * Removes a SKU that never sold (the catalog editor dropped it and checked that no order,
 * rental or offer names it): its movements go with it, so no history is left explaining a
 * SKU that no longer exists. A SKU with history is archived by the catalog instead.
 */
export async function removeSku(q: Queryable, skuId: number): Promise<boolean> {
  const r = await q.query(
    `WITH m AS (DELETE FROM stock_movements WHERE sku_id = $1)
     DELETE FROM skus WHERE id = $1 RETURNING id`,
    [skuId],
  )
  return r.rowCount > 0
}

/** A SKU's stock history in the warehouse, newest first (the console's 库存流水; a store's own stock has its own rows). */
export async function movements(q: Queryable, skuId: number, page: number, pageSize: number): Promise<{ items: Movement[]; total: number }> {
  const [rows, count] = await Promise.all([
    q.query<{ id: number; delta: number; reason: string; note: string | null; order_id: number | null; refund_id: number | null; created_at: Date | string }>(
      `SELECT id, delta, reason, note, order_id, refund_id, created_at FROM stock_movements WHERE sku_id = $1 AND store_id IS NULL
       ORDER BY id DESC LIMIT $2 OFFSET $3`,
      [skuId, pageSize, (page - 1) * pageSize],
    ),
    q.one<{ total: number }>('SELECT count(*)::int AS total FROM stock_movements WHERE sku_id = $1 AND store_id IS NULL', [skuId]),
  ])
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      delta: r.delta,
      reason: r.reason,
      note: r.note,
      orderId: r.order_id,
      refundId: r.refund_id,
      createdAt: iso(r.created_at),
    })),
    total: count.total,
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    inventory: Inventory
  }
}
