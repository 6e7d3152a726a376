/**
 * Input checks for the engine. The server builds its input from its own database, so a bad
 * value here is a bug or bad admin data: it fails loudly (RangeError) instead of pricing.
 */
import { assertQuantity } from '../pricing'
import type { PricingInput, Promotion } from './types'

function fen(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer number of fen, got ${value}`)
}

function count(value: number, what: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${what} must be an integer of at least ${min}, got ${value}`)
}

function percent(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > 100) throw new RangeError(`${what} must be an integer percent from 0 to 100, got ${value}`)
}

function tiersAscending(tiers: readonly { threshold: number }[], what: string): void {
  if (tiers.length === 0) throw new RangeError(`${what} needs at least one tier`)
  tiers.forEach((t, i) => {
    count(t.threshold, `${what} threshold`, 1)
    if (i > 0 && t.threshold <= tiers[i - 1].threshold) throw new RangeError(`${what} tiers must have ascending thresholds`)
  })
}

function promotion(p: Promotion): void {
  const what = `promotion ${p.id}`
  switch (p.kind) {
    case 'limited_time':
      for (const item of p.items) {
        fen(item.price, `${what} price`)
        if (!Number.isSafeInteger(item.stockLeft)) throw new RangeError(`${what} stockLeft must be an integer`)
      }
      if (p.perUserLimit !== null) count(p.perUserLimit, `${what} perUserLimit`, 0)
      return
    case 'member_price':
      for (const item of p.items) fen(item.price, `${what} price`)
      if (p.percent !== null) percent(p.percent, `${what} percent`)
      if (p.minLevel !== undefined && p.minLevel !== null) count(p.minLevel, `${what} minLevel`, 0)
      return
    case 'n_for_n':
      count(p.count, `${what} count`, 1)
      fen(p.price, `${what} price`)
      return
    case 'full_reduction':
      tiersAscending(p.tiers, what)
      for (const t of p.tiers) fen(t.off, `${what} off`)
      if (p.cap !== null) fen(p.cap, `${what} cap`)
      return
    case 'full_discount':
      tiersAscending(p.tiers, what)
      for (const t of p.tiers) percent(t.percent, `${what} percent`)
      if (p.cap !== null) fen(p.cap, `${what} cap`)
      return
  }
}

export function validateInput(input: PricingInput): void {
  if (!Number.isFinite(input.now)) throw new RangeError('now must be a time in epoch ms')
  const skus = new Set<number>()
  for (const line of input.lines) {
    fen(line.unitPrice, 'unit price')
    assertQuantity(line.quantity)
    if (!Number.isSafeInteger(line.unitPrice * line.quantity)) throw new RangeError(`line total of sku ${line.skuId} is too large`)
    if (skus.has(line.skuId)) throw new RangeError(`sku ${line.skuId} appears on more than one line`)
    skus.add(line.skuId)
  }
  for (const p of input.promotions) promotion(p)
  if (input.level !== undefined) count(input.level, 'level', 0)
  if (input.freeShippingThreshold !== undefined) fen(input.freeShippingThreshold, 'freeShippingThreshold')
  for (const id in input.purchased) count(input.purchased[id], `units bought at promotion ${id}`, 0)
  for (const c of input.coupons) {
    if (c.type === 'amount') fen(c.value, `coupon ${c.id} value`)
    else percent(c.value, `coupon ${c.id} percent`)
    fen(c.threshold, `coupon ${c.id} threshold`)
    if (c.cap !== null) fen(c.cap, `coupon ${c.id} cap`)
  }
}
