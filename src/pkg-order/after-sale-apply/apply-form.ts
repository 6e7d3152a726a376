import { AFTER_SALE_LIMITS, holdsUnits, type AfterSale, type AfterSaleRequestInput, type AfterSaleType } from '@/domain/after-sales'
import type { Order, OrderItem } from '@/domain/contract'
import type { Fen } from '@/domain/money'

/**
 * How many units of each line may still be asked for: bought, less refunded, less what other
 * requests hold (open, refunded or exchanged): the same sum checkAfterSaleRequest makes on the server.
 * A request whose refund has been reserved is left out: its units are already in refundedQuantity.
 */
export function unitsLeft(order: Pick<Order, 'items'>, requests: readonly Pick<AfterSale, 'status' | 'lines' | 'refund'>[]): Record<number, number> {
  const held: Record<number, number> = {}
  for (const r of requests) {
    if (!holdsUnits(r.status) || (r.refund && r.refund.id > 0)) continue
    for (const l of r.lines) held[l.orderItemId] = (held[l.orderItemId] ?? 0) + l.quantity
  }
  return Object.fromEntries(order.items.map((i) => [i.id, Math.max(0, i.quantity - i.refundedQuantity - (held[i.id] ?? 0))]))
}

/** What `quantity` units of a line cost the shopper: its paid amount (after its discount share) pro rata. */
export function linePaid(item: Pick<OrderItem, 'lineTotal' | 'discount' | 'quantity'>, quantity: number): Fen {
  if (item.quantity <= 0) return 0
  return Math.round(((item.lineTotal - item.discount) * quantity) / item.quantity)
}

/** The refund the chosen units would bring (an exchange refunds nothing); the server's figure is final. */
export function estimateRefund(type: AfterSaleType, items: readonly OrderItem[], chosen: Record<number, number>): Fen {
  if (type === 'exchange') return 0
  return items.reduce((sum, i) => sum + (chosen[i.id] ? linePaid(i, chosen[i.id]) : 0), 0)
}

/** A quantity within 0..left (0: the line is not part of the request). */
export function clampQuantity(q: number, left: number): number {
  if (!Number.isFinite(q)) return 0
  return Math.min(Math.max(0, Math.floor(q)), Math.max(0, left))
}

export interface ApplyDraft {
  type: AfterSaleType | null
  chosen: Record<number, number>
  reason: string
  description: string
  photos: string[]
}

/** The request to POST, or why not yet (in the words the shopper sees). */
export function buildRequest(d: ApplyDraft): { ok: true; input: AfterSaleRequestInput } | { ok: false; message: string } {
  if (!d.type) return { ok: false, message: '请选择售后类型' }
  const lines = Object.entries(d.chosen)
    .filter(([, q]) => q > 0)
    .map(([id, quantity]) => ({ orderItemId: Number(id), quantity }))
  if (lines.length === 0) return { ok: false, message: '请选择要售后的商品' }
  const reason = d.reason.trim()
  if (!reason) return { ok: false, message: '请选择售后原因' }
  if (reason.length > AFTER_SALE_LIMITS.reason) return { ok: false, message: `原因最多 ${AFTER_SALE_LIMITS.reason} 字` }
  const description = d.description.trim()
  if (description.length > AFTER_SALE_LIMITS.description) return { ok: false, message: `问题描述最多 ${AFTER_SALE_LIMITS.description} 字` }
  if (d.photos.length > AFTER_SALE_LIMITS.photos) return { ok: false, message: `最多上传 ${AFTER_SALE_LIMITS.photos} 张图片` }
  return { ok: true, input: { type: d.type, lines, reason, ...(description ? { description } : {}), ...(d.photos.length ? { photos: d.photos } : {}) } }
}
