import { fenToYuan, type Fen } from '@/domain/money'

/** "10.00" -> "10", "10.50" -> "10.5": coupons read as round numbers. */
export function shortYuan(fen: Fen): string {
  return fenToYuan(fen).replace(/\.?0+$/, '')
}

/** The big figure and its unit: ¥10 off, or 8.5 折 (value is the percent paid). */
export function couponFace(type: 'amount' | 'percent', value: number): { figure: string; unit: '¥' | '折' } {
  if (type === 'amount') return { figure: shortYuan(value), unit: '¥' }
  return { figure: String(value / 10), unit: '折' }
}

/** "满100可用" or "无门槛"; a percent coupon's cap follows: "满100可用，最多减20". */
export function thresholdText(threshold: Fen, cap: Fen | null = null): string {
  const base = threshold > 0 ? `满${shortYuan(threshold)}可用` : '无门槛'
  return cap !== null ? `${base}，最多减${shortYuan(cap)}` : base
}

function day(iso: string): string {
  const d = new Date(iso)
  return `${d.getFullYear()}.${String(d.getMonth() + 1).padStart(2, '0')}.${String(d.getDate()).padStart(2, '0')}`
}

/** "2026.11.20 - 2026.12.31", or "领取后 7 天内有效" for a batch that counts from claiming. */
export function validityText(validity: { from: string; to: string } | { days: number }): string {
  return 'days' in validity ? `领取后 ${validity.days} 天内有效` : `${day(validity.from)} - ${day(validity.to)}`
}

/** "有效期至 2026.12.31". */
export function validUntilText(to: string): string {
  return `有效期至 ${day(to)}`
}
