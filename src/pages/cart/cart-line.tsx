import { Image, Text, View } from '@tarojs/components'
import type { CartLine } from '@/domain/contract'
import PriceTag from '@/components/price-tag'
import QuantityStepper from '@/components/quantity-stepper'

export interface CartLineProps {
  line: CartLine
  busy: boolean
  onToggle: () => void
  onQuantity: (quantity: number) => void
  onRemove: () => void
  onOpen: () => void
}

function specText(specs: Record<string, string>): string {
  return Object.values(specs).join(' / ')
}

/** One cart line; unavailable lines stay visible (greyed) so the shopper can remove them. */
export default function CartLineRow({ line, busy, onToggle, onQuantity, onRemove, onOpen }: CartLineProps) {
  const soldOut = line.stock <= 0
  const short = !soldOut && line.stock < line.quantity
  return (
    <View className={`cart-line${line.available ? '' : ' cart-line--unavailable'}`}>
      <View
        className={`cart-line__check${line.selected && line.available ? ' is-checked' : ''}${line.available ? '' : ' is-disabled'}`}
        aria-label={line.selected ? '取消选择' : '选择'}
        onClick={() => line.available && onToggle()}
      >
        {line.selected && line.available ? '✓' : ''}
      </View>
      <Image className="cart-line__image" src={line.image} mode="aspectFill" onClick={onOpen} />
      <View className="cart-line__body">
        <Text className="cart-line__title" onClick={onOpen}>
          {line.title}
        </Text>
        {Object.keys(line.specs).length > 0 ? <Text className="cart-line__specs">{specText(line.specs)}</Text> : null}
        {soldOut ? <Text className="cart-line__warn">已售罄</Text> : null}
        {short ? <Text className="cart-line__warn">{`库存仅剩 ${line.stock} 件`}</Text> : null}
        <View className="cart-line__foot">
          <PriceTag fen={line.unitPrice} size="sm" />
          <QuantityStepper value={line.quantity} min={1} max={Math.max(line.stock, 1)} disabled={busy || soldOut} onChange={onQuantity} />
        </View>
      </View>
      <View className="cart-line__remove" onClick={onRemove}>
        删除
      </View>
    </View>
  )
}
