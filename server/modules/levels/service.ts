import type { Refund } from '../../../src/domain/contract'
import { checkLadder, growthFor, growthTakeBack, isBirthday, levelFor, nextLevel, type Level, type LevelLadder, type MyLevel } from '../../../src/domain/levels'
import type { Fen } from '../../../src/domain/money'
import type { OrderStatus } from '../../../src/domain/order-state'
import type { Db, Queryable, Tx } from '../../db'
import { badInput } from '../../lib/errors'
import { orderSummary } from '../orders'
import { refundedWith } from '../payments'
import { recordAudit, type AdminIdentity } from '../staff'
import { birthdayOf, setBirthday, sweepBirthdays } from './birthdays'
import { lockGrowth, moveGrowth, orderGrowth } from './growth'
import { growthAndLadder, readLadder, writeLadder } from './settings'

/** A shopper's level as the pricing engine takes it (PricingInput.level / freeShippingThreshold). */
export interface ShopperLevel {
  level: number
  freeShippingThreshold: Fen | null
}

export interface LevelsDeps {
  now: () => Date
  /**
   * Inside the growth change's own transaction, when the shopper's level rank changed (up on a
   * paid order, down on a refund): the member-card module enqueues its card update here.
   */
  onChange?: (q: Tx, userId: number, change: { from: number; to: number }) => Promise<void>
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface LevelsService {
  /** The engine's level inputs for a shopper (promotions' pricing context asks through PricingDeps.levels). */
  shopperIn(q: Queryable, userId: number): Promise<ShopperLevel>
  /** The shopper's level's points multiplier (the points module's earn on paid). */
  multiplierOf(q: Queryable, userId: number): Promise<number>
  /** The shopper's level's name (the platform member card shows it). */
  levelNameOf(q: Queryable, userId: number): Promise<string>
  /** orders' onTransition hook: a paid order earns growth (once: its key). */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** payments' onRefundFinished hook: takes back the refunded share of the order's growth (once per refund). */
  onRefundFinished(q: Tx, refund: Refund): Promise<void>
  /** GET /api/levels/me */
  me(userId: number): Promise<MyLevel>
  /** PUT /api/levels/me/birthday: once (409 BIRTHDAY_SET). */
  setBirthday(userId: number, birthday: string): Promise<MyLevel>
  /** GET /api/levels, GET /api/admin/levels */
  ladder(): Promise<LevelLadder>
  /** PUT /api/admin/levels (checked, audited in the same transaction). */
  saveLadder(actor: AdminIdentity, ladder: LevelLadder): Promise<LevelLadder>
  /** The sweeper: today's birthday coupons (once a year per shopper, whoever sweeps); answers how many were issued. */
  sweep(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Member levels (会员等级, modules/levels): growth, the ladder, the benefits' inputs, birthday coupons. */
    levels: LevelsService
  }
}

export function levelsService(db: Db, deps: LevelsDeps): LevelsService {
  const { now } = deps

  /** Moves growth under the account lock and tells onChange when the rank moved. */
  async function move(q: Tx, e: Parameters<typeof moveGrowth>[1], before: number): Promise<void> {
    const r = await moveGrowth(q, e, before)
    if (!r.applied || !deps.onChange) return
    const ladder = await readLadder(q)
    const from = levelFor(r.before, ladder).rank
    const to = levelFor(r.after, ladder).rank
    if (from !== to) await deps.onChange(q, e.userId, { from, to })
  }

  async function onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void> {
    if (to !== 'paid') return
    const o = await orderSummary(q, orderId)
    if (!o) return
    const delta = growthFor(o.total)
    if (delta <= 0) return
    const before = await lockGrowth(q, o.userId, at)
    await move(q, { userId: o.userId, delta, kind: 'order', key: `order:${orderId}:growth`, orderId, at }, before)
  }

  async function onRefundFinished(q: Tx, refund: Refund): Promise<void> {
    if (refund.kind !== 'order' || refund.amount <= 0) return
    const o = await orderSummary(q, refund.orderId)
    if (!o) return
    const at = refund.succeededAt ? new Date(refund.succeededAt) : now()
    // The account lock first: a second refund of the same order finishing at the same time
    // waits here, and then sees this one's entry and its refund succeeded.
    const growth = await lockGrowth(q, o.userId, at)
    const moved = await orderGrowth(q, refund.orderId)
    if (moved.earned === 0) return
    const back = growthTakeBack(moved.earned, await refundedWith(q, refund), o.total, moved.takenBack, growth)
    await move(q, { userId: o.userId, delta: -back, kind: 'take_back', key: `refund:${refund.id}:growth`, orderId: refund.orderId, at }, growth)
  }

  async function me(userId: number): Promise<MyLevel> {
    const [{ growth, ladder }, birthday] = await Promise.all([growthAndLadder(db, userId), birthdayOf(db, userId)])
    return { growth, level: levelFor(growth, ladder), next: nextLevel(growth, ladder), levels: ladder, birthday }
  }

  async function saveLadder(actor: AdminIdentity, input: LevelLadder): Promise<LevelLadder> {
    const bad = checkLadder(input.levels)
    if (bad) throw badInput(`${bad.field}: ${bad.message}`, bad.field)
    const levels: Level[] = input.levels.map((l) => ({ rank: l.rank, name: l.name.trim(), threshold: l.threshold, benefits: { ...l.benefits } }))
    await db.tx(async (q) => {
      const batches = [...new Set(levels.flatMap((l) => (l.benefits.birthdayCouponBatchId === null ? [] : [l.benefits.birthdayCouponBatchId])))]
      if (batches.length > 0) {
        const found = await q.query<{ id: number }>('SELECT id FROM coupon_batches WHERE id = ANY($1::int[])', [batches])
        const known = new Set(found.rows.map((r) => r.id))
        const i = levels.findIndex((l) => l.benefits.birthdayCouponBatchId !== null && !known.has(l.benefits.birthdayCouponBatchId))
        if (i >= 0) throw badInput(`levels.${i}.benefits.birthdayCouponBatchId: 优惠券批次不存在`, `levels.${i}.benefits.birthdayCouponBatchId`)
      }
      const before = await readLadder(q)
      await writeLadder(q, levels, now())
      await recordAudit(q, actor, { action: 'levels.update', entity: 'level_settings', entityId: 1, before: { levels: before }, after: { levels } })
    })
    return { levels }
  }

  return {
    async shopperIn(q, userId) {
      const { growth, ladder } = await growthAndLadder(q, userId)
      const l = levelFor(growth, ladder)
      return { level: l.rank, freeShippingThreshold: l.benefits.freeShippingThreshold }
    },
    async multiplierOf(q, userId) {
      const { growth, ladder } = await growthAndLadder(q, userId)
      return levelFor(growth, ladder).benefits.pointsMultiplier
    },
    async levelNameOf(q, userId) {
      const { growth, ladder } = await growthAndLadder(q, userId)
      return levelFor(growth, ladder).name
    },
    onOrderTransition,
    onRefundFinished,
    me,
    async setBirthday(userId, birthday) {
      if (!isBirthday(birthday)) throw badInput('birthday: 生日格式应为 MM-DD，如 06-15', 'birthday')
      await db.tx((q) => setBirthday(q, userId, birthday, now()))
      return me(userId)
    },
    ladder: async () => ({ levels: await readLadder(db) }),
    saveLadder,
    sweep: () => sweepBirthdays(db, now(), { onError: (err, userId) => deps.onBackgroundError?.(err, `birthday coupon of user ${userId}`) }),
  }
}
