import { Text, View } from '@tarojs/components'
import { clampRating, RATING_LABEL, starMarks } from './stars'
import './index.scss'

export interface StarRatingProps {
  /** 1..5, or an average (4.8) when only shown; null: no rating yet. */
  value: number | null
  /** Given: the stars are tappable and say what the rating means (非常好). */
  onChange?: (rating: number) => void
  size?: 'sm' | 'md' | 'lg'
}

/** Five stars: a rating shown (an average to the half star), or picked with a tap. */
export default function StarRating({ value, onChange, size = 'md' }: StarRatingProps) {
  return (
    <View className={`star-rating star-rating--${size}${onChange ? ' is-input' : ''}`}>
      {starMarks(value).map((mark, i) => (
        <Text
          key={i}
          className={`star-rating__star star-rating__star--${i + 1} is-${mark}`}
          onClick={onChange ? () => onChange(clampRating(i + 1)) : undefined}
        >
          ★
        </Text>
      ))}
      {onChange && value ? <Text className="star-rating__label">{RATING_LABEL[clampRating(value)]}</Text> : null}
    </View>
  )
}
