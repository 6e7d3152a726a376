import type { CartLine, LineInput } from '@/domain/contract'

export type CheckoutSource = { from: 'cart' } | { skuId: number; quantity: number }

/** Reads the page query: ?from=cart, or ?skuId&quantity for "buy now". Null when it makes no sense. */
export function parseCheckoutSource(params: Record<string, string | undefined>): CheckoutSource | null {
  if (params.from === 'cart') return { from: 'cart' }
  const skuId = Number(params.skuId)
  const quantity = Number(params.quantity ?? 1)
  if (Number.isInteger(skuId) && skuId > 0 && Number.isInteger(quantity) && quantity > 0) return { skuId, quantity }
  return null
}

/** The lines a cart checkout orders: ticked and still available. */
export function cartItems(lines: readonly CartLine[]): LineInput[] {
  return lines.filter((l) => l.selected && l.available).map((l) => ({ skuId: l.skuId, quantity: l.quantity }))
}
