import type { Rental } from '@/domain/contract'
import { rentalMachine } from '@/domain/credit'

export type RentalButton = 'confirm' | 'start' | 'return' | 'cancel'

export const RENTAL_BUTTON_LABEL: Record<RentalButton, string> = {
  confirm: '继续确认',
  start: '确认取货',
  return: '归还',
  cancel: '取消租用',
}

/**
 * The shopper's buttons from the rental machine: what a shopper may cause from this state,
 * plus 继续确认 while credit has not decided (the confirm itself is the platform's event).
 */
export function rentalButtons(state: Rental['state']): RentalButton[] {
  const events = rentalMachine.eventsFrom(state, 'shopper').filter((e): e is RentalButton => e === 'start' || e === 'return' || e === 'cancel')
  const primary: RentalButton[] = rentalMachine.can(state, 'confirm', 'platform') ? ['confirm'] : []
  return [...events.filter((e) => e === 'cancel'), ...primary, ...events.filter((e) => e !== 'cancel')]
}
