import { MAX_PARCELS, type FulfilmentKind, type ShipInput } from '@domain/shipping'

/** Virtual goods and pickup leave without a parcel (WeChat logistics_type 3 / 4 take no shipping_list tracking). */
export function needsParcels(kind: FulfilmentKind): boolean {
  return kind === 'express' || kind === 'same_city'
}

/** The ship dialog's values: each parcel, and with several parcels, how many units of each line go in it. */
export interface ParcelDraft {
  carrier?: string
  trackingNo?: string
  /** orderItemId → units in this parcel (several parcels only). */
  quantities?: Record<string, number | null | undefined>
}

/** A line still to ship: what was bought less what was refunded. */
export interface ShipLine {
  id: number
  title: string
  quantity: number
  refundedQuantity: number
}

export const TRACKING_NO = /^[A-Za-z0-9-]+$/

export type ShipCheck = { ok: true; input: ShipInput } | { ok: false; message: string }

/**
 * Turns the dialog's values into the ship call's body, or says in Chinese what is wrong. One
 * parcel holds the whole order (no items: WeChat's delivery_mode 1 统一发货, whose shipping_list
 * must have exactly one entry). Several parcels are a split (delivery_mode 2 分拆发货, where each
 * shipping_list entry names its goods), so each parcel says what it holds, and every unit still
 * owed of each line must be in exactly one parcel: no line short, none over, no empty parcel.
 */
export function buildShipInput(kind: FulfilmentKind, drafts: readonly ParcelDraft[], lines: readonly ShipLine[]): ShipCheck {
  if (!needsParcels(kind)) return { ok: true, input: { kind, parcels: [] } }
  if (drafts.length === 0) return { ok: false, message: '请至少填写一个包裹' }
  if (drafts.length > MAX_PARCELS) return { ok: false, message: `最多 ${MAX_PARCELS} 个包裹` }
  const seen = new Set<string>()
  for (const [i, d] of drafts.entries()) {
    const n = drafts.length > 1 ? `第 ${i + 1} 个包裹` : '包裹'
    if (!d.carrier?.trim()) return { ok: false, message: `${n}请选择快递公司` }
    const no = d.trackingNo?.trim() ?? ''
    if (!no) return { ok: false, message: `${n}请填写快递单号` }
    if (!TRACKING_NO.test(no)) return { ok: false, message: `${n}的快递单号只能包含字母、数字和 -` }
    if (seen.has(no)) return { ok: false, message: `快递单号 ${no} 重复了` }
    seen.add(no)
  }
  const parcel = (d: ParcelDraft) => ({ carrier: d.carrier!.trim(), trackingNo: d.trackingNo!.trim() })
  if (drafts.length === 1) return { ok: true, input: { kind, parcels: [parcel(drafts[0])] } }

  const owed = lines.filter((l) => l.quantity - l.refundedQuantity > 0)
  const parcels: ShipInput['parcels'] = []
  for (const [i, d] of drafts.entries()) {
    const items: { orderItemId: number; quantity: number }[] = []
    for (const l of owed) {
      const q = d.quantities?.[String(l.id)] ?? 0
      if (!Number.isInteger(q) || q < 0) return { ok: false, message: `第 ${i + 1} 个包裹中「${l.title}」的数量必须是非负整数` }
      if (q > 0) items.push({ orderItemId: l.id, quantity: q })
    }
    if (items.length === 0) return { ok: false, message: `第 ${i + 1} 个包裹没有商品` }
    parcels.push({ ...parcel(d), items })
  }
  for (const l of owed) {
    const due = l.quantity - l.refundedQuantity
    const packed = parcels.reduce((sum, p) => sum + (p.items!.find((x) => x.orderItemId === l.id)?.quantity ?? 0), 0)
    if (packed < due) return { ok: false, message: `「${l.title}」还有 ${due - packed} 件没有分到包裹` }
    if (packed > due) return { ok: false, message: `「${l.title}」应发 ${due} 件，包裹里共填了 ${packed} 件` }
  }
  return { ok: true, input: { kind, parcels } }
}
