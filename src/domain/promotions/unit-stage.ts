/**
 * Stage 1: every unit gets one price, the lowest it may have: a live limited-time price (while
 * the offer's own stock and the shopper's per-user limit last), else the member price for
 * members (or shoppers of a member-price tier's level), else the regular price. The two kinds never stack: they price different units.
 */
import type { Fen } from '../money'
import { stackRef, type StackRef, type WorkLine } from './cart-state'
import { LIMITED_TIME_LABEL, MEMBER_PRICE_LABEL } from './labels'
import { inScope, isLive } from './scope'
import type { AppliedDiscount, LimitedTimePromotion, MemberPricePromotion, Promotion } from './types'

interface Offer {
  promo: LimitedTimePromotion
  price: Fen
}

interface Tally {
  entry: AppliedDiscount
  stack: StackRef
}

/** A member's price for one unit of this line under this promotion, or null when it has none. */
export function memberUnitPrice(p: MemberPricePromotion, line: { skuId: number; productId: number; categoryId: number; unitPrice: Fen }): Fen | null {
  for (const item of p.items) if (item.skuId === line.skuId) return item.price
  if (p.percent === null || !inScope(p.scope, line)) return null
  // The discount is rounded down, so the member price is rounded up.
  return line.unitPrice - Math.floor((line.unitPrice * (100 - p.percent)) / 100)
}

/**
 * Whether a member price is this shopper's: a level tier (minLevel set) is every shopper's from
 * that rank, paid member or not; without one it is the paid membership's.
 */
export function memberPriceApplies(p: MemberPricePromotion, member: boolean, level: number): boolean {
  return p.minLevel === undefined || p.minLevel === null ? member : level >= p.minLevel
}

export function applyUnitStage(
  lines: readonly WorkLine[],
  promotions: readonly Promotion[],
  now: number,
  member: boolean,
  purchased: Readonly<Record<number, number>>,
  level = 0,
): AppliedDiscount[] {
  const limited: LimitedTimePromotion[] = []
  const members: MemberPricePromotion[] = []
  for (const p of promotions) {
    if (!isLive(p, now)) continue
    if (p.kind === 'limited_time') limited.push(p)
    else if (p.kind === 'member_price' && memberPriceApplies(p, member, level)) members.push(p)
  }
  if (limited.length === 0 && members.length === 0) return []
  limited.sort((a, b) => a.id - b.id)
  members.sort((a, b) => a.id - b.id)

  const offersBySku = new Map<number, Offer[]>()
  const stock = new Map<LimitedTimePromotion, Map<number, number>>()
  const allowance = new Map<LimitedTimePromotion, number>()
  for (const p of limited) {
    const perSku = new Map<number, number>()
    for (const item of p.items) {
      perSku.set(item.skuId, Math.max(0, item.stockLeft))
      const list = offersBySku.get(item.skuId)
      if (list) list.push({ promo: p, price: item.price })
      else offersBySku.set(item.skuId, [{ promo: p, price: item.price }])
    }
    stock.set(p, perSku)
    allowance.set(p, p.perUserLimit === null ? Number.POSITIVE_INFINITY : Math.max(0, p.perUserLimit - (purchased[p.id] ?? 0)))
  }
  for (const list of offersBySku.values()) list.sort((a, b) => a.price - b.price || a.promo.id - b.promo.id)

  const tallies = new Map<Promotion, Tally>()
  const tally = (p: Promotion, label: string): Tally => {
    let t = tallies.get(p)
    if (!t) {
      t = { entry: { source: 'promotion', id: p.id, kind: p.kind, label, amount: 0, lines: [] }, stack: stackRef(p.kind, p.stacking.combinesWith) }
      if (p.kind === 'limited_time') t.entry.units = []
      // A level tier's price is the level's, not the paid membership's (its savings and its end).
      if (p.kind === 'member_price' && p.minLevel !== undefined && p.minLevel !== null) t.entry.minLevel = p.minLevel
      tallies.set(p, t)
    }
    return t
  }

  for (const line of lines) {
    let fallback = line.unitPrice
    let memberPromo: MemberPricePromotion | null = null
    for (const p of members) {
      const price = memberUnitPrice(p, line)
      if (price !== null && price < fallback) {
        fallback = price
        memberPromo = p
      }
    }
    let left = line.quantity
    for (const offer of offersBySku.get(line.skuId) ?? []) {
      if (left === 0 || offer.price >= fallback) break
      const perSku = stock.get(offer.promo) as Map<number, number>
      const take = Math.min(left, perSku.get(line.skuId) ?? 0, allowance.get(offer.promo) as number)
      if (take <= 0) continue
      perSku.set(line.skuId, (perSku.get(line.skuId) ?? 0) - take)
      allowance.set(offer.promo, (allowance.get(offer.promo) as number) - take)
      left -= take
      const t = tally(offer.promo, LIMITED_TIME_LABEL)
      record(line, t, (line.unitPrice - offer.price) * take)
      t.entry.units?.push({ skuId: line.skuId, quantity: take })
    }
    if (memberPromo && left > 0) record(line, tally(memberPromo, MEMBER_PRICE_LABEL), (line.unitPrice - fallback) * left)
  }

  const applied: AppliedDiscount[] = []
  for (const p of [...limited, ...members]) {
    const t = tallies.get(p)
    if (t && t.entry.amount > 0) applied.push(t.entry)
  }
  return applied
}

function record(line: WorkLine, t: Tally, amount: Fen): void {
  if (amount <= 0) return
  const lines = t.entry.lines
  const last = lines[lines.length - 1]
  if (last && last.skuId === line.skuId) last.amount += amount
  else {
    lines.push({ skuId: line.skuId, amount })
    line.under.push(t.stack)
    line.labels.push(t.entry.label)
  }
  t.entry.amount += amount
  line.payable -= amount
}
