import { PLAN_INTERVALS, type DeliveryStatus, type PlanDeliveryRow, type PlanInterval, type PlanOffer, type PlanStatus } from '@domain/plans'
import { specsText } from './format'
import type { Checked, Path } from './points'

/**
 * The 周期购 screens' rules: the product's plan offer form, the day's delivery list (status
 * words, the address in one line, a CSV of it) and the holidays. Pure, so tested alone.
 */

export const PLAN_STATUS: Record<PlanStatus, { label: string; color: string }> = {
  pending: { label: '待付款', color: 'default' },
  active: { label: '配送中', color: 'blue' },
  completed: { label: '已完成', color: 'green' },
  cancelled: { label: '已取消', color: 'red' },
}

export const DELIVERY_STATUS: Record<DeliveryStatus, { label: string; color: string }> = {
  scheduled: { label: '待发货', color: 'orange' },
  shipped: { label: '已发货', color: 'green' },
  skipped: { label: '已跳过', color: 'default' },
  cancelled: { label: '已取消', color: 'red' },
}

/** Bounds of the offer (the plans module's check). */
export const PLAN_LIMITS = { deliveries: [2, 52], percentOff: [0, 50], cutoffHours: [0, 168], options: 6 } as const

export interface PlanOfferForm {
  enabled: boolean
  intervals: PlanInterval[]
  options: { deliveries?: number | null; percentOff?: number | null }[]
  cutoffHours?: number | null
}

export const offerToForm = (o: PlanOffer): PlanOfferForm => ({ enabled: o.enabled, intervals: [...o.intervals], options: o.options.map((x) => ({ ...x })), cutoffHours: o.cutoffHours })

export const emptyOfferForm = (): PlanOfferForm => ({ enabled: false, intervals: ['week'], options: [{ deliveries: 4, percentOff: 5 }], cutoffHours: 24 })

const wholeIn = (n: unknown, [min, max]: readonly [number, number]): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max

/** The form as the PUT body (options by length, intervals in their usual order), or the first wrong field. */
export function formToOffer(productId: number, v: PlanOfferForm): Checked<PlanOffer> {
  const fail = (field: Path, message: string): Checked<PlanOffer> => ({ ok: false, field, message })
  const L = PLAN_LIMITS
  const intervals = PLAN_INTERVALS.filter((i) => (v.intervals ?? []).includes(i))
  const options = v.options ?? []
  if (v.enabled && intervals.length === 0) return fail(['intervals'], '请至少选择一种配送周期')
  if (v.enabled && options.length === 0) return fail(['options'], '请至少添加一个期数')
  if (options.length > L.options) return fail(['options'], `最多 ${L.options} 个期数`)
  const seen = new Set<number>()
  for (const [i, o] of options.entries()) {
    if (!wholeIn(o.deliveries, L.deliveries)) return fail(['options', i, 'deliveries'], `期数须为 ${L.deliveries[0]}–${L.deliveries[1]} 的整数`)
    if (seen.has(o.deliveries)) return fail(['options', i, 'deliveries'], `${o.deliveries} 期已设置过`)
    seen.add(o.deliveries)
    if (!wholeIn(o.percentOff ?? 0, L.percentOff)) return fail(['options', i, 'percentOff'], `优惠须为 ${L.percentOff[0]}–${L.percentOff[1]} 的整数（%）`)
  }
  if (!wholeIn(v.cutoffHours, L.cutoffHours)) return fail(['cutoffHours'], `截止时间须为 ${L.cutoffHours[0]}–${L.cutoffHours[1]} 小时`)
  return {
    ok: true,
    value: {
      productId,
      enabled: !!v.enabled,
      intervals,
      options: options.map((o) => ({ deliveries: o.deliveries!, percentOff: o.percentOff ?? 0 })).sort((a, b) => a.deliveries - b.deliveries),
      cutoffHours: v.cutoffHours!,
    },
  }
}

/** "4 期 9.5 折" */
export const optionText = (o: { deliveries: number; percentOff: number }) => (o.percentOff > 0 ? `${o.deliveries} 期 ${((100 - o.percentOff) / 10).toString()} 折` : `${o.deliveries} 期 原价`)

export const addressText = (a: PlanDeliveryRow['address']) => `${a.name} ${a.phone} ${a.region.join('')}${a.detail}`

const csvCell = (s: string | number) => {
  const t = String(s)
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
}

/** The day's list as a CSV (with a BOM so Excel reads the Chinese): one row per delivery. */
export function deliveriesCsv(rows: PlanDeliveryRow[]): string {
  const head = ['配送日期', '订单号', '周期购', '第几期', '商品', '规格', '数量', '收货人', '电话', '地址', '状态', '快递', '单号']
  const body = rows.map((r) => [r.date, r.orderNo, `#${r.planId}`, r.n, r.title, specsText(r.specs), r.quantity, r.address.name, r.address.phone, r.address.region.join('') + r.address.detail, DELIVERY_STATUS[r.status].label, r.tracking?.carrier ?? '', r.tracking?.number ?? ''])
  return '\uFEFF' + [head, ...body].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** Holidays as the PUT body wants them: YYYY-MM-DD, each once, in order. */
export function normalizeHolidays(days: string[]): string[] {
  return [...new Set(days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort()
}

/** Today in the shop's time (the delivery list's default date). */
export const shopToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
