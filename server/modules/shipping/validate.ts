import { MAX_PARCELS, type ShipInput } from '../../../src/domain/shipping'
import { badInput } from '../../lib/errors'

export const CARRIER_MAX = 32
export const TRACKING_NO = /^[A-Za-z0-9-]{4,40}$/

/**
 * What a ship request must be, beyond its shape: express and same-city ship at least one
 * parcel, virtual goods and pickup none; at most MAX_PARCELS (WeChat's shipping_list limit);
 * a parcel's lines are this order's lines, and no line ships more than was bought.
 */
export function checkShipInput(input: ShipInput, lines?: { id: number; quantity: number }[]): void {
  const needsParcels = input.kind === 'express' || input.kind === 'same_city'
  if (needsParcels && input.parcels.length === 0) throw badInput('请至少填写一个包裹的快递公司和单号', 'parcels')
  if (!needsParcels && input.parcels.length > 0) throw badInput('虚拟发货和用户自提不需要填写包裹', 'parcels')
  if (input.parcels.length > MAX_PARCELS) throw badInput(`一个订单最多分 ${MAX_PARCELS} 个包裹发货`, 'parcels')
  const shipped = new Map<number, number>()
  for (const p of input.parcels) {
    if (!p.carrier || p.carrier.length > CARRIER_MAX) throw badInput(`快递公司编码不能为空，最多 ${CARRIER_MAX} 个字符`, 'carrier')
    if (!TRACKING_NO.test(p.trackingNo)) throw badInput('快递单号应为 4–40 位字母、数字或 -', 'trackingNo')
    // Without the order's lines (before it is read) only the parcels' own fields are checked.
    if (!lines) continue
    for (const i of p.items ?? []) {
      const line = lines.find((l) => l.id === i.orderItemId)
      if (!line) throw badInput(`订单中没有商品行 ${i.orderItemId}`, 'items')
      const total = (shipped.get(i.orderItemId) ?? 0) + i.quantity
      if (total > line.quantity) throw badInput(`商品行 ${i.orderItemId} 只买了 ${line.quantity} 件`, 'items')
      shipped.set(i.orderItemId, total)
    }
  }
  // A gift parcel's lines default to its claim's share (filled in before the lines are checked).
  if (input.parcels.length > 1 && input.parcels.some((p) => !p.items?.length && p.giftClaimId === undefined)) throw badInput('分包裹发货时，请为每个包裹选择其中的商品', 'items')
}
