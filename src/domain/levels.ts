/**
 * Member levels (会员等级): growth value (成长值) from paid orders, levels with thresholds, and
 * the benefits the pricing engine and the points ledger apply. Shared by the server, the app
 * and the console. Pure: no I/O.
 *
 * Growth: 1 per whole yuan paid, written when an order is paid and taken back in proportion
 * when it is refunded (a ledger with one key per event, like points). A shopper's level is the
 * highest whose threshold the growth reaches; levels never need a sweep.
 */
import type { Fen } from './money'
import { proportionalDue } from './points'

/**
 * What a level gives. Its 会员价 tier is not stored here: a member_price promotion with
 * `minLevel` applies to every shopper whose rank ≥ minLevel (MemberPricePromotion.minLevel).
 */
export interface LevelBenefits {
  /** Free shipping from this many fen of goods (null = the shop's usual threshold). */
  freeShippingThreshold: Fen | null
  /** Points earned per order are multiplied by this (1 = none; 1.5 = +50 %), rounded down. */
  pointsMultiplier: number
  /** A coupon batch (promotions) issued once a year on the shopper's birthday; null = none. */
  birthdayCouponBatchId: number | null
}

export interface Level {
  /** 0 = the base level everyone has (threshold 0), then 1, 2, … */
  rank: number
  name: string
  threshold: number
  benefits: LevelBenefits
}

/** GET /api/levels/me */
export interface MyLevel {
  growth: number
  level: Level
  /** null at the top level. */
  next: (Level & { gap: number }) | null
  levels: Level[]
  /** MM-DD or null when not set. */
  birthday: string | null
}

/** GET/PUT /api/admin/levels: the whole ladder, rank 0 first with threshold 0, thresholds strictly rising. */
export interface LevelLadder {
  levels: Level[]
}

export const DEFAULT_LEVELS: Level[] = [
  { rank: 0, name: '普通会员', threshold: 0, benefits: { freeShippingThreshold: null, pointsMultiplier: 1, birthdayCouponBatchId: null } },
  { rank: 1, name: '银卡会员', threshold: 500, benefits: { freeShippingThreshold: 6900, pointsMultiplier: 1.2, birthdayCouponBatchId: null } },
  { rank: 2, name: '金卡会员', threshold: 2000, benefits: { freeShippingThreshold: 0, pointsMultiplier: 1.5, birthdayCouponBatchId: null } },
  { rank: 3, name: '黑金会员', threshold: 8000, benefits: { freeShippingThreshold: 0, pointsMultiplier: 2, birthdayCouponBatchId: null } },
]

// ——— Rules (pure) ———

/** The ranks a member-price tier may start from (MemberPricePromotion.minLevel) and the most levels a ladder holds. */
export const MAX_LEVEL_RANK = 10
/** The highest free-shipping threshold a level may set (1000 yuan), in fen. */
export const MAX_LEVEL_FREE_SHIPPING: Fen = 100_000

/** The highest level whose threshold `growth` reaches (the ladder is rank 0 first, thresholds rising). */
export function levelFor(growth: number, ladder: readonly Level[]): Level {
  let at = ladder[0]
  for (const l of ladder) if (growth >= l.threshold) at = l
  return at
}

/** The level after the one `growth` reaches, with the growth still missing; null at the top. */
export function nextLevel(growth: number, ladder: readonly Level[]): (Level & { gap: number }) | null {
  const next = ladder.find((l) => l.threshold > growth)
  return next ? { ...next, gap: next.threshold - growth } : null
}

/** Growth an order earns once paid: 1 per whole yuan paid. */
export function growthFor(paidFen: Fen): number {
  return Math.floor(Math.max(0, paidFen) / 100)
}

/**
 * Growth a refund takes back of what its order earned: the share of the money refunded so far
 * (cumulative, `refundedFen`), less what earlier refunds of the order took, never more than the
 * shopper has. Cumulative floors, as points' take-back: refunds in pieces take exactly what one
 * whole refund would, and a full refund takes everything the order earned.
 */
export function growthTakeBack(earnedByOrder: number, refundedFen: Fen, paidFen: Fen, alreadyTakenBack: number, growth: number): number {
  return Math.min(Math.max(0, growth), proportionalDue(earnedByOrder, refundedFen, paidFen, alreadyTakenBack))
}

/**
 * Points with a level's multiplier, rounded down. The multiplier has at most one decimal, so
 * it is applied in tenths with integers only (1.2 × 15 is 18, not 17.999…).
 */
export function multiplyPoints(points: number, multiplier: number): number {
  if (points <= 0) return 0
  return Math.floor((points * Math.round(multiplier * 10)) / 10)
}

const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
/** Days in each month of a leap year: 02-29 is a birthday, 02-30 is not. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** A birthday as the shopper gives it: MM-DD of a real calendar day (02-29 included). */
export function isBirthday(mmdd: string): boolean {
  if (!MMDD.test(mmdd)) return false
  const [m, d] = mmdd.split('-').map(Number)
  return d <= MONTH_DAYS[m - 1]
}

function leapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/**
 * Whether `day` (the shop's YYYY-MM-DD) is the birthday `mmdd`. A 29 February birthday is
 * kept on 28 February in the years without one, so it still comes once a year.
 */
export function isBirthdayToday(mmdd: string, day: string): boolean {
  const today = day.slice(5, 10)
  if (mmdd === today) return true
  return mmdd === '02-29' && today === '02-28' && !leapYear(Number(day.slice(0, 4)))
}

/** The birthdays that fall on `day`: its own MM-DD, and 02-29 on 28 February of a common year (for the sweep's query). */
export function birthdaysOn(day: string): string[] {
  const today = day.slice(5, 10)
  return isBirthdayToday('02-29', day) && today !== '02-29' ? [today, '02-29'] : [today]
}

/**
 * The first bad field of a ladder (for the console's 400), or null: rank 0 first with
 * threshold 0, ranks 0..n in order, thresholds strictly rising, names of 1–10 characters,
 * multipliers 1–5 with at most one decimal, free shipping null or 0–100000 fen, a birthday
 * coupon batch null or an id.
 */
export function checkLadder(ladder: readonly Level[]): { field: string; message: string } | null {
  if (!Array.isArray(ladder) || ladder.length === 0) return { field: 'levels', message: '至少需要一个等级' }
  if (ladder.length > MAX_LEVEL_RANK + 1) return { field: 'levels', message: `最多 ${MAX_LEVEL_RANK + 1} 个等级` }
  const int = (v: unknown, min: number, max: number) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
  for (let i = 0; i < ladder.length; i++) {
    const l = ladder[i]
    const at = `levels.${i}`
    const b = l?.benefits
    const name = typeof l?.name === 'string' ? l.name.trim() : ''
    const m = b?.pointsMultiplier
    const checks: [string, boolean, string][] = [
      [`${at}.rank`, l?.rank === i, `第 ${i + 1} 个等级的 rank 应为 ${i}（从 0 起依次排列）`],
      [`${at}.name`, name.length >= 1 && [...name].length <= 10, '等级名称应为 1–10 个字'],
      [`${at}.threshold`, i === 0 ? l?.threshold === 0 : int(l?.threshold, 1, 100_000_000), i === 0 ? '基础等级的成长值门槛必须是 0' : '成长值门槛应为 1–100000000 的整数'],
      [`${at}.threshold`, i === 0 || l.threshold > ladder[i - 1].threshold, '成长值门槛必须逐级升高'],
      [`${at}.benefits.pointsMultiplier`, typeof m === 'number' && m >= 1 && m <= 5 && Math.abs(m * 10 - Math.round(m * 10)) < 1e-9, '积分倍数应为 1–5，最多一位小数'],
      [`${at}.benefits.freeShippingThreshold`, b?.freeShippingThreshold === null || int(b?.freeShippingThreshold, 0, MAX_LEVEL_FREE_SHIPPING), '包邮门槛应为空或 0–100000 分'],
      [`${at}.benefits.birthdayCouponBatchId`, b?.birthdayCouponBatchId === null || int(b?.birthdayCouponBatchId, 1, 2_147_483_647), '生日券应为空或一个优惠券批次 id'],
    ]
    const bad = checks.find(([, ok]) => !ok)
    if (bad) return { field: bad[0], message: bad[2] }
  }
  return null
}
