import type { Rental } from '@/domain/contract'
import { canRequestReturn, rentalMachine } from '@/domain/credit'

export type RentalButton = 'confirm' | 'return' | 'cancel'

export const RENTAL_BUTTON_LABEL: Record<RentalButton, string> = {
  confirm: '继续确认',
  return: '申请归还',
  cancel: '取消租用',
}

/**
 * The shopper's buttons: what a shopper may cause from this state (the rental machine), 继续确认
 * while credit has not decided (the confirm itself is the platform's event), and 申请归还 until
 * asked once. Pickup and the return itself are the shop's to confirm, so they are no buttons here.
 */
export function rentalButtons(rental: Pick<Rental, 'state' | 'returnRequestedAt'>): RentalButton[] {
  const { state } = rental
  const cancel: RentalButton[] = rentalMachine.can(state, 'cancel', 'shopper') ? ['cancel'] : []
  const confirm: RentalButton[] = rentalMachine.can(state, 'confirm', 'platform') ? ['confirm'] : []
  const ask: RentalButton[] = canRequestReturn(state) && !rental.returnRequestedAt ? ['return'] : []
  return [...cancel, ...confirm, ...ask]
}

/** What the shopper does next at the shop, when it is the shop's move; null otherwise. */
export function rentalShopHint(rental: Pick<Rental, 'state' | 'returnRequestedAt' | 'rentalNo'>): string | null {
  if (rental.state === 'authorized') return `请到店出示租赁单号 ${rental.rentalNo}，店员确认取货后开始计租`
  if (rental.returnRequestedAt && canRequestReturn(rental.state)) return '已申请归还，请将商品交还门店；门店确认收货后结算租金并释放押金'
  return null
}
