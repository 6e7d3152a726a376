import { Text, View } from '@tarojs/components'
import type { PayAfterUseInfo } from '@/domain/contract'
import { PAY_AFTER_USE_STATE_LABEL } from '@/domain/credit'
import { formatFen } from '@/domain/money'
import { formatTime } from './timeline'

/** 先享后付 on an order: what will be (or was) collected, and when at the latest. */
export default function PayLaterInfo({ credit }: { credit: PayAfterUseInfo }) {
  const waiting = credit.state === 'created' || credit.state === 'confirmed' || credit.state === 'charging'
  return (
    <View className="order-detail__card order-pay-later">
      <Text className="order-pay-later__title">{`先享后付 · ${PAY_AFTER_USE_STATE_LABEL[credit.state]}`}</Text>
      {credit.state === 'charged' ? (
        <Text className="order-pay-later__line">{`已扣款 ${formatFen(credit.charged)}`}</Text>
      ) : waiting ? (
        <Text className="order-pay-later__line">{`确认收货后扣款 ${formatFen(credit.amount)}`}</Text>
      ) : null}
      {waiting && credit.collectAt ? <Text className="order-pay-later__line order-pay-later__collect">{`未确认收货将于 ${formatTime(credit.collectAt)} 自动扣款`}</Text> : null}
    </View>
  )
}
