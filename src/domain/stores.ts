/**
 * Stores (门店) and pickup (门店自提): where a store is, when it is open, how far it is, and
 * the pickup time slots it offers. Shared by the server (which decides), the app (which shows
 * "营业中 · 1.2km") and the console. Pure: no I/O. Times are the shop's (Asia/Shanghai, UTC+8
 * all year).
 */
import { shopDay } from './points'

/** How a store keeps stock: `own` counts its own units per SKU; `shared` sells from the warehouse (skus.stock). */
export const STOCK_MODES = ['own', 'shared'] as const
export type StockMode = (typeof STOCK_MODES)[number]

/** Opening hours: the same hours on the listed weekdays (1 = Monday … 7 = Sunday). close > open; no overnight. */
export interface StoreHours {
  weekdays: number[]
  /** HH:mm */
  open: string
  /** HH:mm */
  close: string
}

/** GET /api/stores?lat=&lng=: nearest first when coordinates are given (distanceMeters null otherwise). */
export interface StoreListItem {
  id: number
  name: string
  city: string
  address: string
  phone: string
  latitude: number
  longitude: number
  distanceMeters: number | null
  /** Open at the moment of the request. */
  open: boolean
  /** "周一至周日 09:00-21:00" */
  hoursText: string
  /** First photo, or '' */
  photo: string
  pickup: boolean
  /** 0 = the store does not deliver. */
  deliveryRadiusMeters: number
}

export interface StoreList {
  items: StoreListItem[]
  /** Every city with a store, for the fallback list when the shopper refuses location. */
  cities: string[]
}

export interface PickupSlotDay {
  /** YYYY-MM-DD */
  date: string
  /** Slot strings, see formatSlot. */
  slots: string[]
}

/** GET /api/stores/:id */
export interface StoreDetail extends StoreListItem {
  photos: string[]
  hours: StoreHours
  stockMode: StockMode
  /** The pickup slots still bookable: today (from now + PICKUP_PREP_MINUTES) and the next days. */
  slotDays: PickupSlotDay[]
}

/** POST /api/orders and /api/orders/preview: absent means delivery. */
export type FulfilmentInput = { type: 'delivery' } | { type: 'pickup'; storeId: number; slot: string }

export const PICKUP_STATUSES = ['waiting', 'picked', 'expired'] as const
export type PickupStatus = (typeof PICKUP_STATUSES)[number]

/** GET /api/orders/:id `pickup` on a pickup order (code only to its shopper and staff). */
export interface OrderPickup {
  code: string
  storeId: number
  slot: string
  storeName: string
  storeAddress: string
  storePhone: string
  latitude: number
  longitude: number
  status: PickupStatus
  verifiedAt: string | null
  /** When an unpicked order is refunded by itself. */
  expiresAt: string
}

/** GET/PUT /api/admin/pickup-settings */
export interface PickupSettings {
  /** Hours after the slot ends before the shopper is reminded (0 = never). */
  remindAfterHours: number
  /** Days after the slot ends before an unpicked order is refunded in full. */
  refundAfterDays: number
}

export const DEFAULT_PICKUP_SETTINGS: PickupSettings = { remindAfterHours: 24, refundAfterDays: 3 }

/** Minutes between ordering and the earliest slot start; slots are hourly; days offered ahead (today included). */
export const PICKUP_PREP_MINUTES = 30
export const SLOT_MINUTES = 60
export const SLOT_DAYS = 3

// ——— Rules (pure) ———

const SHOP_OFFSET_MS = 8 * 3600_000
const EARTH_RADIUS_M = 6_371_008.8

export class CoordinateError extends RangeError {}

/** Throws CoordinateError unless lat ∈ [-90, 90] and lng ∈ [-180, 180] and both are finite. */
export function assertCoordinates(lat: number, lng: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new CoordinateError('纬度 lat 必须在 -90 到 90 之间')
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new CoordinateError('经度 lng 必须在 -180 到 180 之间')
}

/** Great-circle distance (haversine), whole metres. Both platforms' getLocation answer GCJ-02, as the stores are entered; the offset cancels. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

/** "850m", "1.2km", "12km" */
export function distanceText(m: number): string {
  if (m < 1000) return `${m}m`
  if (m < 10_000) return `${(m / 1000).toFixed(1)}km`
  return `${Math.round(m / 1000)}km`
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/

export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm)
  if (!m) throw new RangeError(`时间必须是 HH:mm：${hhmm}`)
  return Number(m[1]) * 60 + Number(m[2])
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** null when the hours are valid, else the reason. */
export function hoursProblem(h: StoreHours): string | null {
  if (!Array.isArray(h.weekdays) || h.weekdays.length === 0) return '至少选择一个营业日'
  if (h.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return '营业日必须是 1（周一）到 7（周日）'
  if (!HHMM.test(h.open) || !HHMM.test(h.close)) return '营业时间必须是 HH:mm'
  if (minutesOf(h.close) <= minutesOf(h.open)) return '打烊时间必须晚于开门时间'
  return null
}

/** The shop's weekday (1 = Monday … 7 = Sunday) and minute of the day at an instant. */
function shopClock(at: Date): { day: string; weekday: number; minute: number } {
  const local = new Date(at.getTime() + SHOP_OFFSET_MS)
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay()
  return { day: shopDay(at), weekday, minute: local.getUTCHours() * 60 + local.getUTCMinutes() }
}

function weekdayOf(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

export function isOpenAt(h: StoreHours, at: Date): boolean {
  const c = shopClock(at)
  return h.weekdays.includes(c.weekday) && c.minute >= minutesOf(h.open) && c.minute < minutesOf(h.close)
}

const WEEKDAY_TEXT = ['', '一', '二', '三', '四', '五', '六', '日']

/** "周一至周日 09:00-21:00", "周一、三、五 10:00-18:00" */
export function hoursText(h: StoreHours): string {
  const days = [...new Set(h.weekdays)].sort((a, b) => a - b)
  const contiguous = days.length > 2 && days[days.length - 1] - days[0] === days.length - 1
  const dayText = contiguous ? `周${WEEKDAY_TEXT[days[0]]}至周${WEEKDAY_TEXT[days[days.length - 1]]}` : `周${days.map((d) => WEEKDAY_TEXT[d]).join('、')}`
  return `${dayText} ${h.open}-${h.close}`
}

/** A slot as sent and stored: "2026-12-06 10:00-11:00" (the shop's time). */
export function formatSlot(day: string, startMinute: number, endMinute: number): string {
  return `${day} ${hhmm(startMinute)}-${hhmm(endMinute)}`
}

const SLOT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})-(\d{2}:\d{2})$/

/** The slot's day and its start and end as instants; null when it is not a slot string. */
export function parseSlot(slot: string): { day: string; start: Date; end: Date } | null {
  const m = SLOT.exec(slot)
  if (!m || !HHMM.test(m[2]) || !HHMM.test(m[3])) return null
  const midnight = Date.parse(`${m[1]}T00:00:00Z`)
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== m[1]) return null
  const start = new Date(midnight - SHOP_OFFSET_MS + minutesOf(m[2]) * 60_000)
  const end = new Date(midnight - SHOP_OFFSET_MS + minutesOf(m[3]) * 60_000)
  return end > start ? { day: m[1], start, end } : null
}

/** The bookable slots: hourly windows inside opening hours, starting ≥ now + PICKUP_PREP_MINUTES, for SLOT_DAYS days from today. */
export function slotDays(h: StoreHours, now: Date): PickupSlotDay[] {
  const out: PickupSlotDay[] = []
  const today = shopClock(now)
  const open = minutesOf(h.open)
  const close = minutesOf(h.close)
  for (let i = 0; i < SLOT_DAYS; i++) {
    const day = new Date(Date.parse(`${today.day}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)
    if (!h.weekdays.includes(weekdayOf(day))) continue
    // Minutes into day i: late in the evening the preparation time reaches into tomorrow.
    const earliest = today.minute + PICKUP_PREP_MINUTES - i * 24 * 60
    const slots: string[] = []
    for (let s = open; s + SLOT_MINUTES <= close; s += SLOT_MINUTES) if (s >= earliest) slots.push(formatSlot(day, s, s + SLOT_MINUTES))
    // A last window shorter than an hour (open 09:30–21:00 ends 20:30–21:00).
    const last = open + Math.floor((close - open) / SLOT_MINUTES) * SLOT_MINUTES
    if (last < close && last >= earliest) slots.push(formatSlot(day, last, close))
    if (slots.length > 0) out.push({ date: day, slots })
  }
  return out
}

/** null when the shopper may book this slot now, else why (a 409 SLOT_UNAVAILABLE). */
export function slotProblem(h: StoreHours, slot: string, now: Date): string | null {
  if (!parseSlot(slot)) return '自提时间格式不对，应为 "YYYY-MM-DD HH:mm-HH:mm"'
  const ok = slotDays(h, now).some((d) => d.slots.includes(slot))
  return ok ? null : '这个自提时间已不可选，请重新选择'
}

// ——— The console's stores (GET/POST/PUT /api/admin/stores) ———

/** A store as the console edits it: StoreDetail without slotDays, plus whether it is listed and where. */
export interface AdminStore extends Omit<StoreDetail, 'slotDays'> {
  active: boolean
  sort: number
}

/**
 * POST /api/admin/stores and PUT /api/admin/stores/:id (a whole store each time): the fields the
 * shopper sees, photos as URLs from POST /api/admin/stores/photos, and whether and where it is listed.
 */
export interface StoreInput
  extends Pick<StoreListItem, 'name' | 'city' | 'address' | 'phone' | 'latitude' | 'longitude' | 'pickup' | 'deliveryRadiusMeters'>,
    Pick<StoreDetail, 'photos' | 'hours' | 'stockMode'> {
  active: boolean
  sort: number
}

/** GET /api/admin/stores/:id/stock: every SKU on sale with this store's own count. */
export interface AdminStoreStockRow {
  skuId: number
  productId: number
  title: string
  /** "白色 / M" */
  specs: string
  stock: number
}

/** GET /api/stores/:id/stock?skuIds=: what the store can hand over now (own stock or the warehouse's). */
export interface StoreSkuStock {
  skuId: number
  stock: number
}

/** GET /api/admin/pickups: one pickup order, its full code for staff. */
export interface AdminPickupRow {
  orderId: number
  orderNo: string
  code: string
  storeId: number
  storeName: string
  slot: string
  status: PickupStatus
  /** The order's status (paid = waiting to be picked up). */
  orderStatus: string
  buyer: { userId: number; nickname: string }
  total: number
  verifiedAt: string | null
  createdAt: string
}

/** POST /api/admin/pickups/verify */
export interface VerifyPickupInput {
  code: string
  /** The store the staff member is at: a code of another store answers 409 WRONG_STORE. */
  storeId?: number
}
