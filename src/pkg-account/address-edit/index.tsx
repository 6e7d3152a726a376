import { View } from '@tarojs/components'

// Placeholder until the page lands.
export default function Page() {
  return <View>pkg-account/address-edit</View>
}
