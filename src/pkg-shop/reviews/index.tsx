import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ListFooter from '@/components/list-footer'
import ReviewCard from '@/components/review-section/review-card'
import { goodPercentText, ratingText, reviewsTitle, withPhotosTab } from '@/components/review-section/summary-text'
import StarRating from '@/components/star-rating'
import StateView from '@/components/state-view'
import type { ReviewSummary, ReviewView } from '@/domain/reviews'
import { fetchProductReviews } from '@/services/reviews'
import './index.scss'

const PAGE_SIZE = 10

/** A product's reviews: the summary, 全部 / 有图, a page at a time, newest first. */
export default function ReviewsPage() {
  const { params } = useRouter()
  const productId = Number(params.id)
  const [withPhotos, setWithPhotos] = useState(params.withPhotos === '1')
  const [summary, setSummary] = useState<ReviewSummary | null>(null)
  const [items, setItems] = useState<ReviewView[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready' | 'empty'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle')
  const loadingMore = useRef(false)
  // A tab tapped while the other tab's answer is on the way: only the newest answer counts.
  const asked = useRef(0)

  const load = useCallback(async (photos: boolean) => {
    const ask = ++asked.current
    try {
      const r = await fetchProductReviews(productId, { withPhotos: photos, page: 1, pageSize: PAGE_SIZE })
      if (ask !== asked.current) return
      setSummary(r.summary)
      setItems(r.items)
      setTotal(r.total)
      setPage(1)
      setStatus(r.items.length ? 'ready' : 'empty')
    } catch (err) {
      if (ask !== asked.current) return
      setError(err)
      setStatus('error')
    }
  }, [productId])

  const loadMore = useCallback(async () => {
    if (loadingMore.current || items.length >= total) return
    loadingMore.current = true
    setMore('loading')
    try {
      const r = await fetchProductReviews(productId, { withPhotos, page: page + 1, pageSize: PAGE_SIZE })
      setItems((list) => [...list, ...r.items.filter((a) => !list.some((b) => b.id === a.id))])
      setTotal(r.total)
      setPage(page + 1)
      setMore('idle')
    } catch {
      setMore('failed')
    }
    loadingMore.current = false
  }, [items.length, page, productId, total, withPhotos])

  const chooseTab = (photos: boolean) => {
    if (photos === withPhotos) return
    setWithPhotos(photos)
    setStatus('loading')
    void load(photos)
  }
  // Once: a photo preview hides and shows the page again, and the list must stay where it was.
  const loaded = useRef(false)
  useDidShow(() => {
    if (loaded.current) return
    loaded.current = true
    void load(withPhotos)
  })
  usePullDownRefresh(() => void load(withPhotos).finally(() => Taro.stopPullDownRefresh()))
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
      <StateView status={status} error={error} onRetry={() => void load(withPhotos)} emptyText={withPhotos ? '还没有带图的评价' : '还没有评价'}>
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
