import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Coupon } from '@/domain/contract'
import { couponFace, thresholdText } from './coupon-text'
import './index.scss'

/** What the card's button says; the last four are stamps, not buttons. */
export type CouponCardState = 'claim' | 'use' | 'claimed' | 'soldOut' | 'used' | 'expired'

export const COUPON_STATE_LABEL: Record<CouponCardState, string> = {
  claim: '立即领取',
  use: '去使用',
  claimed: '已领取',
  soldOut: '已领完',
  used: '已使用',
  expired: '已过期',
}

/** The terms every coupon shape carries (a held coupon, a centre batch, a checkout option). */
export type CouponTerms = Pick<Coupon, 'type' | 'value' | 'cap' | 'threshold' | 'title' | 'scopeText'>

export interface CouponCardProps {
  coupon: CouponTerms
  /** "2026.11.20 - 2026.12.31", "领取后 7 天内有效". */
  validity: string
  /** The button or stamp on the right; omit it to put `trailing` there instead. */
  state?: CouponCardState
  /** A line under the validity: why it can't be used, what it saves here. */
  note?: string
  /** Greyed out: used, expired, or not usable on this order. */
  dimmed?: boolean
  busy?: boolean
  /** Instead of a state (checkout's radio). */
  trailing?: ReactNode
  onAction?: () => void
  onClick?: () => void
}

/** One coupon: the amount (or 折) with its threshold on the left, what it is and when it works on the right. */
export default function CouponCard(props: CouponCardProps) {
  const { coupon, validity, state, note, dimmed = false, busy = false, trailing, onAction, onClick } = props
  const { type, value, cap, threshold, title, scopeText } = coupon
  const face = couponFace(type, value)
  const actionable = state === 'claim' || state === 'use'
  return (
    <View className={`coupon-card${dimmed ? ' coupon-card--dimmed' : ''}`} onClick={onClick}>
      <View className="coupon-card__face">
        <View className="coupon-card__amount">
          {face.unit === '¥' ? <Text className="coupon-card__unit">¥</Text> : null}
          <Text className="coupon-card__figure">{face.figure}</Text>
          {face.unit === '折' ? <Text className="coupon-card__unit">折</Text> : null}
        </View>
        <Text className="coupon-card__threshold">{thresholdText(threshold, type === 'percent' ? cap : null)}</Text>
      </View>
      <View className="coupon-card__body">
        <Text className="coupon-card__title">{title}</Text>
        <Text className="coupon-card__scope">{scopeText}</Text>
        <Text className="coupon-card__validity">{validity}</Text>
        {note ? <Text className="coupon-card__note">{note}</Text> : null}
      </View>
      <View className="coupon-card__side">
        {state ? (
          actionable ? (
            <View
              className={`coupon-card__action coupon-card__action--${state}${busy ? ' is-busy' : ''}`}
              onClick={(e) => {
                e.stopPropagation()
                if (!busy) onAction?.()
              }}
            >
              {busy ? '请稍候' : COUPON_STATE_LABEL[state]}
            </View>
          ) : (
            <Text className={`coupon-card__stamp coupon-card__stamp--${state}`}>{COUPON_STATE_LABEL[state]}</Text>
          )
        ) : (
          trailing
        )}
      </View>
    </View>
  )
}
