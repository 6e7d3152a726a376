import type { Refund } from '../../../src/domain/contract'
import type { OrderStatus } from '../../../src/domain/order-state'
import {
  checkInPoints,
  checkPointsSettings,
  currentStreak,
  nextStreak,
  orderEarnPoints,
  pointsProblem,
  pointsQuote,
  proportionalDue,
  shopDay,
  shopMonth,
  takeBack,
  type CheckInCalendar,
  type CheckInResult,
  type PointsLedgerApi,
  type PointsQuote,
  type PointsSettings,
  type PointsView,
} from '../../../src/domain/points'
import type { PricingResult } from '../../../src/domain/promotions/types'
import { multiplyPoints } from '../../../src/domain/levels'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, badInput, conflict } from '../../lib/errors'
import { orderSummary } from '../orders'
import { refundedWith } from '../payments'
import { recordAudit, type AdminIdentity } from '../staff'
import { creditIn as ledgerCredit, debitIn as ledgerDebit, lockAccount, type LedgerEntryInput } from './ledger'
import { balanceOf, checkInDays, entriesOf, lastCheckIn, nextExpiring, orderPoints } from './repository'
import { readSettings, writeSettings } from './settings'
import { expireDue } from './sweep'

export interface PointsDeps {
  now: () => Date
  /** After an entry changed a shopper's balance, in its transaction (member cards show the balance). Expiry by the sweeper does not call it. */
  onChange?: (q: Tx, userId: number) => Promise<void>
  /**
   * The shopper's member-level points multiplier (modules/levels' multiplierOf), read in the
   * paid transition before the order's own growth is added: the level held when paying.
   * Absent: 1.
   */
  multiplierOf?: (q: Queryable, userId: number) => Promise<number>
}

/** Points at checkout, as the orders module asks for them (OrderServiceOptions.points). */
export interface CheckoutPoints {
  /** What the shopper may spend on this priced order; 400 POINTS_OVER_LIMIT / 409 POINTS_NOT_ENOUGH for `requested`. */
  quote(userId: number, priced: PricingResult, requested: number): Promise<PointsQuote>
  /** Spends the order's points in its own transaction; 409 POINTS_NOT_ENOUGH (rolling the order back) when the balance is short. */
  spendIn(q: Tx, userId: number, orderId: number, points: number, at: Date): Promise<void>
}

/** The ledger other modules write through (PointsLedgerApi), in their own transactions, and the shopper's and console's points. */
export interface PointsService extends PointsLedgerApi {
  creditIn(q: Tx, e: LedgerEntryInput): Promise<{ applied: boolean; balance: number }>
  debitIn(q: Tx, e: LedgerEntryInput): Promise<{ ok: boolean; applied: boolean; balance: number }>
  settings(): Promise<PointsSettings>
  /** The balance now (0 for a shopper without an account yet). */
  balanceOf(userId: number): Promise<number>
  checkout: CheckoutPoints
  /** orders' onTransition hook: paid earns, cancelled / closed returns the points spent at checkout. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** payments' onRefundFinished hook: takes back the earned and returns the spent points in proportion to the money refunded. */
  onRefundFinished(q: Tx, refund: Refund): Promise<void>
  /** POST /api/check-in */
  checkIn(userId: number): Promise<CheckInResult>
  /** GET /api/check-in?month= */
  calendar(userId: number, month?: string): Promise<CheckInCalendar>
  /** GET /api/points */
  view(userId: number, page: number, pageSize: number): Promise<PointsView>
  /** PUT /api/admin/points/settings (audited in the same transaction). */
  saveSettings(actor: AdminIdentity, s: PointsSettings): Promise<PointsSettings>
  /** The sweeper: lots past their time expire (each once, whoever sweeps); answers how many. */
  sweep(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Points and check-in (积分, 签到, modules/points): the ledger, checkout points, the sweeper's expiry. */
    points: PointsService
  }
}

const yuan = (fen: number) => (fen / 100).toFixed(2)

export function pointsService(db: Db, deps: PointsDeps): PointsService {
  const { now } = deps
  // The ledger's writes, each applied entry followed by deps.onChange in the same transaction.
  const creditIn = async (q: Tx, e: LedgerEntryInput) => {
    const r = await ledgerCredit(q, e)
    if (r.applied) await deps.onChange?.(q, e.userId)
    return r
  }
  const debitIn = async (q: Tx, e: LedgerEntryInput, o?: { upTo?: boolean }) => {
    const r = await ledgerDebit(q, e, o)
    if (r.applied) await deps.onChange?.(q, e.userId)
    return r
  }

  const checkout: CheckoutPoints = {
    async quote(userId, priced, requested) {
      const [s, balance] = await Promise.all([readSettings(db), balanceOf(db, userId)])
      const goods = priced.lines.reduce((n, l) => n + l.payable, 0)
      const problem = pointsProblem(balance, goods, s, requested)
      if (problem === 'over_limit') throw new AppError(400, 'POINTS_OVER_LIMIT', `本单最多可用 ${pointsQuote(Number.MAX_SAFE_INTEGER, goods, s).usable} 积分`)
      if (problem === 'not_enough') throw conflict('POINTS_NOT_ENOUGH', `积分不足，当前可用 ${balance} 积分`)
      return pointsQuote(balance, goods, s, requested)
    },
    async spendIn(q, userId, orderId, points, at) {
      if (points <= 0) return
      const r = await debitIn(q, { userId, points, kind: 'checkout', key: `order:${orderId}:spend`, title: '下单抵扣', orderId, at })
      if (!r.ok) throw conflict('POINTS_NOT_ENOUGH', `积分不足，当前可用 ${r.balance} 积分`)
    },
  }

  async function onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void> {
    if (to !== 'paid' && to !== 'cancelled' && to !== 'closed') return
    const o = await orderSummary(q, orderId)
    if (!o) return
    if (to === 'paid') {
      const base = orderEarnPoints(o.total, await readSettings(q))
      const points = deps.multiplierOf && base > 0 ? multiplyPoints(base, await deps.multiplierOf(q, o.userId)) : base
      await creditIn(q, { userId: o.userId, points, kind: 'order', key: `order:${orderId}:earn`, title: `订单 ${o.orderNo} 获得`, orderId, at })
      return
    }
    // Ended unpaid: what checkout took comes back (a new lot, expiring by today's rule).
    const spent = (await orderPoints(q, orderId)).checkout
    await creditIn(q, { userId: o.userId, points: spent, kind: 'return', key: `order:${orderId}:return`, title: `订单 ${o.orderNo} 取消，退回积分`, orderId, at })
  }

  async function onRefundFinished(q: Tx, refund: Refund): Promise<void> {
    if (refund.kind !== 'order' || refund.amount <= 0) return
    const o = await orderSummary(q, refund.orderId)
    if (!o) return
    const at = refund.succeededAt ? new Date(refund.succeededAt) : now()
    // The account lock first: a second refund of the same order finishing at the same time
    // waits here, and then sees this one's entries and its refund succeeded.
    const balance = await lockAccount(q, o.userId, at)
    const moved = await orderPoints(q, refund.orderId)
    if (moved.order === 0 && moved.checkout === 0) return
    const cumulative = await refundedWith(q, refund)
    const back = takeBack(moved.order, cumulative, o.total, moved.take_back, balance)
    await debitIn(q, { userId: o.userId, points: back, kind: 'take_back', key: `refund:${refund.id}:take_back`, title: `订单 ${o.orderNo} 退款 ¥${yuan(refund.amount)}，扣回积分`, orderId: refund.orderId, at }, { upTo: true })
    const returned = proportionalDue(moved.checkout, cumulative, o.total, moved.return)
    await creditIn(q, { userId: o.userId, points: returned, kind: 'return', key: `refund:${refund.id}:return`, title: `订单 ${o.orderNo} 退款，退回积分`, orderId: refund.orderId, at })
  }

  async function checkIn(userId: number): Promise<CheckInResult> {
    const at = now()
    const today = shopDay(at)
    return db.tx(async (q) => {
      // The shopper's account row serialises their taps; the (user, day) key is the guard beneath it.
      const balance = await lockAccount(q, userId, at)
      const last = await lastCheckIn(q, userId)
      if (last?.day === today) return { awarded: 0, streak: last.streak, balance, already: true }
      const streak = nextStreak(last?.day ?? null, last?.streak ?? 0, today)
      const points = checkInPoints(streak, await readSettings(q))
      const inserted = await q.maybeOne(
        'INSERT INTO check_ins (user_id, day, streak, points, at) VALUES ($1, $2::date, $3, $4, $5) ON CONFLICT (user_id, day) DO NOTHING RETURNING 1',
        [userId, today, streak, points, at],
      )
      if (!inserted) return { awarded: 0, streak, balance, already: true }
      const r = await creditIn(q, { userId, points, kind: 'check_in', key: `check_in:${userId}:${today}`, title: `签到第 ${streak} 天`, at })
      return { awarded: r.applied ? points : 0, streak, balance: r.balance, already: false }
    })
  }

  async function calendar(userId: number, month?: string): Promise<CheckInCalendar> {
    const at = now()
    const today = shopDay(at)
    const m = month ?? shopMonth(at)
    const [days, last, s, balance] = await Promise.all([checkInDays(db, userId, m), lastCheckIn(db, userId), readSettings(db), balanceOf(db, userId)])
    return {
      month: m,
      days,
      today,
      checkedToday: last?.day === today,
      streak: currentStreak(last?.day ?? null, last?.streak ?? 0, today),
      daily: s.checkIn.daily,
      streakBonuses: s.checkIn.streakBonuses,
      balance,
    }
  }

  async function view(userId: number, page: number, pageSize: number): Promise<PointsView> {
    const [entries, balance, expiring, s] = await Promise.all([entriesOf(db, userId, page, pageSize), balanceOf(db, userId), nextExpiring(db, userId), readSettings(db)])
    return { balance, items: entries.items, total: entries.total, page, pageSize, expiring, redeem: s.redeem }
  }

  async function saveSettings(actor: AdminIdentity, s: PointsSettings): Promise<PointsSettings> {
    const bad = checkPointsSettings(s)
    if (bad) throw badInput(`${bad.field}: ${bad.message}`, bad.field)
    // Bonuses in day order, so the console and the app list them the same way.
    const clean: PointsSettings = { ...s, checkIn: { ...s.checkIn, streakBonuses: [...s.checkIn.streakBonuses].sort((a, b) => a.day - b.day) } }
    await db.tx(async (q) => {
      const before = await readSettings(q)
      await writeSettings(q, clean, now())
      await recordAudit(q, actor, { action: 'points_settings.update', entity: 'points_settings', entityId: 1, before, after: clean })
    })
    return clean
  }

  return {
    creditIn: (q, e) => creditIn(q as Tx, e),
    debitIn: async (q, e) => {
      const r = await debitIn(q as Tx, e)
      return { ok: r.ok, applied: r.applied, balance: r.balance }
    },
    settings: () => readSettings(db),
    balanceOf: (userId) => balanceOf(db, userId),
    checkout,
    onOrderTransition,
    onRefundFinished,
    checkIn,
    calendar,
    view,
    saveSettings,
    sweep: () => expireDue(db, now()),
  }
}
