import type { PickupStatus } from '@/domain/stores'

export const PICKUP_STATUS_TEXT: Record<PickupStatus, string> = { waiting: '待取货', picked: '已取货', expired: '已过期' }

/** "12345678" → "1234 5678": easier to read out at the counter. */
export function spacedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}
