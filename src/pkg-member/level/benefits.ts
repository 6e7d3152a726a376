import type { LevelBenefits } from '@/domain/levels'
import { formatFen } from '@/domain/money'

/**
 * What a level gives, one line each. The 会员价 tier is the level's rank: member-price promotions
 * with minLevel ≤ rank apply (there is nothing to show per level beyond "会员价").
 */
export function benefitLines(b: LevelBenefits, rank: number): string[] {
  const lines: string[] = []
  if (b.freeShippingThreshold === 0) lines.push('全场包邮')
  else if (b.freeShippingThreshold !== null) lines.push(`满 ${formatFen(b.freeShippingThreshold)} 包邮`)
  if (b.pointsMultiplier > 1) lines.push(`积分 ${b.pointsMultiplier} 倍`)
  if (rank > 0) lines.push('专享会员价')
  if (b.birthdayCouponBatchId !== null) lines.push('生日礼券')
  return lines
}

/** Progress to the next level, 0..100 (100 at the top). */
export function progressPercent(growth: number, from: number, to: number | null): number {
  if (to === null || to <= from) return 100
  return Math.max(0, Math.min(100, Math.floor(((growth - from) / (to - from)) * 100)))
}
