import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '@/components/list-footer'
import ReviewCard from '@/components/review-section/review-card'
import { goodPercentText, ratingText, reviewsTitle, withPhotosTab } from '@/components/review-section/summary-text'
import StarRating from '@/components/star-rating'
import StateView from '@/components/state-view'
import type { ReviewPage } from '@/domain/reviews'
import { fetchProductReviews } from '@/services/reviews'
import { usePagedList } from '@/services/use-paged-list'
import './index.scss'

const PAGE_SIZE = 10

/** A product's reviews: the summary, 全部 / 有图, a page at a time, newest first. */
export default function ReviewsPage() {
  const { params } = useRouter()
  const productId = Number(params.id)
  const [withPhotos, setWithPhotos] = useState(params.withPhotos === '1')
  const byFilter = (photos: boolean) => (page: number) => fetchProductReviews(productId, { withPhotos: photos, page, pageSize: PAGE_SIZE })
  const { items, first, status, error, total, more, load, reset, loadMore } = usePagedList<ReviewPage>(byFilter(withPhotos))
  const summary = first?.summary ?? null

  const chooseTab = (photos: boolean) => {
    if (photos === withPhotos) return
    setWithPhotos(photos)
    reset()
    void load(byFilter(photos))
  }
  // Once: a photo preview hides and shows the page again, and the list must stay where it was.
  const loaded = useRef(false)
  useDidShow(() => {
    if (loaded.current) return
    loaded.current = true
    void load()
  })
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void loadMore())

  return (
    <View className="reviews-page">
      {summary ? (
        <View className="reviews-summary">
          <Text className="reviews-summary__title">{reviewsTitle(summary)}</Text>
          <View className="reviews-summary__score">
            <Text className="reviews-summary__rating">{ratingText(summary)}</Text>
            <StarRating value={summary.rating} size="sm" />
            <Text className="reviews-summary__good">{goodPercentText(summary)}</Text>
          </View>
        </View>
      ) : null}
      <View className="reviews-tabs">
        <Text className={`reviews-tabs__tab reviews-tabs__tab--all${withPhotos ? '' : ' is-active'}`} onClick={() => chooseTab(false)}>
          全部
        </Text>
        <Text className={`reviews-tabs__tab reviews-tabs__tab--photos${withPhotos ? ' is-active' : ''}`} onClick={() => chooseTab(true)}>
          {withPhotosTab(summary)}
        </Text>
      </View>
      <StateView status={status} error={error} onRetry={() => void load()} emptyText={withPhotos ? '还没有带图的评价' : '还没有评价'}>
        <View className="reviews-list">
          {items.map((r) => (
            <ReviewCard key={r.id} review={r} />
          ))}
        </View>
        <ListFooter hasMore={items.length < total} loading={more === 'loading'} failed={more === 'failed'} onRetry={() => void loadMore()} />
      </StateView>
    </View>
  )
}
