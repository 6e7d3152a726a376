import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import ReviewCard from '@/components/review-section/review-card'
import StateView from '@/components/state-view'
import type { ReviewableLine } from '@/domain/reviews'
import { route } from '@/routes'
import { errorMessage } from '@/services/http'
import { appendReview, fetchOrderReviews, submitReviews } from '@/services/reviews'
import { useRecordLoad } from '@/services/use-record-load'
import { currentToken } from '@/store/session'
import LineForm from './line-form'
import { buildAppendInput, buildReviewInput, EMPTY_DRAFT, type LineDraft } from './review-form'
import './index.scss'

/**
 * 评价: every line of a completed order that may be reviewed (stars, text, up to 9 photos, one
 * 匿名 switch for all), sent together; lines already reviewed show their review and 追评. With
 * ?append=<reviewId> the page appends to that one review. A refused request keeps what was
 * written and uploaded.
 */
export default function ReviewPage() {
  const { params } = useRouter()
  const orderId = Number(params.orderId)
  const appendTo = params.append ? Number(params.append) : null
  const [lines, setLines] = useState<ReviewableLine[]>([])
  const [drafts, setDrafts] = useState<Record<number, LineDraft>>({})
  const [uploading, setUploading] = useState<Record<number, boolean>>({})
  const [anonymous, setAnonymous] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [failure, setFailure] = useState('')
  const [done, setDone] = useState(false)

  const { status, error, load } = useRecordLoad(orderId, '订单不存在', fetchOrderReviews, setLines)
  // Once: picking photos hides and shows the page again, and the drafts must survive that.
  const loaded = useRef(false)
  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.review(orderId, appendTo ?? undefined)) })
      return
    }
    if (loaded.current) return
    loaded.current = true
    void load()
  })

  const onDraft = useCallback((id: number, patch: Partial<LineDraft>) => setDrafts((d) => ({ ...d, [id]: { ...(d[id] ?? EMPTY_DRAFT), ...patch } })), [])
  const onUploading = useCallback((id: number, busy: boolean) => setUploading((u) => (u[id] === busy ? u : { ...u, [id]: busy })), [])
  const busy = submitting || Object.values(uploading).some(Boolean)

  const target = appendTo ? lines.find((l) => l.review?.id === appendTo) : undefined
  const open = lines.filter((l) => l.canReview)

  const send = async (request: () => Promise<unknown>, ok: string, after: () => void) => {
    setSubmitting(true)
    setFailure('')
    try {
      await request()
      void Taro.showToast({ title: ok, icon: 'success' })
      after()
    } catch (err) {
      // The drafts and the uploaded photos stay: the shopper fixes or retries.
      setFailure(errorMessage(err))
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
    setSubmitting(false)
  }

  const submit = () => {
    if (busy) return
    const r = buildReviewInput(lines, drafts, anonymous)
    if (!r.ok) {
      setFailure(r.message)
      return
    }
    void send(() => submitReviews(orderId, r.input), '评价成功', () => {
      setDrafts({})
      void load()
    })
  }

  const submitAppend = () => {
    if (busy || !target?.review) return
    const r = buildAppendInput(drafts[target.orderItemId] ?? EMPTY_DRAFT)
    if (!r.ok) {
      setFailure(r.message)
      return
    }
    const reviewId = target.review.id
    void send(() => appendReview(reviewId, r.input), '追评成功', () => setDone(true))
  }

  const footer = (label: string, onClick: () => void) => (
    <View className="review-page__footer">
      {failure ? <Text className="review-page__error">{failure}</Text> : null}
      <Button className="review-page__submit" loading={submitting || undefined} disabled={busy || undefined} onClick={onClick}>
        {label}
      </Button>
    </View>
  )

  const appendView = () => {
    if (!target?.review) return <Text className="review-page__empty">这条评价不存在</Text>
    if (done || !target.canAppend) {
      return (
        <View className="review-page__card">
          <ReviewCard review={target.review} />
          <Text className="review-page__empty review-page__appended">{done ? '追评已提交' : '这条评价已经追评过了'}</Text>
        </View>
      )
    }
    return (
      <>
        <View className="review-page__card">
          <ReviewCard review={target.review} />
        </View>
        <View className="review-page__card">
          <LineForm line={target} withRating={false} draft={drafts[target.orderItemId] ?? EMPTY_DRAFT} onDraft={onDraft} onUploading={onUploading} />
        </View>
        {footer('提交追评', submitAppend)}
      </>
    )
  }

  const writeView = () => (
    <>
      {lines.map((line) =>
        line.canReview ? (
          <View key={line.orderItemId} className="review-page__card">
            <LineForm line={line} withRating draft={drafts[line.orderItemId] ?? EMPTY_DRAFT} onDraft={onDraft} onUploading={onUploading} />
          </View>
        ) : (
          <View key={line.orderItemId} className="review-page__card review-page__reviewed">
            <Text className="review-page__title">{line.title}</Text>
            {line.review ? <ReviewCard review={line.review} /> : <Text className="review-page__empty">该商品暂不可评价</Text>}
            {line.canAppend && line.review ? (
              <View className="review-page__append" onClick={() => void Taro.navigateTo({ url: route.review(orderId, line.review?.id) })}>
                追评
              </View>
            ) : null}
          </View>
        ),
      )}
      {open.length ? (
        <>
          <View className={`review-page__anonymous${anonymous ? ' is-on' : ''}`} onClick={() => setAnonymous((a) => !a)}>
            <View className="review-page__check" />
            <Text>{anonymous ? '匿名评价（已开启）' : '匿名评价'}</Text>
          </View>
          {footer('提交', submit)}
        </>
      ) : null}
    </>
  )

  return (
    <View className="review-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {status === 'ready' ? (appendTo ? appendView() : writeView()) : null}
      </StateView>
    </View>
  )
}
