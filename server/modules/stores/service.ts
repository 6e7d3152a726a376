import type { Queryable } from '../../db'
import { AppError, badInput, notFound } from '../../lib/errors'
import {
  assertCoordinates,
  CoordinateError,
  distanceMeters,
  hoursText,
  isOpenAt,
  slotDays,
  type AdminStore,
  type StoreDetail,
  type StoreList,
  type StoreListItem,
  type StoreSkuStock,
} from '../../../src/domain/stores'
import { activeStores, stockAt, storeById, type StoreRow } from './repository'

/** The most SKUs one GET /api/stores/:id/stock may ask about (a cart's worth). */
export const MAX_STOCK_SKUS = 50

export const storeNotFound = () => notFound('门店', 'STORE_NOT_FOUND')

/** What the shopper sees of a store at an instant (open now, hours in words), `distance` from them when known. */
export function listItem(s: StoreRow, at: Date, distance: number | null): StoreListItem {
  return {
    id: s.id,
    name: s.name,
    city: s.city,
    address: s.address,
    phone: s.phone,
    latitude: s.latitude,
    longitude: s.longitude,
    distanceMeters: distance,
    open: isOpenAt(s.hours, at),
    hoursText: hoursText(s.hours),
    photo: s.photos[0] ?? '',
    pickup: s.pickup,
    deliveryRadiusMeters: s.deliveryRadiusMeters,
  }
}

/** The console's view: everything the form edits, plus what the shopper would see now. */
export function adminView(s: StoreRow, at: Date): AdminStore {
  return { ...listItem(s, at, null), photos: s.photos, hours: s.hours, stockMode: s.stockMode, active: s.active, sort: s.sort }
}

/**
 * The shopper's position from ?lat=&lng= (query text), or null when neither is given. One
 * without the other, or either out of range or not a number, is 400 BAD_COORDINATES naming it.
 */
export function coordinatesOf(query: { lat?: string; lng?: string }): { lat: number; lng: number } | null {
  const given = (v: string | undefined) => v !== undefined && v.trim() !== ''
  if (!given(query.lat) && !given(query.lng)) return null
  const bad = (field: 'lat' | 'lng', message: string) => new AppError(400, 'BAD_COORDINATES', message, { field })
  if (!given(query.lat)) throw bad('lat', '请同时提供纬度 lat 和经度 lng')
  if (!given(query.lng)) throw bad('lng', '请同时提供纬度 lat 和经度 lng')
  const lat = Number(query.lat)
  const lng = Number(query.lng)
  try {
    assertCoordinates(lat, lng)
  } catch (err) {
    // assertCoordinates checks lat first: a finite lat in range means the problem is lng.
    if (err instanceof CoordinateError) throw bad(Number.isFinite(lat) && lat >= -90 && lat <= 90 ? 'lng' : 'lat', err.message)
    throw err
  }
  return { lat, lng }
}

/** Chinese names in pinyin order (北京 before 上海), the same on PGlite and PostgreSQL whatever their collation. */
const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN')

/** `?skuIds=1,2,3` → ids (1 to MAX_STOCK_SKUS of them, repeats dropped), else 400 naming skuIds. */
export function skuIdsOf(text: string | undefined): number[] {
  const parts = (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (parts.length === 0) throw badInput('skuIds: 请提供规格 id，如 skuIds=1,2,3', 'skuIds')
  if (parts.length > MAX_STOCK_SKUS) throw badInput(`skuIds: 一次最多查询 ${MAX_STOCK_SKUS} 个规格`, 'skuIds')
  if (parts.some((p) => !/^[1-9]\d{0,9}$/.test(p) || Number(p) > 2_147_483_647)) throw badInput('skuIds: 必须是逗号分隔的正整数 id', 'skuIds')
  return [...new Set(parts.map(Number))]
}

/** The shopper's side of stores (public: no session needed). */
export function storeService(deps: { db: Queryable; now: () => Date }) {
  async function activeStore(id: number): Promise<StoreRow> {
    const s = await storeById(deps.db, id)
    if (!s || !s.active) throw storeNotFound()
    return s
  }

  return {
    /** GET /api/stores: nearest first with a position, else by city, the shop's order, name. */
    async list(query: { lat?: string; lng?: string; city?: string }): Promise<StoreList> {
      const point = coordinatesOf(query)
      const all = await activeStores(deps.db)
      const cities = [...new Set(all.map((s) => s.city))].sort(byName)
      const at = deps.now()
      const shown = query.city ? all.filter((s) => s.city === query.city) : all
      const items = shown.map((s) => ({ s, d: point ? distanceMeters(point, { lat: s.latitude, lng: s.longitude }) : null }))
      items.sort((a, b) => (point ? a.d! - b.d! : byName(a.s.city, b.s.city) || a.s.sort - b.s.sort || byName(a.s.name, b.s.name)) || a.s.id - b.s.id)
      return { items: items.map(({ s, d }) => listItem(s, at, d)), cities }
    },

    /** GET /api/stores/:id: the store and its bookable pickup slots (none when it takes no pickups); with ?lat=&lng= its distance too. */
    async detail(id: number, query: { lat?: string; lng?: string } = {}): Promise<StoreDetail> {
      const point = coordinatesOf(query)
      const s = await activeStore(id)
      const at = deps.now()
      const view = adminView(s, at)
      const { active: _active, sort: _sort, ...detail } = view
      return {
        ...detail,
        distanceMeters: point ? distanceMeters(point, { lat: s.latitude, lng: s.longitude }) : null,
        slotDays: s.pickup ? slotDays(s.hours, at) : [],
      }
    },

    /** GET /api/stores/:id/stock?skuIds=: its own counts, or the warehouse's for a store that sells from it. */
    async stock(id: number, skuIdsText: string | undefined): Promise<{ items: StoreSkuStock[] }> {
      const skuIds = skuIdsOf(skuIdsText)
      const s = await activeStore(id)
      return { items: await stockAt(deps.db, s.id, s.stockMode, skuIds) }
    },
  }
}

export type StoreService = ReturnType<typeof storeService>
