import type { Platform } from '@/domain/contract'
import { CREDIT_SERVICE_LABEL } from '@/domain/credit'
import { useSession } from './session'

/** The shopper's credit service by the platform they signed in on (the H5 preview names both). */
export function useCreditService(): { name: string; depositHint: string } {
  const platform: Platform = useSession((s) => s.user?.platform) ?? 'h5'
  const name = CREDIT_SERVICE_LABEL[platform]
  const depositHint = platform === 'h5' ? '芝麻信用 / 微信支付分 可免押' : `${name}可免押`
  return { name, depositHint }
}
