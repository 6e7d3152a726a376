import { fenToYuan, yuanToFen } from '@domain/money'
import type { AdminMallItem, AdminRedemption, MallItemInput, MallItemKind, PointsSettings } from '@domain/points'

/**
 * The 积分 screens' rules: the settings form is PointsSettings itself (its inputs are named by
 * the same paths, so a server 400 naming `checkIn.streakBonuses.0.day` lands on that input),
 * checked here first; the mall item form turns yuan into fen and keeps only the kind's target.
 * The bounds are the server's (the mall module's checkMallItem, the points module's
 * checkPointsSettings). Pure, so tested alone.
 */

export type Path = (string | number)[]
export type Checked<T> = { ok: true; value: T } | { ok: false; field: Path; message: string }

const wholeIn = (n: unknown, min: number, max: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max

/** Bounds of each setting, shared by the inputs (min/max) and the check: the server's (the points module's checkPointsSettings). */
export const POINTS_LIMITS = {
  earnPerYuan: [0, 1000],
  daily: [0, 10_000],
  streakDay: [2, 365],
  streakPoints: [1, 100_000],
  review: [0, 100_000],
  referral: [0, 1_000_000],
  pointsPerYuan: [1, 100_000],
  maxPercent: [0, 100],
  yearsAfter: [0, 10],
} as const satisfies Record<string, readonly [number, number]>

/** The form's values (possibly half typed) as the PUT body: numbers as given, bonuses by day, or the first wrong field. */
export function checkPointsSettings(v: PointsSettings): Checked<PointsSettings> {
  const L = POINTS_LIMITS
  const scalar: [Path, unknown, readonly [number, number], string][] = [
    [['earnPerYuan'], v.earnPerYuan, L.earnPerYuan, '每消费 1 元获得积分'],
    [['checkIn', 'daily'], v.checkIn?.daily, L.daily, '每日签到积分'],
    [['review', 'points'], v.review?.points, L.review, '评价积分'],
    [['review', 'photoBonus'], v.review?.photoBonus, L.review, '晒图加赠积分'],
    [['referral', 'inviter'], v.referral?.inviter, L.referral, '邀请人奖励'],
    [['referral', 'friend'], v.referral?.friend, L.referral, '新用户奖励'],
    [['redeem', 'pointsPerYuan'], v.redeem?.pointsPerYuan, L.pointsPerYuan, '抵扣 1 元所需积分'],
    [['redeem', 'maxPercent'], v.redeem?.maxPercent, L.maxPercent, '每单最多抵扣比例'],
    [['expiry', 'yearsAfter'], v.expiry?.yearsAfter, L.yearsAfter, '积分有效期'],
  ]
  for (const [field, value, [min, max], label] of scalar) {
    if (!wholeIn(value, min, max)) return { ok: false, field, message: `${label}须为 ${min}–${max} 的整数` }
  }
  const bonuses = v.checkIn.streakBonuses ?? []
  const seen = new Set<number>()
  for (const [i, b] of bonuses.entries()) {
    if (!wholeIn(b?.day, L.streakDay[0], L.streakDay[1])) return { ok: false, field: ['checkIn', 'streakBonuses', i, 'day'], message: `连续天数须为 ${L.streakDay[0]}–${L.streakDay[1]} 的整数` }
    if (seen.has(b.day)) return { ok: false, field: ['checkIn', 'streakBonuses', i, 'day'], message: `连续第 ${b.day} 天已设置过奖励` }
    seen.add(b.day)
    if (!wholeIn(b.points, L.streakPoints[0], L.streakPoints[1])) return { ok: false, field: ['checkIn', 'streakBonuses', i, 'points'], message: `奖励积分须为 ${L.streakPoints[0]}–${L.streakPoints[1]} 的整数` }
  }
  return {
    ok: true,
    value: {
      earnPerYuan: v.earnPerYuan,
      checkIn: { daily: v.checkIn.daily, streakBonuses: bonuses.map((b) => ({ day: b.day, points: b.points })).sort((a, b) => a.day - b.day) },
      review: { points: v.review.points, photoBonus: v.review.photoBonus },
      referral: { inviter: v.referral.inviter, friend: v.referral.friend },
      redeem: { pointsPerYuan: v.redeem.pointsPerYuan, maxPercent: v.redeem.maxPercent },
      expiry: { yearsAfter: v.expiry.yearsAfter },
    },
  }
}

/** "100 积分抵 1 元，每单最多抵 50%": the checkout rule in words, under the form. */
export function redeemRuleText(r: PointsSettings['redeem']): string {
  return r.maxPercent === 0 ? '结算时不能用积分抵扣' : `${r.pointsPerYuan} 积分抵 1 元，每单最多抵扣商品金额的 ${r.maxPercent}%`
}

/** "当年年底" / "次年年底" / "第 3 年年底". */
export function expiryText(yearsAfter: number): string {
  if (yearsAfter === 0) return '获得当年的 12 月 31 日过期'
  if (yearsAfter === 1) return '获得次年的 12 月 31 日过期'
  return `获得后第 ${yearsAfter} 年的 12 月 31 日过期`
}

// ——— Points mall ———

export const MALL_KIND: Record<MallItemKind, { label: string; color: string; hint: string }> = {
  coupon: { label: '优惠券', color: 'magenta', hint: '兑换后发放所选优惠券' },
  product: { label: '商品', color: 'blue', hint: '积分或积分 + 现金兑换，生成订单发货' },
  gift: { label: '礼品', color: 'purple', hint: '纯积分兑换，生成免费订单发货' },
}

export const REDEMPTION_STATUS: Record<AdminRedemption['status'], { label: string; color: string }> = {
  done: { label: '已完成', color: 'green' },
  awaiting_payment: { label: '待支付', color: 'orange' },
  cancelled: { label: '已取消', color: 'default' },
}

/** The mall item dialog: the money part in yuan as typed. */
export interface MallItemForm {
  kind: MallItemKind
  title: string
  image?: string
  points?: number
  price?: string
  stock?: number
  perUserLimit?: number | null
  couponBatchId?: number | null
  skuId?: number | null
  active: boolean
}

export const newMallItemForm = (): MallItemForm => ({ kind: 'coupon', title: '', price: '', perUserLimit: 1, couponBatchId: null, skuId: null, active: true })

export function mallItemToForm(item: AdminMallItem): MallItemForm {
  return {
    kind: item.kind,
    title: item.title,
    image: item.image || undefined,
    points: item.points,
    price: item.kind === 'product' && item.price > 0 ? fenToYuan(item.price) : '',
    stock: item.stock,
    perUserLimit: item.perUserLimit,
    couponBatchId: item.couponBatchId,
    skuId: item.skuId,
    active: item.active,
  }
}

/** Price label: "500 积分" or "300 积分 + ¥9.90". */
export const mallPriceText = (i: { points: number; price: number }) => (i.price > 0 ? `${i.points} 积分 + ¥${fenToYuan(i.price)}` : `${i.points} 积分`)

/**
 * The dialog's values as MallItemInput: the money part only for a product (a gift is points
 * only, a coupon has no money part), only the kind's own target, and a stock not below what
 * was already redeemed (`redeemed`, 0 for a new item) — the server's 409 STOCK_BELOW_REDEEMED.
 */
export function formToMallInput(v: MallItemForm, redeemed = 0): Checked<MallItemInput> {
  const fail = (field: string, message: string): Checked<MallItemInput> => ({ ok: false, field: [field], message })
  const title = (v.title ?? '').trim()
  if (!title) return fail('title', '请输入名称')
  if (!wholeIn(v.points, 1, 10_000_000)) return fail('points', '请输入兑换所需积分（正整数）')
  let price = 0
  if (v.kind === 'product' && (v.price ?? '').trim()) {
    try {
      price = yuanToFen(v.price!.trim())
    } catch {
      return fail('price', '金额格式不正确，如 9.90（最多两位小数）')
    }
  }
  if (!wholeIn(v.stock, 0, 1_000_000)) return fail('stock', '请输入库存（0–1000000 的整数）')
  if (v.stock! < redeemed) return fail('stock', `库存不能少于已兑换的 ${redeemed} 件`)
  const limit = v.perUserLimit ?? null
  if (limit !== null && !wholeIn(limit, 1, 10_000)) return fail('perUserLimit', '每人限兑须为正整数，不限则留空')
  if (!v.image) return fail('image', '请上传图片（兑换页展示）')
  if (v.kind === 'coupon' && !v.couponBatchId) return fail('couponBatchId', '请选择优惠券')
  if (v.kind !== 'coupon' && !v.skuId) return fail('skuId', '请选择商品规格')
  return {
    ok: true,
    value: {
      kind: v.kind,
      title,
      image: v.image,
      points: v.points!,
      price,
      stock: v.stock!,
      perUserLimit: limit,
      couponBatchId: v.kind === 'coupon' ? v.couponBatchId! : null,
      skuId: v.kind === 'coupon' ? null : v.skuId!,
      active: !!v.active,
    },
  }
}
