/**
 * The Chinese words shoppers see for each discount. One place, so the product card, the
 * cart, checkout and the order all say the same thing.
 */
import { fenToYuan, type Fen } from '../money'
import type { HeldCoupon } from './types'

/** 20000 -> "200", 1990 -> "19.90": whole yuan read better on a label. */
export function yuanLabel(fen: Fen): string {
  return fen % 100 === 0 ? String(fen / 100) : fenToYuan(fen)
}

/** 80 -> "8", 85 -> "8.5": the 折 number for a percent paid. */
export function zheNumber(percent: number): string {
  return String(percent / 10)
}

export const LIMITED_TIME_LABEL = '限时特惠'
export const MEMBER_PRICE_LABEL = '会员价'

/** "满200减20", "每满200减20", "满3件减20", "每满3件减20". */
export function fullReductionLabel(basis: 'amount' | 'quantity', threshold: number, off: Fen, repeat: boolean): string {
  const need = basis === 'amount' ? yuanLabel(threshold) : `${threshold}件`
  return `${repeat ? '每' : ''}满${need}减${yuanLabel(off)}`
}

/** "满2件8折", "满200元9.5折". */
export function fullDiscountLabel(basis: 'amount' | 'quantity', threshold: number, percent: number): string {
  const need = basis === 'amount' ? `${yuanLabel(threshold)}元` : `${threshold}件`
  return `满${need}${zheNumber(percent)}折`
}

/** "任选3件99元". */
export function nForNLabel(count: number, price: Fen): string {
  return `任选${count}件${yuanLabel(price)}元`
}

/** The coupon's own title, as a coupon: "满100减10" -> "满100减10券". */
export function couponLabel(coupon: Pick<HeldCoupon, 'title'>): string {
  return coupon.title.endsWith('券') ? coupon.title : `${coupon.title}券`
}

/** Why a coupon can't be used. */
export const couponReasons = {
  notYet: '未到使用时间',
  expired: '已过期',
  notApplicable: '所选商品不适用',
  threshold: (gap: Fen) => `再买 ${fenToYuan(gap)} 元可用`,
  blockedBy: (label: string) => `不与${label}同享`,
}

/** "再买 23.00 元，可减 20.00", "再买 1 件，可打 8 折", "再买 1 件，可享任选3件99元". */
export const nudgeMessages = {
  reduction: (basis: 'amount' | 'quantity', gap: number, off: Fen) => `${gapText(basis, gap)}，可减 ${fenToYuan(off)}`,
  discount: (basis: 'amount' | 'quantity', gap: number, percent: number) => `${gapText(basis, gap)}，可打 ${zheNumber(percent)} 折`,
  bundle: (gap: number, label: string) => `再买 ${gap} 件，可享${label}`,
}

function gapText(basis: 'amount' | 'quantity', gap: number): string {
  return basis === 'amount' ? `再买 ${fenToYuan(gap)} 元` : `再买 ${gap} 件`
}
