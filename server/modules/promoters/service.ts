import type { Paged, Refund } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import {
  canApply,
  checkPromoterSettings,
  type AdminPromoter,
  type CommissionItem,
  type CommissionState,
  type ProductRates,
  type PromoterCustomer,
  type PromoterMe,
  type PromoterSettings,
  type PromoterStatus,
} from '../../../src/domain/promoters'
import type { Db, Tx } from '../../db'
import { badInput, conflict, notFound } from '../../lib/errors'
import { newSceneId, sceneFor } from '../attribution'
import { recordAudit, type AdminIdentity } from '../staff'
import { bindIn, boundPromoterAt } from './bindings'
import { accrueIn, releaseSettled, reverseIn } from './commission'
import { figures, findAdmin, listAdmin, listCommissions, listCustomers, listRecruits, promoterOfUser, type AdminFilter, type PromoterRow } from './repository'
import { productRates, readSettings, setProductRates, writeSettings } from './settings'

export interface PromoterDeps {
  now: () => Date
  /** The after-sales window (config.afterSales.windowDays): commission is released when it ends. */
  windowDays: number
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface PromoterService {
  // Shopper
  apply(userId: number): Promise<{ status: PromoterStatus }>
  me(userId: number): Promise<PromoterMe>
  myCommissions(userId: number, f: { state?: CommissionState; page: number; pageSize: number }): Promise<Paged<CommissionItem>>
  myCustomers(userId: number, page: number, pageSize: number): Promise<{ items: PromoterCustomer[]; total: number }>
  myRecruits(userId: number): Promise<{ items: { nickname: string; joinedAt: string }[] }>

  // Console
  settings(): Promise<PromoterSettings>
  saveSettings(admin: AdminIdentity, s: PromoterSettings): Promise<PromoterSettings>
  productRates(productId: number): Promise<ProductRates & { productId: number }>
  setProductRates(admin: AdminIdentity, productId: number, rates: ProductRates): Promise<ProductRates & { productId: number }>
  adminList(f: AdminFilter): Promise<Paged<AdminPromoter>>
  decide(admin: AdminIdentity, id: number, event: PromoterEvent, reason?: string): Promise<AdminPromoter>
  adminCommissions(id: number, f: { state?: CommissionState; page: number; pageSize: number }): Promise<Paged<CommissionItem>>

  // Hooks other modules call inside their own transactions (wired in app.ts)
  /** attribution's visit transaction: binds the customer to the scene's promoter unless locked to another; whether bound to them now. */
  bindIn(q: Tx, e: { userId: number; promoterId: number; scene: string; at: Date }): Promise<boolean>
  /** orders.transitionIn's onTransition: accrues commission when an order becomes paid. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** refunds' finish transaction: reverses the refunded lines' pending commission. */
  onRefundFinished(q: Tx, refund: Refund): Promise<void>
  /** The sweeper: releases pending commission of orders whose after-sales window ended; how many orders released some. */
  release(): Promise<number>
}

export type PromoterEvent = 'approve' | 'reject' | 'disable'

/** The promoter machine as a table: where each console action may start and where it goes. */
const MOVES: Record<PromoterEvent, { from: PromoterStatus; to: PromoterStatus; refused: string }> = {
  approve: { from: 'pending', to: 'approved', refused: '只有待审核的申请可以通过' },
  reject: { from: 'pending', to: 'rejected', refused: '只有待审核的申请可以拒绝' },
  disable: { from: 'approved', to: 'disabled', refused: '只有已通过的推广员可以停用' },
}

const ZERO_SETTINGS = (s: PromoterSettings): PromoterMe['settings'] => ({
  applyMode: s.applyMode,
  lockDays: s.lockDays,
  level1RateBp: s.level1RateBp,
  level2RateBp: s.level2RateBp,
  minWithdrawal: s.minWithdrawal,
  dailyWithdrawalLimit: s.dailyWithdrawalLimit,
})

// Orders that count for after_purchase: paid and not (wholly) refunded.
const COUNTED: readonly OrderStatus[] = ['paid', 'shipped', 'completed']

export function promoterService(db: Db, deps: PromoterDeps): PromoterService {
  const { now, windowDays } = deps

  async function apply(userId: number): Promise<{ status: PromoterStatus }> {
    return db.tx(async (q) => {
      const at = now()
      const s = await readSettings(q, at)
      if (!s.enabled) throw conflict('PROMOTERS_CLOSED', '推广员招募暂未开放')
      const existing = await promoterOfUser(q, userId, true)
      // Applying again answers where the application stands; only a rejected one may try again.
      if (existing && existing.status !== 'rejected') return { status: existing.status }
      const paid = await q.one<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE user_id = $1 AND status = ANY($2::text[])', [userId, COUNTED])
      const d = canApply(s.applyMode, paid.n)
      if (!d.ok) throw conflict(d.code, d.message)
      const decidedAt = d.status === 'approved' ? at : null
      const decidedBy = d.status === 'approved' ? 'SYSTEM' : null
      if (existing) {
        await q.query('UPDATE promoters SET status = $2, applied_at = $3, decided_at = $4, decided_by = $5, reject_reason = NULL WHERE id = $1', [existing.id, d.status, at, decidedAt, decidedBy])
        return { status: d.status }
      }
      // Recruited by the promoter they are bound to now: that promoter earns level 2 on this one's customers.
      const parentId = await boundPromoterAt(q, userId, at)
      const chosen = newSceneId()
      const row = await q.maybeOne<PromoterRow>(
        `INSERT INTO promoters (user_id, status, parent_id, scene, applied_at, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO NOTHING RETURNING *`,
        [userId, d.status, parentId, chosen, at, decidedAt, decidedBy],
      )
      if (!row) return { status: ((await promoterOfUser(q, userId)) as PromoterRow).status }
      // The promoter's own scene row (its id chosen above; a collision with another scene gives a new one).
      const scene = await sceneFor(q, { promoterId: row.id, productId: null, channel: 'share', storeId: null }, at, chosen)
      if (scene !== chosen) await q.query('UPDATE promoters SET scene = $2 WHERE id = $1', [row.id, scene])
      return { status: d.status }
    })
  }

  async function me(userId: number): Promise<PromoterMe> {
    const s = await readSettings(db, now())
    const p = await promoterOfUser(db, userId)
    if (!p) return { status: null, scene: null, level1Customers: 0, recruits: 0, pending: 0, released: 0, withdrawable: 0, withdrawn: 0, settings: ZERO_SETTINGS(s) }
    const f = await figures(db, p.id)
    return { status: p.status, scene: p.scene, level1Customers: f.customers, recruits: f.recruits, pending: f.pending, released: f.released, withdrawable: f.withdrawable, withdrawn: f.withdrawn, settings: ZERO_SETTINGS(s) }
  }

  /** The caller's promoter row, or 404 (not a promoter: nothing to list). */
  async function own(userId: number): Promise<PromoterRow> {
    const p = await promoterOfUser(db, userId)
    if (!p) throw notFound('推广员', 'PROMOTER_NOT_FOUND')
    return p
  }

  async function decide(admin: AdminIdentity, id: number, event: PromoterEvent, reason?: string): Promise<AdminPromoter> {
    const m = MOVES[event]
    await db.tx(async (q) => {
      const at = now()
      const moved = await q.maybeOne<{ id: number }>(
        'UPDATE promoters SET status = $3, decided_at = $4, decided_by = $5, reject_reason = $6 WHERE id = $1 AND status = $2 RETURNING id',
        [id, m.from, m.to, at, admin.username, event === 'reject' ? (reason ?? null) : null],
      )
      if (!moved) {
        if (!(await q.maybeOne('SELECT 1 FROM promoters WHERE id = $1', [id]))) throw notFound('推广员', 'PROMOTER_NOT_FOUND')
        throw conflict('INVALID_STATE', m.refused)
      }
      await recordAudit(q, admin, { action: `promoter.${event}`, entity: 'promoter', entityId: id, before: { status: m.from }, after: { status: m.to, ...(reason ? { reason } : {}) } })
    })
    return (await findAdmin(db, id)) as AdminPromoter
  }

  async function saveSettings(admin: AdminIdentity, s: PromoterSettings): Promise<PromoterSettings> {
    const check = checkPromoterSettings(s)
    if (!check.ok) throw badInput(check.message, check.field)
    await db.tx(async (q) => {
      const before = await writeSettings(q, s, now())
      await recordAudit(q, admin, { action: 'promoter_settings.update', entity: 'promoter_settings', entityId: 1, before, after: s })
    })
    return s
  }

  async function setRates(admin: AdminIdentity, productId: number, rates: ProductRates): Promise<ProductRates & { productId: number }> {
    await db.tx(async (q) => {
      if (!(await q.maybeOne('SELECT 1 FROM products WHERE id = $1', [productId]))) throw notFound('商品', 'PRODUCT_NOT_FOUND')
      const before = await setProductRates(q, productId, rates, now())
      await recordAudit(q, admin, { action: 'product.commission_rates', entity: 'product', entityId: productId, before, after: rates })
    })
    return { productId, ...rates }
  }

  return {
    apply,
    me,
    myCommissions: async (userId, f) => listCommissions(db, (await own(userId)).id, f, windowDays),
    myCustomers: async (userId, page, pageSize) => listCustomers(db, (await own(userId)).id, page, pageSize),
    myRecruits: async (userId) => listRecruits(db, (await own(userId)).id),
    settings: () => readSettings(db, now()),
    saveSettings,
    productRates: async (productId) => {
      if (!(await db.maybeOne('SELECT 1 FROM products WHERE id = $1', [productId]))) throw notFound('商品', 'PRODUCT_NOT_FOUND')
      return { productId, ...((await productRates(db, [productId])).get(productId) ?? { level1RateBp: null, level2RateBp: null }) }
    },
    setProductRates: setRates,
    adminList: (f) => listAdmin(db, f),
    decide,
    adminCommissions: async (id, f) => {
      if (!(await db.maybeOne('SELECT 1 FROM promoters WHERE id = $1', [id]))) throw notFound('推广员', 'PROMOTER_NOT_FOUND')
      return listCommissions(db, id, f, windowDays)
    },
    bindIn,
    onOrderTransition: accrueIn,
    onRefundFinished: (q, refund) => reverseIn(q, refund, now()),
    release: () => releaseSettled(db, now(), windowDays, (err, orderId) => deps.onBackgroundError?.(err, `releasing commission of order ${orderId}`)),
  }
}
