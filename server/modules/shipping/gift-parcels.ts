import type { Order } from '../../../src/domain/contract'
import { shareOf } from '../../../src/domain/gifts'
import type { ShipInput } from '../../../src/domain/shipping'
import { badInput, conflict } from '../../lib/errors'
import type { ShippingGift } from '../gifts'

/**
 * A gift order ships once its recipients are known: every share claimed, or the time ran out
 * with at least one claim (the rest was refunded). Before that: 409 GIFT_NOT_CLAIMED.
 */
export function refuseUnclaimedGift(gift: ShippingGift): void {
  if (gift.status === 'claimed' || (gift.status === 'expired' && gift.claims.length > 0)) return
  const why = gift.status === 'open' ? '礼物还在领取中，全部领取或领取时间结束后才能发货' : '礼物没有人领取，无需发货'
  throw conflict('GIFT_NOT_CLAIMED', why)
}

/**
 * A multi-recipient gift's parcels: each names the claim it goes to (400 otherwise), every
 * claim gets one (the ship is the order's only one), and a parcel without lines carries its
 * claim's share. Answers the input with the lines filled in; the usual checks follow.
 */
export function giftParcels(input: ShipInput, gift: ShippingGift, order: Pick<Order, 'items'>): ShipInput {
  if (input.parcels.length === 0) return input
  const claims = new Set(gift.claims.map((c) => c.id))
  for (const p of input.parcels) {
    if (p.giftClaimId === undefined) throw badInput('多人礼物的每个包裹都要选择寄给哪位领取人（giftClaimId）', 'giftClaimId')
    if (!claims.has(p.giftClaimId)) throw badInput(`领取记录 ${p.giftClaimId} 不属于这份礼物`, 'giftClaimId')
  }
  const missing = gift.claims.filter((c) => !input.parcels.some((p) => p.giftClaimId === c.id))
  if (missing.length > 0) throw badInput(`还有 ${missing.length} 位领取人没有包裹：每位领取人都要发货`, 'giftClaimId')
  const share = shareOf(order.items.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), gift.recipients)
  const items = order.items.map((l, i) => ({ orderItemId: l.id, quantity: share[i].quantity })).filter((l) => l.quantity > 0)
  return { ...input, parcels: input.parcels.map((p) => (p.items?.length ? p : { ...p, items })) }
}
