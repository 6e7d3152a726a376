import { Text, View } from '@tarojs/components'
import './index.scss'

export interface PromoTagsProps {
  /** The server's labels ("限时特惠", "满199减20", "3件99元", "会员价"), shown as given. */
  labels: readonly string[]
  className?: string
}

/** Small red-outline tags for the promotions on a product or a line; nothing when there are none. */
export default function PromoTags({ labels, className }: PromoTagsProps) {
  if (labels.length === 0) return null
  return (
    <View className={`promo-tags${className ? ` ${className}` : ''}`}>
      {labels.map((label) => (
        <Text key={label} className="promo-tag">
          {label}
        </Text>
      ))}
    </View>
  )
}
