import type { Paged } from '../../../src/domain/contract'
import { checkPlanOffer, isDay, type PlanDeliveryRow, type PlanOffer, type PlanSettings, type PlanStatus, type PlanView } from '../../../src/domain/plans'
import type { Db } from '../../db'
import { badInput, conflict, notFound } from '../../lib/errors'
import { parseJson } from '../../lib/rows'
import { lockOrder } from '../orders'
import type { ShippingService } from '../shipping'
import { recordAudit, type AuditActor } from '../staff'
import * as repo from './repository'

/** The console's periodic purchase (plans:read / plans:write): offers, holidays, plans, the daily list and shipping a delivery. */
export interface PlanAdmin {
  offer(productId: number): Promise<PlanOffer>
  saveOffer(actor: AuditActor, offer: PlanOffer): Promise<PlanOffer>
  settings(): Promise<PlanSettings>
  saveSettings(actor: AuditActor, s: PlanSettings): Promise<PlanSettings>
  list(filter: { status?: PlanStatus; page: number; pageSize: number }): Promise<Paged<PlanView>>
  deliveriesOn(date: string): Promise<{ items: PlanDeliveryRow[] }>
  ship(actor: AuditActor, planId: number, n: number, parcel: { carrier: string; trackingNo: string }): Promise<PlanDeliveryRow>
}

export const MAX_HOLIDAYS = 100

export function planAdmin(db: Db, deps: { now: () => Date; shipping: Pick<ShippingService, 'shipPartIn'> }): PlanAdmin {
  return {
    async offer(productId) {
      const o = await repo.findOffer(db, productId)
      if (o) return o
      if (!(await db.maybeOne('SELECT 1 FROM products WHERE id = $1', [productId]))) throw notFound('商品', 'PRODUCT_NOT_FOUND')
      // None yet: the form's starting point, switched off.
      return { productId, enabled: false, intervals: ['week'], options: [{ deliveries: 4, percentOff: 0 }], cutoffHours: 24 }
    },

    async saveOffer(actor, offer) {
      const problem = checkPlanOffer(offer)
      if (problem) throw badInput(problem.message, problem.field)
      if (!(await db.maybeOne('SELECT 1 FROM products WHERE id = $1', [offer.productId]))) throw notFound('商品', 'PRODUCT_NOT_FOUND')
      const options = [...offer.options].sort((a, b) => a.deliveries - b.deliveries)
      const next = { ...offer, options }
      await db.tx(async (q) => {
        const before = await repo.findOffer(q, offer.productId)
        await repo.saveOffer(q, next, deps.now())
        await recordAudit(q, actor, { action: 'plan_offer.save', entity: 'product', entityId: offer.productId, before, after: next })
      })
      return (await repo.findOffer(db, offer.productId)) as PlanOffer
    },

    settings: async () => ({ holidays: await repo.holidays(db) }),

    async saveSettings(actor, s) {
      if (s.holidays.length > MAX_HOLIDAYS) throw badInput(`休息日最多 ${MAX_HOLIDAYS} 天`, 'holidays')
      const bad = s.holidays.find((d) => !isDay(d))
      if (bad !== undefined) throw badInput(`日期格式应为 YYYY-MM-DD：${String(bad)}`, 'holidays')
      const days = [...new Set(s.holidays)].sort()
      await db.tx(async (q) => {
        const before = await repo.holidays(q)
        await repo.saveHolidays(q, days, deps.now())
        await recordAudit(q, actor, { action: 'plan_settings.save', entity: 'plan_settings', entityId: 1, before: { holidays: before }, after: { holidays: days } })
      })
      return { holidays: days }
    },

    async list({ status, page, pageSize }) {
      const { rows, total } = await repo.plansOf(db, { status }, pageSize, (page - 1) * pageSize)
      return { items: await Promise.all(rows.map((p) => repo.planView(db, p))), total, page, pageSize }
    },

    async deliveriesOn(date) {
      if (!isDay(date)) throw badInput('日期格式应为 YYYY-MM-DD', 'date')
      return { items: await repo.deliveriesOn(db, date) }
    },

    async ship(actor, planId, n, parcel) {
      const found = await repo.planById(db, planId)
      if (!found) throw notFound('周期购', 'PLAN_NOT_FOUND')
      await db.tx(async (q) => {
        // The order row, then the plan's (the order hooks' order): two ships of one plan queue up here.
        await lockOrder(q, found.order_id)
        const p = (await repo.planById(q, planId, true)) as repo.PlanRow
        if (p.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', '周期购未生效、已完成或已取消')
        const ds = await repo.deliveriesOf(q, planId)
        const d = ds.find((x) => x.n === n)
        if (!d) throw notFound('配送期', 'DELIVERY_NOT_FOUND')
        if (d.status !== 'scheduled') throw conflict('DELIVERY_NOT_SCHEDULED', '这一期已发货、已跳过或已取消')
        const last = !ds.some((x) => x.n !== n && x.status === 'scheduled')
        const line = await q.one<{ id: number }>('SELECT id FROM order_items WHERE order_id = $1 AND sku_id = $2 ORDER BY id LIMIT 1', [p.order_id, p.sku_id])
        const address = parseJson(d.address) as PlanView['address']
        const at = deps.now()
        const shipmentId = await deps.shipping.shipPartIn(q, p.order_id, { ...parcel, items: [{ orderItemId: line.id, quantity: p.quantity }], phone: address.phone }, { key: `plan${planId}-${n}`, last, at })
        await repo.moveDelivery(q, planId, n, 'scheduled', 'shipped', { shipmentId, carrier: parcel.carrier, trackingNo: parcel.trackingNo, at })
        if (last) await repo.movePlan(q, planId, ['active'], 'completed', at)
        await recordAudit(q, actor, { action: 'plan.ship', entity: 'plan', entityId: planId, before: { n, status: 'scheduled' }, after: { n, status: 'shipped', ...parcel, last } })
      })
      return (await repo.deliveriesOn(db, '', { planId, n }))[0] as PlanDeliveryRow
    },
  }
}
