import { Text, View } from '@tarojs/components'
import './index.scss'

export interface FavoriteHeartProps {
  favorited: boolean
  busy?: boolean
  onToggle: () => void
}

/** The product bar's 收藏 / 已收藏 button; state and logic live with the page (useFavorite). */
export default function FavoriteHeart({ favorited, busy = false, onToggle }: FavoriteHeartProps) {
  return (
    <View className={`favorite-heart${favorited ? ' favorite-heart--on' : ''}${busy ? ' favorite-heart--busy' : ''}`} onClick={() => !busy && onToggle()}>
      <Text className="favorite-heart__glyph">{favorited ? '♥' : '♡'}</Text>
      <Text className="favorite-heart__label">{favorited ? '已收藏' : '收藏'}</Text>
    </View>
  )
}
