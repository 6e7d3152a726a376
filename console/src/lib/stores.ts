import { assertCoordinates, CoordinateError, hoursProblem, type PickupStatus, type StockMode } from '@domain/stores'
import type { AdminStore, StoreInput } from '../api/stores'
import type { Checked, Path } from './points'

/**
 * The 门店 screens' rules: the store form (hours as weekday boxes and two times, coordinates
 * checked as the server does), where a server field lands on the form, the pickup code as a
 * scanner types it, and each verify error in words. Pure, so tested alone.
 */

export const STOCK_MODE: Record<StockMode, { label: string; hint: string }> = {
  own: { label: '门店独立库存', hint: '按门店单独盘点库存，自提订单从本店库存扣减' },
  shared: { label: '共享总仓库存', hint: '与线上总仓共用库存（商品规格的库存）' },
}

export const PICKUP_STATUS: Record<PickupStatus, { label: string; color: string }> = {
  waiting: { label: '待自提', color: 'orange' },
  picked: { label: '已自提', color: 'green' },
  expired: { label: '已过期', color: 'default' },
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: `周${'一二三四五六日'[d - 1]}` }))

/** The form's values: the hours spread into weekday boxes and two HH:mm inputs. */
export interface StoreForm {
  name: string
  city: string
  address: string
  phone: string
  latitude?: number | null
  longitude?: number | null
  weekdays: number[]
  open: string
  close: string
  photos: string[]
  stockMode: StockMode
  pickup: boolean
  deliveryRadiusMeters?: number | null
  active: boolean
  sort?: number | null
}

export const emptyStoreForm = (): StoreForm => ({
  name: '',
  city: '',
  address: '',
  phone: '',
  latitude: null,
  longitude: null,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  open: '09:00',
  close: '21:00',
  photos: [],
  stockMode: 'shared',
  pickup: true,
  deliveryRadiusMeters: 0,
  active: true,
  sort: 0,
})

export function storeToForm(s: AdminStore): StoreForm {
  return {
    name: s.name,
    city: s.city,
    address: s.address,
    phone: s.phone,
    latitude: s.latitude,
    longitude: s.longitude,
    weekdays: [...s.hours.weekdays].sort((a, b) => a - b),
    open: s.hours.open,
    close: s.hours.close,
    photos: [...s.photos],
    stockMode: s.stockMode,
    pickup: s.pickup,
    deliveryRadiusMeters: s.deliveryRadiusMeters,
    active: s.active,
    sort: s.sort,
  }
}

const PHONE = /^[0-9+\-() ]{5,20}$/
const wholeIn = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max

/** The form as the POST/PUT body, or the first wrong field (as the form names it). */
export function formToStoreInput(v: StoreForm): Checked<StoreInput> {
  const fail = (field: Path, message: string): Checked<StoreInput> => ({ ok: false, field, message })
  const name = (v.name ?? '').trim()
  const city = (v.city ?? '').trim()
  const address = (v.address ?? '').trim()
  const phone = (v.phone ?? '').trim()
  if (!name || name.length > 30) return fail(['name'], '请输入门店名称（30 字以内）')
  if (!city || city.length > 20) return fail(['city'], '请输入城市，如 上海市')
  if (!address || address.length > 120) return fail(['address'], '请输入详细地址（120 字以内）')
  if (!PHONE.test(phone)) return fail(['phone'], '请输入门店电话，如 021-12345678')
  if (typeof v.latitude !== 'number') return fail(['latitude'], '请输入纬度')
  if (typeof v.longitude !== 'number') return fail(['longitude'], '请输入经度')
  try {
    assertCoordinates(v.latitude, v.longitude)
  } catch (err) {
    if (!(err instanceof CoordinateError)) throw err
    return fail([err.message.includes('lat') ? 'latitude' : 'longitude'], err.message)
  }
  // Both zero is the map picker not used, not a store in the Gulf of Guinea.
  if (v.latitude === 0 && v.longitude === 0) return fail(['latitude'], '请从地图坐标拾取器复制门店的坐标')
  const hours = { weekdays: [...new Set(v.weekdays ?? [])].sort((a, b) => a - b), open: v.open, close: v.close }
  const problem = hoursProblem(hours)
  if (problem) return fail([hours.weekdays.length === 0 ? 'weekdays' : 'close'], problem)
  const radius = v.deliveryRadiusMeters ?? 0
  if (!wholeIn(radius, 0, 100_000)) return fail(['deliveryRadiusMeters'], '配送半径须为 0–100000 米的整数（0 = 不配送）')
  const sort = v.sort ?? 0
  if (!wholeIn(sort, 0, 9999)) return fail(['sort'], '排序须为 0–9999 的整数')
  if ((v.photos ?? []).length > 9) return fail(['photos'], '最多 9 张照片')
  return {
    ok: true,
    value: {
      name,
      city,
      address,
      phone,
      latitude: v.latitude,
      longitude: v.longitude,
      hours,
      photos: [...(v.photos ?? [])],
      stockMode: v.stockMode,
      pickup: !!v.pickup,
      deliveryRadiusMeters: radius,
      active: !!v.active,
      sort,
    },
  }
}

/** The server's 400 field (StoreInput's names) as the form's: the hours are spread over three inputs. */
export function storeFormField(field: string): Path | null {
  if (field === 'hours' || field === 'hours.open' || field === 'hours.close') return [field === 'hours.open' ? 'open' : 'close']
  if (field.startsWith('hours.weekdays')) return ['weekdays']
  if (field === 'lat') return ['latitude']
  if (field === 'lng') return ['longitude']
  if (field.startsWith('photos')) return ['photos']
  return [field]
}

/**
 * What a scanner or a keyboard typed, as the code to send: the digits only (a scanner may add
 * a prefix, spaces or a newline; a QR of the app may carry "pickup:12345678"). null until 8.
 */
export function pickupCodeOf(raw: string): string | null {
  const digits = raw.replace(/\D/g, '')
  return digits.length === 8 ? digits : null
}

/** A verify error in words the counter staff read at a glance. */
export function pickupErrorText(code: string, fallback: string): { title: string; detail: string } {
  switch (code) {
    case 'PICKUP_USED':
      return { title: '已核销过', detail: '这个提货码已经核销，商品已被取走，请勿重复交付' }
    case 'WRONG_STORE':
      return { title: '不是本店的订单', detail: '这个订单选择在其他门店自提，请引导顾客到下单时选择的门店' }
    case 'ORDER_NOT_PAID':
      return { title: '订单未付款', detail: '这个订单还没有付款（或已退款），不能交付商品' }
    case 'PICKUP_NOT_FOUND':
      return { title: '提货码不存在', detail: '没有找到这个提货码，请核对 8 位数字' }
    default:
      return { title: '核销失败', detail: fallback }
  }
}

/** 'own' stores keep their own counts (the 库存 tab); shared ones use the SKUs' stock. */
export const hasOwnStock = (s: Pick<AdminStore, 'stockMode'>) => s.stockMode === 'own'

/** "3 km" / "不配送" */
export const radiusText = (m: number) => (m <= 0 ? '不配送' : m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(m % 1000 === 0 ? 0 : 1)} 公里`)
