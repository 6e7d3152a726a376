/**
 * The cart while the engine works on it: what each line costs so far and which discounts
 * are already on it (their kinds and what they combine with), so a later discount can tell
 * whether it may share the line.
 */
import type { Fen } from '../money'
import type { AppliedDiscount, DiscountKind, EngineLine } from './types'

export interface StackRef {
  kind: DiscountKind
  /** The kind and the kinds it combines with as bits: the check runs per line per discount. */
  bit: number
  mask: number
}

const KIND_BITS: Record<DiscountKind, number> = { limited_time: 1, member_price: 2, n_for_n: 4, full_reduction: 8, full_discount: 16, coupon: 32 }

export function stackRef(kind: DiscountKind, combinesWith: readonly DiscountKind[]): StackRef {
  let mask = 0
  for (const k of combinesWith) mask |= KIND_BITS[k]
  return { kind, bit: KIND_BITS[kind], mask }
}

export interface WorkLine extends EngineLine {
  index: number
  lineTotal: Fen
  /** lineTotal less every share so far. */
  payable: Fen
  /** Discounts with a share on this line (a line partly under one counts as under it). */
  under: StackRef[]
  labels: string[]
}

/** Both must list each other's kind: one side saying yes is not enough. */
export function combines(a: StackRef, b: StackRef): boolean {
  return (a.mask & b.bit) !== 0 && (b.mask & a.bit) !== 0
}

/** May a discount of this kind take something off this line, given what is already on it? */
export function lineAccepts(line: WorkLine, incoming: StackRef): boolean {
  for (const d of line.under) if (!combines(d, incoming)) return false
  return true
}

/** The first discount on the line that refuses `incoming` (its index in `under`), or -1. */
export function firstBlocker(line: WorkLine, incoming: StackRef): number {
  for (let i = 0; i < line.under.length; i++) if (!combines(line.under[i], incoming)) return i
  return -1
}

/**
 * Records a discount's shares on the lines (index-aligned with `lines`) and returns the
 * applied entry, or null when it takes nothing off.
 */
export function applyShares(
  lines: readonly WorkLine[],
  shares: readonly Fen[],
  entry: Omit<AppliedDiscount, 'amount' | 'lines'>,
  stack: StackRef,
): AppliedDiscount | null {
  let amount = 0
  const out: { skuId: number; amount: Fen }[] = []
  for (let i = 0; i < lines.length; i++) {
    const share = shares[i]
    if (share <= 0) continue
    const line = lines[i]
    line.payable -= share
    line.under.push(stack)
    line.labels.push(entry.label)
    out.push({ skuId: line.skuId, amount: share })
    amount += share
  }
  if (amount === 0) return null
  const applied: AppliedDiscount = { source: entry.source, id: entry.id, kind: entry.kind, label: entry.label, amount, lines: out }
  return applied
}
