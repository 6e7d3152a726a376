import { assertFen, type Fen } from './money'

/**
 * Order pricing from catalog unit prices. The server prices every preview and order with
 * this function from prices it read from its own catalog; the app only displays the result.
 * Promotions will plug in here (one function, one place) so every screen shows one number.
 */
export const MAX_QUANTITY_PER_LINE = 99
export const MAX_LINES_PER_ORDER = 50
/** 满 99 包邮: orders of 99.00 or more ship free, others pay a flat 10.00. */
export const FREE_SHIPPING_THRESHOLD: Fen = 9900
export const SHIPPING_FEE: Fen = 1000

export interface PricingLine {
  skuId: number
  unitPrice: Fen
  quantity: number
}

export interface PricedLine extends PricingLine {
  lineTotal: Fen
}

export interface PriceBreakdown {
  lines: PricedLine[]
  itemCount: number
  subtotal: Fen
  shipping: Fen
  discount: Fen
  total: Fen
  /** How much more to spend for free shipping; 0 once reached. */
  freeShippingGap: Fen
}

/** Throws RangeError unless the quantity is a whole number of units a line may hold. */
export function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY_PER_LINE) {
    throw new RangeError(`quantity must be an integer from 1 to ${MAX_QUANTITY_PER_LINE}`)
  }
}

/** Shipping for goods costing `goods` after discounts; an empty cart ships nothing and pays nothing. */
export function shippingFor(goods: Fen, empty: boolean, threshold: Fen = FREE_SHIPPING_THRESHOLD): { shipping: Fen; freeShippingGap: Fen } {
  if (empty) return { shipping: 0, freeShippingGap: 0 }
  return goods >= threshold ? { shipping: 0, freeShippingGap: 0 } : { shipping: SHIPPING_FEE, freeShippingGap: threshold - goods }
}

/** No promotions: what the promotions engine (./promotions/engine) returns for a cart without any. */
export function priceLines(lines: readonly PricingLine[]): PriceBreakdown {
  const priced = lines.map((line) => {
    assertFen(line.unitPrice, 'unit price')
    assertQuantity(line.quantity)
    return { ...line, lineTotal: line.unitPrice * line.quantity }
  })
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0)
  const itemCount = priced.reduce((sum, l) => sum + l.quantity, 0)
  const discount = 0
  const { shipping, freeShippingGap } = shippingFor(subtotal - discount, subtotal === 0)
  return { lines: priced, itemCount, subtotal, shipping, discount, total: subtotal + shipping - discount, freeShippingGap }
}
