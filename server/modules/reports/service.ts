import type { Queryable } from '../../db'
import type { Platform } from '../orders'
import { lowStock, newShoppers, refundsByDay, salesByDayAndPlatform, topProducts, type Window } from './repository'
import type { Dashboard, DashboardRange } from '../../../src/domain/admin-contract'
export type { Dashboard, DashboardRange }

export const DASHBOARD_RANGES = ['today', '7d', '30d'] as const satisfies readonly DashboardRange[]
const DAYS: Record<DashboardRange, number> = { today: 1, '7d': 7, '30d': 30 }
export const PLATFORMS: readonly Platform[] = ['weapp', 'alipay', 'h5']

// Beijing has kept UTC+8 without daylight saving since 1991, so a shop day is a fixed 24 h
// window; the SQL groups with AT TIME ZONE 'Asia/Shanghai', which gives the same days.
const SHOP_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** The shop day (YYYY-MM-DD) `at` falls on. */
export function shopDay(at: Date): string {
  return new Date(at.getTime() + SHOP_OFFSET_MS).toISOString().slice(0, 10)
}

/** The range's days and its window: from the start of the first day to the end of today (shop time). */
export function rangeWindow(range: DashboardRange, now: Date): { days: string[]; window: Window } {
  const todayStart = Date.parse(`${shopDay(now)}T00:00:00Z`) - SHOP_OFFSET_MS
  const n = DAYS[range]
  const from = todayStart - (n - 1) * DAY_MS
  const days = Array.from({ length: n }, (_, i) => shopDay(new Date(from + i * DAY_MS)))
  return { days, window: { from: new Date(from), to: new Date(todayStart + DAY_MS) } }
}

export async function dashboard(db: Queryable, q: { range: DashboardRange; lowStock: number; now: Date }): Promise<Dashboard> {
  const { days, window } = rangeWindow(q.range, q.now)
  // Independent aggregates side by side (PostgreSQL runs them on separate connections).
  const [sales, refunds, shoppers, top, low] = await Promise.all([
    salesByDayAndPlatform(db, window),
    refundsByDay(db, window),
    newShoppers(db, window),
    topProducts(db, window, 10),
    lowStock(db, q.lowStock, 50),
  ])
  const series = new Map(days.map((date) => [date, { date, sales: 0, paidOrders: 0, refundAmount: 0 }]))
  const byPlatform = new Map(PLATFORMS.map((platform) => [platform, { platform, sales: 0, paidOrders: 0 }]))
  for (const s of sales) {
    const d = series.get(s.day)
    if (d) {
      d.sales += s.sales
      d.paidOrders += s.orders
    }
    const p = byPlatform.get(s.platform)
    if (p) {
      p.sales += s.sales
      p.paidOrders += s.orders
    }
  }
  for (const r of refunds) {
    const d = series.get(r.day)
    if (d) d.refundAmount += r.amount
  }
  const total = sales.reduce((t, s) => ({ sales: t.sales + s.sales, orders: t.orders + s.orders }), { sales: 0, orders: 0 })
  return {
    range: q.range,
    from: days[0],
    to: days[days.length - 1],
    totals: {
      sales: total.sales,
      paidOrders: total.orders,
      avgOrder: total.orders ? Math.round(total.sales / total.orders) : 0,
      refundAmount: refunds.reduce((t, r) => t + r.amount, 0),
      refunds: refunds.reduce((t, r) => t + r.refunds, 0),
      newShoppers: shoppers,
    },
    byPlatform: [...byPlatform.values()],
    series: [...series.values()],
    topProducts: top,
    lowStock: low,
  }
}
