/**
 * Stage 2: order-level promotions (n_for_n, full_reduction, full_discount), one after the
 * other in ascending priority (then id). Each one sees only its base: the in-scope lines
 * whose every discount so far combines with it, at what they cost now.
 */
import type { Fen } from '../money'
import { applyShares, lineAccepts, stackRef, type WorkLine } from './cart-state'
import { fullDiscountLabel, fullReductionLabel, nForNLabel, nudgeMessages } from './labels'
import { inScope, isLive } from './scope'
import { allocate } from './split'
import type { AppliedDiscount, FullDiscountPromotion, FullReductionPromotion, NForNPromotion, Nudge, Promotion } from './types'

export type OrderPromotion = NForNPromotion | FullReductionPromotion | FullDiscountPromotion

export function liveOrderPromotions(promotions: readonly Promotion[], now: number): OrderPromotion[] {
  const out: OrderPromotion[] = []
  for (const p of promotions) if (p.kind !== 'limited_time' && p.kind !== 'member_price' && isLive(p, now)) out.push(p)
  return out.sort((a, b) => a.stacking.priority - b.stacking.priority || a.id - b.id)
}

export function applyOrderStage(lines: readonly WorkLine[], promotions: readonly OrderPromotion[]): { applied: AppliedDiscount[]; nudges: Nudge[] } {
  const applied: AppliedDiscount[] = []
  const nudges: Nudge[] = []
  for (const p of promotions) {
    const stack = stackRef(p.kind, p.stacking.combinesWith)
    const base = lines.filter((l) => inScope(p.scope, l) && lineAccepts(l, stack))
    if (base.length === 0) continue
    const outcome = p.kind === 'n_for_n' ? nForN(p, base) : tiered(p, base)
    if (outcome.nudge) nudges.push(outcome.nudge)
    if (!outcome.shares) continue
    const entry = applyShares(base, outcome.shares, { source: 'promotion', id: p.id, kind: p.kind, label: outcome.label }, stack)
    if (entry) applied.push(entry)
  }
  return { applied, nudges }
}

interface Outcome {
  /** Index-aligned with the base; null when nothing comes off. */
  shares: Fen[] | null
  label: string
  nudge: Nudge | null
}

/** One block of identical units: `count` units of line `line`, each worth `value`. */
interface UnitBlock {
  line: number
  value: Fen
  count: number
}

/**
 * Units by value, highest first, in bundles of `count`; a bundle saves what its units cost
 * beyond the bundle price, and bundling stops at the first bundle that would save nothing.
 * A line's units are worth the cumulative floors of its payable (so they add up to it): at
 * most two distinct values per line, which keeps this linear in lines, not units.
 */
function nForN(p: NForNPromotion, base: readonly WorkLine[]): Outcome {
  const label = nForNLabel(p.count, p.price)
  const blocks: UnitBlock[] = []
  let units = 0
  for (let i = 0; i < base.length; i++) {
    const { payable, quantity } = base[i]
    units += quantity
    const lo = Math.floor(payable / quantity)
    const highs = payable - lo * quantity
    if (highs > 0) blocks.push({ line: i, value: lo + 1, count: highs })
    if (quantity - highs > 0) blocks.push({ line: i, value: lo, count: quantity - highs })
  }
  const nudge: Nudge | null = units < p.count ? { promotionId: p.id, label, message: nudgeMessages.bundle(p.count - units, label), gap: p.count - units } : null
  blocks.sort((a, b) => b.value - a.value || a.line - b.line)

  const shares = new Array<number>(base.length).fill(0)
  let saved = 0
  // The bundle being filled: value taken from each line.
  let open = new Map<number, number>()
  let openUnits = 0
  let openValue = 0
  const closeBundle = (): boolean => {
    const off = openValue - p.price
    if (off <= 0) return false
    const members = [...open.keys()].sort((a, b) => a - b)
    const split = allocate(off, members.map((m) => open.get(m) as number))
    members.forEach((m, k) => (shares[m] += split[k]))
    saved += off
    open = new Map()
    openUnits = 0
    openValue = 0
    return true
  }
  done: for (const block of blocks) {
    let left = block.count
    // Top up the open bundle first.
    while (left > 0 && openUnits > 0) {
      const take = Math.min(left, p.count - openUnits)
      open.set(block.line, (open.get(block.line) ?? 0) + take * block.value)
      openUnits += take
      openValue += take * block.value
      left -= take
      if (openUnits === p.count && !closeBundle()) break done
    }
    // Whole bundles inside this block all save the same.
    const whole = Math.floor(left / p.count)
    if (whole > 0) {
      const off = p.count * block.value - p.price
      if (off <= 0) break
      shares[block.line] += whole * off
      saved += whole * off
      left -= whole * p.count
    }
    if (left > 0) {
      open.set(block.line, left * block.value)
      openUnits = left
      openValue = left * block.value
    }
  }
  return { shares: saved > 0 ? shares : null, label, nudge }
}

/** full_reduction and full_discount: the highest tier the base reaches. */
function tiered(p: FullReductionPromotion | FullDiscountPromotion, base: readonly WorkLine[]): Outcome {
  let amount = 0
  let units = 0
  for (const l of base) {
    amount += l.payable
    units += l.quantity
  }
  const measure = p.basis === 'amount' ? amount : units
  let tier = -1
  for (let i = 0; i < p.tiers.length; i++) if (p.tiers[i].threshold <= measure) tier = i
  const capped = (off: number) => Math.min(off, p.cap ?? Number.POSITIVE_INFINITY, amount)

  let off = 0
  let label: string
  let nudge: Nudge | null = null
  if (p.kind === 'full_reduction') {
    const repeat = p.repeat && tier >= 0
    const times = repeat ? Math.floor(measure / p.tiers[tier].threshold) : 1
    off = tier >= 0 ? capped(p.tiers[tier].off * times) : 0
    const shown = p.tiers[Math.max(tier, 0)]
    label = fullReductionLabel(p.basis, shown.threshold, shown.off, p.repeat)
    // Next step: the next tier, or for 每满 the next multiple of the same tier.
    const next = repeat ? { threshold: p.tiers[tier].threshold * (times + 1), off: p.tiers[tier].off * (times + 1) } : p.tiers[tier + 1]
    if (next && Math.min(next.off, p.cap ?? Number.POSITIVE_INFINITY) > off) {
      const gap = next.threshold - measure
      const nextShown = repeat ? shown : next
      nudge = { promotionId: p.id, label: fullReductionLabel(p.basis, nextShown.threshold, nextShown.off, p.repeat), message: nudgeMessages.reduction(p.basis, gap, Math.min(next.off, p.cap ?? Number.POSITIVE_INFINITY)), gap }
    }
  } else {
    off = tier >= 0 ? capped(Math.floor((amount * (100 - p.tiers[tier].percent)) / 100)) : 0
    const shown = p.tiers[Math.max(tier, 0)]
    label = fullDiscountLabel(p.basis, shown.threshold, shown.percent)
    const next = p.tiers[tier + 1]
    if (next && !(p.cap !== null && off >= p.cap)) {
      const gap = next.threshold - measure
      nudge = { promotionId: p.id, label: fullDiscountLabel(p.basis, next.threshold, next.percent), message: nudgeMessages.discount(p.basis, gap, next.percent), gap }
    }
  }
  if (off <= 0) return { shares: null, label, nudge }
  return { shares: allocate(off, base.map((l) => l.payable)), label, nudge }
}
