import type { Queryable } from '../../db'
import { conflict } from '../../lib/errors'
import { isMember } from '../members'
import { pricedAsMember } from './repository'

/**
 * An order priced with a member discount can start a payment (pay now or pay after use) only
 * while its shopper is still a member: otherwise joining, ordering at the member price,
 * cancelling (savings 0, charge 0) and paying afterwards keeps the discount without its fee.
 * The shopper orders again at today's price. Money for an attempt opened while still a member
 * that arrives later is kept (the platform took it): credit/membership.ts savings() counts it
 * in the period the price was given.
 */
export async function refuseEndedMemberPrice(q: Queryable, userId: number, orderId: number, now: Date): Promise<void> {
  if (!(await pricedAsMember(q, orderId))) return
  if (await isMember(q, userId, now)) return
  throw conflict('MEMBER_PRICE_ENDED', '会员已结束，会员价不再适用，请重新下单')
}
