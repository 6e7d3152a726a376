import { View } from '@tarojs/components'

// Placeholder until the page lands.
export default function Page() {
  return <View>pages/me</View>
}
