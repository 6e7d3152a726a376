import type { Db } from '../db'
import { inventoryService } from '../modules/inventory/service'
import { insertStore } from '../modules/stores/repository'
import type { SeedStore } from './types'

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]

/**
 * The demo shop's stores: three in Shanghai at real-looking GCJ-02 positions (what the
 * platforms' getLocation answers there). 人民广场 keeps its own stock (a few units of the mug,
 * the thermos and the drip coffee); the other two sell from the warehouse. 陆家嘴 is closed on
 * Sundays and 静安寺 keeps later hours, so the app's 营业中 / 休息中 shows both.
 */
export const DEMO_STORES: SeedStore[] = [
  {
    name: '人民广场店',
    city: '上海',
    address: '上海市黄浦区南京西路 2 号',
    phone: '021-63500001',
    latitude: 31.2304,
    longitude: 121.4737,
    hours: { weekdays: EVERY_DAY, open: '09:00', close: '21:00' },
    stockMode: 'own',
    deliveryRadiusMeters: 3000,
    sort: 0,
    ownStock: [
      { productKey: 'mug-ceramic', units: 5 },
      { productKey: 'thermos', units: 3 },
      { productKey: 'coffee-drip', units: 8 },
    ],
  },
  {
    name: '静安寺店',
    city: '上海',
    address: '上海市静安区南京西路 1686 号',
    phone: '021-62480002',
    latitude: 31.2235,
    longitude: 121.4456,
    hours: { weekdays: EVERY_DAY, open: '10:00', close: '22:00' },
    stockMode: 'shared',
    deliveryRadiusMeters: 0,
    sort: 1,
  },
  {
    name: '陆家嘴店',
    city: '上海',
    address: '上海市浦东新区陆家嘴环路 1000 号',
    phone: '021-58880003',
    latitude: 31.2397,
    longitude: 121.4998,
    hours: { weekdays: [1, 2, 3, 4, 5, 6], open: '09:00', close: '21:00' },
    stockMode: 'shared',
    deliveryRadiusMeters: 5000,
    sort: 2,
  },
]

/**
 * Seeds the stores once per database, claimed by their own meta row ('seeded_stores'): two
 * servers starting together seed once. A store's own units go in through inventory.adjust with
 * its id, so each has an 'adjust' movement naming the store like a console count. Products the
 * shop doesn't have are skipped.
 */
export async function seedStores(db: Db, stores: SeedStore[], now: Date): Promise<boolean> {
  const inventory = inventoryService({ now: () => now })
  return db.tx(async (q) => {
    const claimed = await q.query(`INSERT INTO meta (key, value) VALUES ('seeded_stores', $1) ON CONFLICT (key) DO NOTHING RETURNING key`, [now.toISOString()])
    if (claimed.rowCount === 0) return false
    for (const s of stores) {
      const { ownStock: _own, ...store } = s
      const id = await insertStore(q, { ...store, photos: [], pickup: true, active: true }, now)
      for (const o of s.ownStock ?? []) {
        const skus = await q.query<{ id: number }>('SELECT k.id FROM skus k JOIN products p ON p.id = k.product_id WHERE p.key = $1 AND NOT k.archived ORDER BY k.id', [o.productKey])
        for (const k of skus.rows) await inventory.adjust(q, k.id, o.units, '门店开业备货', id)
      }
    }
    return true
  })
}
