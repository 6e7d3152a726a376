import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { route } from '@/routes'
import './order-actions.scss'

export interface ReviewButtonProps {
  orderId: number
  label: '评价' | '追评'
  /** 追评 on the only review that may be appended: straight to it. */
  append?: number
}

/** 评价 / 追评 on a completed order: the review page (which knows what each line allows). */
export default function ReviewButton({ orderId, label, append }: ReviewButtonProps) {
  return (
    <View className="order-actions">
      <Button
        className="order-actions__button order-actions__review is-primary"
        onClick={(e) => {
          e.stopPropagation()
          void Taro.navigateTo({ url: route.review(orderId, append) })
        }}
      >
        {label}
      </Button>
    </View>
  )
}
