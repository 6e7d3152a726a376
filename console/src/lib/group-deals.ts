import { yuanToFen } from '@domain/money'
import { GROUP_SIZE_MAX, GROUP_SIZE_MIN, type AdminGroupDeal, type GroupDealInput, type GroupStatus } from '@domain/groups'
import { money } from './format'

/**
 * The 拼团 screens' rules: a deal's phase, its price range, and the 新建拼团 form turned into
 * GroupDealInput (prices typed in yuan, sent in fen), checked before anything is sent. Pure.
 */

export const GROUP_STATUS: Record<GroupStatus, { label: string; color: string }> = {
  forming: { label: '拼团中', color: 'orange' },
  succeeded: { label: '已成团', color: 'green' },
  failed: { label: '未成团', color: 'default' },
}

export type DealPhase = 'scheduled' | 'running' | 'over'
export const DEAL_PHASE: Record<DealPhase, { label: string; color: string }> = {
  scheduled: { label: '未开始', color: 'blue' },
  running: { label: '进行中', color: 'green' },
  over: { label: '已结束', color: 'default' },
}

/** Live while startsAt <= now < endsAt and not ended by hand (the domain's rule, GroupDealInput). */
export function dealPhase(deal: Pick<AdminGroupDeal, 'startsAt' | 'endsAt' | 'endedAt'>, now: number = Date.now()): DealPhase {
  if (deal.endedAt || now >= Date.parse(deal.endsAt)) return 'over'
  return now < Date.parse(deal.startsAt) ? 'scheduled' : 'running'
}

/** ¥9.90, or ¥9.90 ~ ¥19.90 across the deal's SKUs. */
export function priceRange(skus: { price: number }[]): string {
  if (skus.length === 0) return '—'
  const prices = skus.map((s) => s.price)
  const lo = Math.min(...prices)
  const hi = Math.max(...prices)
  return lo === hi ? money(lo) : `${money(lo)} ~ ${money(hi)}`
}

export const dealStock = (deal: Pick<AdminGroupDeal, 'skus'>) => deal.skus.reduce((sum, s) => sum + s.stock, 0)

/** One SKU row of the form: every SKU of the chosen product is listed; only the ticked ones join the deal. */
export interface DealSkuRow {
  skuId: number
  /** "颜色：红，尺码：M" and the regular price, for the row's label. */
  label: string
  regularPrice: number
  enabled: boolean
  price?: string
  stock?: number | null
}

export interface DealForm {
  name: string
  productId?: number
  size: number
  hours: number
  perUserLimit?: number | null
  robotFill: boolean
  /** ISO times (the page turns its range picker's values into these). */
  startsAt?: string
  endsAt?: string
  skus: DealSkuRow[]
}

export const DEAL_HOURS_MAX = 72

export const emptyDealForm = (): DealForm => ({ name: '', size: 2, hours: 24, perUserLimit: null, robotFill: false, skus: [] })

export type DealFromForm = { ok: true; input: GroupDealInput } | { ok: false; field: (string | number)[]; message: string }

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n)

/** The form as the POST body, or the first field that is wrong (as the form's NamePath). */
export function formToDealInput(v: DealForm): DealFromForm {
  const fail = (field: (string | number)[], message: string): DealFromForm => ({ ok: false, field, message })
  const name = (v.name ?? '').trim()
  if (!name) return fail(['name'], '请输入拼团名称')
  if (!isInt(v.productId)) return fail(['productId'], '请选择商品')
  if (!isInt(v.size) || v.size < GROUP_SIZE_MIN || v.size > GROUP_SIZE_MAX) return fail(['size'], `成团人数须为 ${GROUP_SIZE_MIN}–${GROUP_SIZE_MAX} 人`)
  if (!isInt(v.hours) || v.hours < 1 || v.hours > DEAL_HOURS_MAX) return fail(['hours'], `成团时限须为 1–${DEAL_HOURS_MAX} 小时`)
  const limit = v.perUserLimit ?? null
  if (limit !== null && (!isInt(limit) || limit < 1)) return fail(['perUserLimit'], '每人限购须为正整数，不限则留空')
  if (!v.startsAt || !v.endsAt) return fail(['time'], '请选择活动时间')
  if (Date.parse(v.endsAt) <= Date.parse(v.startsAt)) return fail(['time'], '结束时间须晚于开始时间')
  const skus: GroupDealInput['skus'] = []
  for (const [i, row] of v.skus.entries()) {
    if (!row.enabled) continue
    let price: number
    try {
      price = yuanToFen(String(row.price ?? '').trim())
    } catch {
      return fail(['skus', i, 'price'], '请输入拼团价，如 19.90（最多两位小数）')
    }
    if (price <= 0) return fail(['skus', i, 'price'], '拼团价须大于 0')
    if (row.regularPrice > 0 && price >= row.regularPrice) return fail(['skus', i, 'price'], `拼团价须低于原价 ${money(row.regularPrice)}`)
    if (!isInt(row.stock) || row.stock < 1) return fail(['skus', i, 'stock'], '请输入拼团库存（至少 1 件）')
    skus.push({ skuId: row.skuId, price, stock: row.stock })
  }
  if (skus.length === 0) return fail(['skus'], '请至少选择一个规格参加拼团')
  return {
    ok: true,
    input: { name, productId: v.productId, size: v.size, hours: v.hours, perUserLimit: limit, robotFill: !!v.robotFill, startsAt: v.startsAt, endsAt: v.endsAt, skus },
  }
}

/**
 * A server field of GroupDealInput -> the form's NamePath. The server counts only the SKUs
 * sent (skus.1 = the second ticked row), the form every SKU of the product.
 */
export function dealFormField(field: string, v: Pick<DealForm, 'skus'>): (string | number)[] | null {
  if (field === 'startsAt' || field === 'endsAt') return ['time']
  // skus.1.price or skus[1].price (the groups module's checkGroupDeal names it so).
  const m = /^skus(?:\.(\d+)|\[(\d+)\])(?:\.(price|stock|skuId))?$/.exec(field)
  if (m) {
    const sent = v.skus.map((row, i) => ({ row, i })).filter((x) => x.row.enabled)
    const hit = sent[Number(m[1] ?? m[2])]
    if (!hit) return ['skus']
    return m[3] && m[3] !== 'skuId' ? ['skus', hit.i, m[3]] : ['skus', hit.i, 'price']
  }
  return ['name', 'productId', 'size', 'hours', 'perUserLimit', 'robotFill'].includes(field) ? [field] : null
}
