import type { Queryable } from '../../db'
import type { StockMode, StoreHours } from '../../../src/domain/stores'

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
