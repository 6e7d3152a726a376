import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'
import type { StockMode, StoreHours, StoreInput } from '../../../src/domain/stores'

/** What checkout needs of a store to take a pickup order there. */
export interface PickupStoreRow {
  id: number
  name: string
  address: string
  phone: string
  latitude: number
  longitude: number
  hours: StoreHours
  stockMode: StockMode
  pickup: boolean
  active: boolean
}

/** A store by id for pickup (active or not: the caller decides), or null. */
export async function pickupStore(q: Queryable, storeId: number): Promise<PickupStoreRow | null> {
  const r = await q.maybeOne<{ id: number; name: string; address: string; phone: string; latitude: number; longitude: number; hours: StoreHours; stock_mode: StockMode; pickup: boolean; active: boolean }>(
    'SELECT id, name, address, phone, latitude, longitude, hours, stock_mode, pickup, active FROM stores WHERE id = $1',
    [storeId],
  )
  if (!r) return null
  return { id: r.id, name: r.name, address: r.address, phone: r.phone, latitude: r.latitude, longitude: r.longitude, hours: r.hours, stockMode: r.stock_mode, pickup: r.pickup, active: r.active }
}

/** A stores row, camel-cased (json columns parsed). */
export interface StoreRow extends StoreInput {
  id: number
}

const COLUMNS = 'id, name, city, address, phone, latitude, longitude, hours, photos, stock_mode, pickup, delivery_radius_m, active, sort'

/** The row as the drivers give it: snake_case where the column is, json maybe still text. */
type RawStore = Pick<StoreRow, 'id' | 'name' | 'city' | 'address' | 'phone' | 'latitude' | 'longitude' | 'pickup' | 'active' | 'sort'> & {
  hours: StoreHours | string
  photos: string[] | string
  stock_mode: StockMode
  delivery_radius_m: number
}

function toRow(r: RawStore): StoreRow {
  return {
    id: r.id,
    name: r.name,
    city: r.city,
    address: r.address,
    phone: r.phone,
    // double precision arrives as a number from both drivers; Number() guards a driver that sends text.
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    hours: parseJson(r.hours),
    photos: parseJson(r.photos),
    stockMode: r.stock_mode,
    pickup: r.pickup,
    deliveryRadiusMeters: r.delivery_radius_m,
    active: r.active,
    sort: r.sort,
  }
}

/** Every active store (a shop has tens): the list, its cities and the distances come from this one query. */
export async function activeStores(q: Queryable): Promise<StoreRow[]> {
  return (await q.query<RawStore>(`SELECT ${COLUMNS} FROM stores WHERE active`)).rows.map(toRow)
}

/** Every store, listed or not, in the console's order. */
export async function allStores(q: Queryable): Promise<StoreRow[]> {
  return (await q.query<RawStore>(`SELECT ${COLUMNS} FROM stores ORDER BY sort, id`)).rows.map(toRow)
}

/** A store by id; `lock` takes its row (FOR UPDATE) for an edit or a stock count at it. */
export async function storeById(q: Queryable, id: number, lock = false): Promise<StoreRow | null> {
  const r = await q.maybeOne<RawStore>(`SELECT ${COLUMNS} FROM stores WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
  return r && toRow(r)
}

function values(s: StoreInput): unknown[] {
  return [s.name, s.city, s.address, s.phone, s.latitude, s.longitude, JSON.stringify(s.hours), JSON.stringify(s.photos), s.stockMode, s.pickup, s.deliveryRadiusMeters, s.active, s.sort]
}

export async function insertStore(q: Queryable, s: StoreInput, at: Date): Promise<number> {
  const r = await q.one<{ id: number }>(
    `INSERT INTO stores (name, city, address, phone, latitude, longitude, hours, photos, stock_mode, pickup, delivery_radius_m, active, sort, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
    [...values(s), at],
  )
  return r.id
}

export async function updateStore(q: Queryable, id: number, s: StoreInput, at: Date): Promise<void> {
  await q.query(
    `UPDATE stores SET name = $1, city = $2, address = $3, phone = $4, latitude = $5, longitude = $6, hours = $7, photos = $8, stock_mode = $9,
       pickup = $10, delivery_radius_m = $11, active = $12, sort = $13, updated_at = $14 WHERE id = $15`,
    [...values(s), at, id],
  )
}

/**
 * Stock of these SKUs at a store, in one read: its own count (store_stock, inventory's table,
 * 0 where it never held the SKU) or the warehouse's (skus.stock). SKUs that don't exist or are
 * archived are left out.
 */
export async function stockAt(q: Queryable, storeId: number, mode: StockMode, skuIds: number[]): Promise<{ skuId: number; stock: number }[]> {
  const r =
    mode === 'own'
      ? await q.query<{ id: number; stock: number }>(
          `SELECT k.id, COALESCE(s.stock, 0) AS stock FROM skus k LEFT JOIN store_stock s ON s.sku_id = k.id AND s.store_id = $1
           WHERE k.id = ANY($2::int[]) AND NOT k.archived ORDER BY k.id`,
          [storeId, skuIds],
        )
      : await q.query<{ id: number; stock: number }>('SELECT id, stock FROM skus WHERE id = ANY($1::int[]) AND NOT archived ORDER BY id', [skuIds])
  return r.rows.map((x) => ({ skuId: x.id, stock: x.stock }))
}

/**
 * One page of every SKU on sale (not archived) with this store's own count: the SKUs the store
 * keeps (has a row for, even counted down to 0) first, then the rest, each in the catalog's order.
 * A store holding a few products out of hundreds of SKUs would otherwise show page after page of 0.
 */
export async function storeStockPage(
  q: Queryable,
  storeId: number,
  page: number,
  pageSize: number,
): Promise<{ rows: { skuId: number; productId: number; title: string; specs: Record<string, string>; stock: number }[]; total: number }> {
  const rows = await q.query<{ id: number; product_id: number; title: string; specs: Record<string, string> | string; stock: number }>(
    `SELECT k.id, k.product_id, p.title, k.specs, COALESCE(s.stock, 0) AS stock
     FROM skus k JOIN products p ON p.id = k.product_id LEFT JOIN store_stock s ON s.sku_id = k.id AND s.store_id = $1
     WHERE NOT k.archived ORDER BY (s.sku_id IS NULL), p.sort, p.id, k.sort, k.id LIMIT $2 OFFSET $3`,
    [storeId, pageSize, (page - 1) * pageSize],
  )
  const total = await q.one<{ n: number }>('SELECT count(*)::int AS n FROM skus WHERE NOT archived')
  return { rows: rows.rows.map((r) => ({ skuId: r.id, productId: r.product_id, title: r.title, specs: parseJson(r.specs), stock: r.stock })), total: total.n }
}

/** A store's own count of a SKU, its row locked (FOR UPDATE) so no order moves it until the count commits; 0 when it never held it. */
export async function lockedStoreStock(q: Queryable, storeId: number, skuId: number): Promise<number> {
  return (await q.maybeOne<{ stock: number }>('SELECT stock FROM store_stock WHERE store_id = $1 AND sku_id = $2 FOR UPDATE', [storeId, skuId]))?.stock ?? 0
}

/** A SKU that can be counted: it exists and is not archived. */
export async function skuOnSale(q: Queryable, skuId: number): Promise<boolean> {
  return !!(await q.maybeOne('SELECT 1 FROM skus WHERE id = $1 AND NOT archived', [skuId]))
}
