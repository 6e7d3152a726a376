import type { CreateOrderInput } from '../../../src/domain/contract'
import { checkGift } from '../../../src/domain/gifts'
import { AppError } from '../../lib/errors'
import { mergeLines } from '../pricing'

/**
 * A gift order (送礼) as asked for: no address (each recipient gives theirs when claiming) and
 * the domain's rules (message, recipients, an even split, paid up front). Throws 400 with the
 * rule's code; nothing when the order is no gift.
 */
export function refuseBadGift(input: CreateOrderInput): void {
  if (!input.gift) return
  if (input.addressId !== undefined) throw new AppError(400, 'GIFT_HAS_ADDRESS', '送礼订单无需填写收货地址：每位领取人领取时填写自己的地址')
  const c = checkGift(input.gift, mergeLines(input.items), input.paymentMode ?? 'pay_now')
  if (!c.ok) throw new AppError(400, c.code, c.message)
}
