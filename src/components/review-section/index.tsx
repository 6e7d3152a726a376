import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ReviewPage, ReviewView } from '@/domain/reviews'
import { fetchBuyerShow, fetchProductReviews } from '@/services/reviews'
import BuyerShow from './buyer-show'
import ReviewCard from './review-card'
import { goodPercentText, reviewsTitle } from './summary-text'
import './index.scss'

/**
 * The product page's reviews: the count and 好评率, the two newest reviews, the buyer show
 * strip, and 查看全部 (the page opens the reviews page: components don't know the routes). It loads on its own; a failure hides it rather than
 * the product.
 */
export default function ReviewSection({ productId, onOpenAll }: { productId: number; onOpenAll: () => void }) {
  const [page, setPage] = useState<ReviewPage | null>(null)
  const [show, setShow] = useState<ReviewView[]>([])

  useEffect(() => {
    let live = true
    void fetchProductReviews(productId, { page: 1, pageSize: 2 }).then(
      (p) => live && setPage(p),
      () => undefined,
    )
    void fetchBuyerShow(productId).then(
      (items) => live && setShow(items),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [productId])

  if (!page) return null
  return (
    <View className="review-section">
      <View className="review-section__head" onClick={onOpenAll}>
        <Text className="review-section__title">{reviewsTitle(page.summary)}</Text>
        <Text className="review-section__good">{goodPercentText(page.summary)}</Text>
        {page.summary.count > 0 ? <Text className="review-section__all">查看全部 ›</Text> : null}
      </View>
      {page.items.slice(0, 2).map((r) => (
        <ReviewCard key={r.id} review={r} compact />
      ))}
      <BuyerShow reviews={show} />
    </View>
  )
}
