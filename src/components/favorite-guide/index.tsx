import { Text, View } from '@tarojs/components'
import { favoritesAdapter } from '@/platform/favorites'
import type { FavoritesAdapter } from '@/platform/favorites/types'
import { useFavoriteGuide } from './use-favorite-guide'
import './index.scss'

/** A strip pointing at the platform's own "add / collect / bookmark" entry, with a close button. */
export default function FavoriteGuide({ adapter = favoritesAdapter }: { adapter?: FavoritesAdapter }) {
  const { visible, text, dismiss } = useFavoriteGuide(adapter)
  if (!visible || !text) return null
  return (
    <View className="favorite-guide">
      <Text className="favorite-guide__text">{text}</Text>
      <View className="favorite-guide__close" onClick={dismiss}>
        <Text>×</Text>
      </View>
    </View>
  )
}
