import { useEffect } from 'react'
import { Image, Text, Textarea, View } from '@tarojs/components'
import StarRating from '@/components/star-rating'
import { REVIEW_MAX_PHOTOS, REVIEW_MAX_TEXT, type ReviewableLine } from '@/domain/reviews'
import { uploadReviewPhoto } from '@/services/reviews'
import { usePhotos } from '../photos/use-photos'
import type { LineDraft } from './review-form'

const PHOTOS = { max: REVIEW_MAX_PHOTOS, upload: uploadReviewPhoto }

export interface LineFormProps {
  line: ReviewableLine
  /** An append has no stars. */
  withRating: boolean
  draft: LineDraft
  /** Stable (the page's): the line's draft changed. */
  onDraft: (orderItemId: number, patch: Partial<LineDraft>) => void
  /** Stable (the page's): uploads under way for the line; the page holds 提交 until they finish. */
  onUploading: (orderItemId: number, busy: boolean) => void
}

/** One line's stars, text and photos; the photos upload as they are picked. */
export default function LineForm({ line, withRating, draft, onDraft, onUploading }: LineFormProps) {
  const { photos, progress, add, remove } = usePhotos(PHOTOS)
  const id = line.orderItemId
  // The page keeps the draft (and sends it); the picked files stay here for the previews.
  useEffect(() => onDraft(id, { photos: photos.map((p) => p.url) }), [photos, id, onDraft])
  const uploading = progress !== null
  useEffect(() => onUploading(id, uploading), [uploading, id, onUploading])

  return (
    <View className="review-line" data-item={line.orderItemId}>
      <View className="review-line__product">
        <Image className="review-line__image" src={line.image} mode="aspectFill" />
        <View className="review-line__body">
          <Text className="review-line__title">{line.title}</Text>
          {line.specText ? <Text className="review-line__spec">{line.specText}</Text> : null}
        </View>
      </View>
      {withRating ? (
        <View className="review-line__rating">
          <Text className="review-line__label">商品评分</Text>
          <StarRating value={draft.rating} size="lg" onChange={(rating) => onDraft(id, { rating })} />
        </View>
      ) : null}
      <Textarea
        className="review-line__text"
        value={draft.content}
        maxlength={REVIEW_MAX_TEXT}
        placeholder={withRating ? '说说你的使用感受，帮助更多人选择吧' : '用了一段时间，再说说感受吧'}
        onInput={(e) => onDraft(id, { content: e.detail.value })}
      />
      <Text className="review-line__count">{`${draft.content.length}/${REVIEW_MAX_TEXT}`}</Text>
      <View className="review-line__photos">
        {photos.map((p, i) => (
          <Image key={p.url} className="review-line__photo" src={p.local} mode="aspectFill" onClick={() => remove(i)} />
        ))}
        {photos.length < REVIEW_MAX_PHOTOS ? (
          <View className="review-line__add" onClick={() => void add()}>
            {`+ 晒图 ${photos.length}/${REVIEW_MAX_PHOTOS}`}
          </View>
        ) : null}
      </View>
      {progress ? <Text className="review-line__progress">{`上传中 ${progress.done}/${progress.total}`}</Text> : null}
      {photos.length ? <Text className="review-line__hint">点击图片可删除</Text> : null}
    </View>
  )
}
