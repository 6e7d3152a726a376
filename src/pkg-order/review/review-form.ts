import { REVIEW_MAX_PHOTOS, REVIEW_MAX_TEXT, type AppendInput, type ReviewableLine, type ReviewInput } from '@/domain/reviews'

/** What the shopper has written for one line so far (the photos are the uploaded server paths). */
export interface LineDraft {
  rating: number
  content: string
  photos: string[]
}

/** A new line's draft: five stars, as most shoppers leave it. */
export const EMPTY_DRAFT: LineDraft = { rating: 5, content: '', photos: [] }

type Built<T> = { ok: true; input: T } | { ok: false; message: string }

function checkText(content: string, photos: string[]): string | null {
  if (content.trim().length > REVIEW_MAX_TEXT) return `评价内容最多 ${REVIEW_MAX_TEXT} 字`
  if (photos.length > REVIEW_MAX_PHOTOS) return `最多上传 ${REVIEW_MAX_PHOTOS} 张图片`
  return null
}

/** POST /api/orders/:id/reviews for every line that may be reviewed now, or what is wrong first. */
export function buildReviewInput(lines: ReviewableLine[], drafts: Record<number, LineDraft>, anonymous: boolean): Built<ReviewInput> {
  const open = lines.filter((l) => l.canReview)
  if (open.length === 0) return { ok: false, message: '没有可评价的商品' }
  const items: ReviewInput['items'] = []
  for (const line of open) {
    const d = drafts[line.orderItemId] ?? EMPTY_DRAFT
    if (!Number.isInteger(d.rating) || d.rating < 1 || d.rating > 5) return { ok: false, message: `请为「${line.title}」打分` }
    const bad = checkText(d.content, d.photos)
    if (bad) return { ok: false, message: bad }
    items.push({ orderItemId: line.orderItemId, rating: d.rating, content: d.content.trim(), photos: d.photos, anonymous })
  }
  return { ok: true, input: { items } }
}

/** POST /api/reviews/:id/append: something to say (text or a photo). */
export function buildAppendInput(draft: Pick<LineDraft, 'content' | 'photos'>): Built<AppendInput> {
  const content = draft.content.trim()
  if (!content && draft.photos.length === 0) return { ok: false, message: '请填写追评内容' }
  const bad = checkText(content, draft.photos)
  return bad ? { ok: false, message: bad } : { ok: true, input: { content, photos: draft.photos } }
}

/**
 * The order's review button: 评价 while a line may be reviewed, 追评 when every reviewable line
 * is reviewed and one may still be appended, none otherwise.
 */
export function reviewEntry(lines: ReviewableLine[]): { label: '评价' | '追评'; append?: number } | null {
  if (lines.some((l) => l.canReview)) return { label: '评价' }
  const appendable = lines.filter((l) => l.canAppend && l.review)
  if (appendable.length === 0) return null
  // One review to append to: straight to it; several: the order's page lists them.
  return appendable.length === 1 ? { label: '追评', append: appendable[0].review?.id } : { label: '追评' }
}
