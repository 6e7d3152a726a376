import { View, Text } from '@tarojs/components'
import { formatFen } from '@/domain/money'

export default function Index() {
  return (
    <View>
      <Text>Duet {formatFen(1234)}</Text>
    </View>
  )
}
