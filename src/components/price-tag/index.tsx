import { Text, View } from '@tarojs/components'
import { formatFen, priceParts, type Fen } from '@/domain/money'
import './index.scss'

export interface PriceTagProps {
  fen: Fen
  /** The crossed-out list price; shown only when it is higher than the price. */
  original?: Fen | null
  size?: 'sm' | 'md' | 'lg'
}

export default function PriceTag({ fen, original, size = 'md' }: PriceTagProps) {
  const { yuan, cents } = priceParts(fen)
  return (
    <View className={`price-tag price-tag--${size}`}>
      <Text className="price-tag__symbol">¥</Text>
      <Text className="price-tag__yuan">{yuan}</Text>
      <Text className="price-tag__cents">.{cents}</Text>
      {original != null && original > fen ? <Text className="price-tag__original">{formatFen(original)}</Text> : null}
    </View>
  )
}
