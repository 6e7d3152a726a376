/**
 * Refund arithmetic, shared by the server (which refunds) and the app (which shows what
 * was refunded). Pure: integer fen, deterministic rounding, no I/O.
 *
 * What a shopper paid for a line is its line total less its share of the order discount: the
 * share the promotions engine gave it when the order stores one per line, else the discount
 * split in proportion to line totals (./promotions/split, the engine's own split). A refund of q
 * units of a line takes the difference of two cumulative floors, so refunding a line unit by
 * unit adds up to exactly what was paid for it. Shipping is refunded only by the refund that
 * returns the last unit: that one takes whatever of the order total is still unrefunded, so
 * all refunds of an order add up to its total to the fen.
 */
import type { Fen } from './money'
import { allocate } from './promotions/split'

export interface RefundableLine {
  skuId: number
  quantity: number
  lineTotal: Fen
  /** The line's own share of the order discount, when the order was priced line by line. */
  discount?: Fen
  /** Units already refunded or in a refund not yet finished (those are spoken for). */
  refundedQuantity: number
}

export interface RefundableOrder {
  total: Fen
  subtotal: Fen
  discount: Fen
  lines: readonly RefundableLine[]
  /** Fen already refunded or in a refund not yet finished. */
  refundedAmount: Fen
}

export interface RefundLineRequest {
  skuId: number
  quantity: number
}

export interface PlannedLine {
  skuId: number
  quantity: number
  amount: Fen
}

export type RefundPlan =
  | { ok: true; lines: PlannedLine[]; amount: Fen; closesOrder: boolean }
  | { ok: false; code: 'NOTHING_TO_REFUND' | 'UNKNOWN_LINE' | 'TOO_MANY' | 'BAD_QUANTITY'; message: string }

/**
 * What was paid for each line. Orders priced by the promotions engine keep every line's
 * discount, and those are what the shopper saw; older orders only have an order discount,
 * split in proportion to line totals.
 */
export function paidPerLine(order: Pick<RefundableOrder, 'subtotal' | 'discount' | 'lines'>): Fen[] {
  const { subtotal, lines } = order
  if (lines.length > 0 && lines.every((l) => l.discount !== undefined)) {
    return lines.map((l) => l.lineTotal - Math.min(Math.max(l.discount as Fen, 0), l.lineTotal))
  }
  const discount = Math.min(Math.max(order.discount, 0), subtotal)
  if (discount === 0 || subtotal === 0) return lines.map((l) => l.lineTotal)
  const share = allocate(discount, lines.map((l) => l.lineTotal))
  return lines.map((l, i) => l.lineTotal - share[i])
}

/** Fen for units [from, from + q) of a line that cost `paid` for `quantity` units. */
function unitsAmount(paid: Fen, quantity: number, from: number, q: number): Fen {
  return Math.floor((paid * (from + q)) / quantity) - Math.floor((paid * from) / quantity)
}

/**
 * Plans a refund of some units of some lines, or of everything still unrefunded ('all').
 * Refuses unknown lines, more units than remain, and a refund that would return nothing.
 */
export function planRefund(order: RefundableOrder, request: readonly RefundLineRequest[] | 'all'): RefundPlan {
  const paid = paidPerLine(order)
  const wanted = new Map<number, number>()
  if (request === 'all') {
    for (const l of order.lines) if (l.quantity > l.refundedQuantity) wanted.set(l.skuId, l.quantity - l.refundedQuantity)
  } else {
    for (const r of request) {
      if (!Number.isInteger(r.quantity) || r.quantity < 1) return { ok: false, code: 'BAD_QUANTITY', message: '退款数量必须是正整数' }
      wanted.set(r.skuId, (wanted.get(r.skuId) ?? 0) + r.quantity)
    }
  }
  const lines: PlannedLine[] = []
  for (const [skuId, q] of wanted) {
    const i = order.lines.findIndex((l) => l.skuId === skuId)
    if (i < 0) return { ok: false, code: 'UNKNOWN_LINE', message: `订单中没有商品 ${skuId}` }
    const l = order.lines[i]
    const left = l.quantity - l.refundedQuantity
    if (q > left) return { ok: false, code: 'TOO_MANY', message: left > 0 ? `该商品最多还能退 ${left} 件` : '该商品已全部退款' }
    lines.push({ skuId, quantity: q, amount: unitsAmount(paid[i], l.quantity, l.refundedQuantity, q) })
  }
  if (lines.length === 0) return { ok: false, code: 'NOTHING_TO_REFUND', message: '订单已没有可退款的商品' }
  const closesOrder = order.lines.every((l) => l.quantity - l.refundedQuantity === (wanted.get(l.skuId) ?? 0))
  const linesAmount = lines.reduce((n, l) => n + l.amount, 0)
  // The last refund takes the rest of the total: shipping and every fen of rounding.
  const amount = closesOrder ? order.total - order.refundedAmount : linesAmount
  if (amount <= 0) return { ok: false, code: 'NOTHING_TO_REFUND', message: '订单已没有可退款的金额' }
  return { ok: true, lines, amount, closesOrder }
}
