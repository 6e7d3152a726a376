import { Image, Text, View } from '@tarojs/components'
import StarRating from '@/components/star-rating'
import { REVIEW_DEFAULT_TEXT, type ReviewView } from '@/domain/reviews'
import { previewImages } from '@/platform/media'
import { reviewDay } from './summary-text'
import './review-card.scss'

export interface ReviewCardProps {
  review: ReviewView
  /** On the product page: three photos at most and the text cut short; the reviews page shows all. */
  compact?: boolean
}

function Photos({ urls, max }: { urls: string[]; max: number }) {
  if (urls.length === 0) return null
  return (
    <View className="review-card__photos">
      {urls.slice(0, max).map((url) => (
        <Image key={url} className="review-card__photo" src={url} mode="aspectFill" onClick={() => previewImages(urls, url)} />
      ))}
    </View>
  )
}

/** One review: who, stars, when, the text and photos (tap to preview), the appended review and the shop's reply. */
export default function ReviewCard({ review, compact = false }: ReviewCardProps) {
  const max = compact ? 3 : 9
  return (
    <View className={`review-card${compact ? ' review-card--compact' : ''}`} data-review={review.id}>
      <View className="review-card__head">
        {review.avatar ? <Image className="review-card__avatar" src={review.avatar} mode="aspectFill" /> : <View className="review-card__avatar" />}
        <Text className="review-card__nickname">{review.nickname}</Text>
        <StarRating value={review.rating} size="sm" />
        <Text className="review-card__date">{reviewDay(review.createdAt)}</Text>
      </View>
      {review.specText ? <Text className="review-card__spec">{review.specText}</Text> : null}
      <Text className="review-card__content">{review.content || REVIEW_DEFAULT_TEXT}</Text>
      <Photos urls={review.photos} max={max} />
      {review.append && !compact ? (
        <View className="review-card__append">
          <Text className="review-card__append-title">{`追评 ${reviewDay(review.append.at)}`}</Text>
          <Text className="review-card__content">{review.append.content}</Text>
          <Photos urls={review.append.photos} max={max} />
        </View>
      ) : null}
      {review.reply && !compact ? (
        <View className="review-card__reply">
          <Text>{`商家回复：${review.reply.content}`}</Text>
        </View>
      ) : null}
    </View>
  )
}
