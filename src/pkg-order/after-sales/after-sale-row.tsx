import { Text, View } from '@tarojs/components'
import { AFTER_SALE_STATUS_LABEL, AFTER_SALE_TYPE_LABEL, type AfterSale } from '@/domain/after-sales'
import { formatFen } from '@/domain/money'
import './after-sale-row.scss'

/** One request in a list (my after-sales, the order page): type, what, status and amount. */
export default function AfterSaleRow({ item, onOpen }: { item: AfterSale; onOpen: (id: number) => void }) {
  const units = item.lines.reduce((n, l) => n + l.quantity, 0)
  return (
    <View className="after-sale-row" data-id={item.id} onClick={() => onOpen(item.id)}>
      <View className="after-sale-row__head">
        <Text className="after-sale-row__type">{AFTER_SALE_TYPE_LABEL[item.type]}</Text>
        <Text className="after-sale-row__status">{AFTER_SALE_STATUS_LABEL[item.status]}</Text>
      </View>
      <Text className="after-sale-row__lines">{`${item.lines.map((l) => l.title).join('、')} 共 ${units} 件`}</Text>
      {item.type !== 'exchange' ? <Text className="after-sale-row__amount">{`退款 ${formatFen(item.amount)}`}</Text> : null}
    </View>
  )
}
