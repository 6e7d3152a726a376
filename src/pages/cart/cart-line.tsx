import { Text, View } from '@tarojs/components'
import type { CartLine, PreviewLine } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import LineItem from '@/components/line-item'
import PromoTags from '@/components/promo-tags'
import QuantityStepper from '@/components/quantity-stepper'

export interface CartLineProps {
  line: CartLine
  /** The server's pricing of this line (ticked lines only): its promotion labels and its share of the discounts. */
  priced?: PreviewLine
  busy: boolean
  onToggle: () => void
  onQuantity: (quantity: number) => void
  onRemove: () => void
  onOpen: () => void
}

/** One cart line; unavailable lines stay visible (greyed) so the shopper can remove them. */
export default function CartLineRow({ line, priced, busy, onToggle, onQuantity, onRemove, onOpen }: CartLineProps) {
  const soldOut = line.stock <= 0
  const short = !soldOut && line.stock < line.quantity
  return (
    <LineItem
      size="lg"
      className={`cart-line${line.available ? '' : ' cart-line--unavailable'}`}
      image={line.image}
      title={line.title}
      specs={line.specs}
      unitPrice={line.unitPrice}
      onOpen={onOpen}
      leading={
        <View
          className={`cart-line__check${line.selected && line.available ? ' is-checked' : ''}${line.available ? '' : ' is-disabled'}`}
          aria-label={line.selected ? '取消选择' : '选择'}
          onClick={() => line.available && onToggle()}
        >
          {line.selected && line.available ? '✓' : ''}
        </View>
      }
      notes={
        <>
          {soldOut ? <Text className="cart-line__warn">已售罄</Text> : null}
          {short ? <Text className="cart-line__warn">{`库存仅剩 ${line.stock} 件`}</Text> : null}
          {priced ? <PromoTags labels={priced.labels ?? []} /> : null}
          {priced && priced.discount > 0 ? <Text className="cart-line__discount">{`优惠 -${formatFen(priced.discount)}`}</Text> : null}
        </>
      }
      trailing={
        <View className="cart-line__remove" onClick={onRemove}>
          删除
        </View>
      }
    >
      <QuantityStepper value={line.quantity} min={1} max={Math.max(line.stock, 1)} disabled={busy || soldOut} onChange={onQuantity} />
    </LineItem>
  )
}
