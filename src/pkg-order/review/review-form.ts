import { checkAppend, checkReviewLine, type AppendInput, type ReviewableLine, type ReviewInput } from '@/domain/reviews'

/** What the shopper has written for one line so far (the photos are the uploaded server paths). */
export interface LineDraft {
  rating: number
  content: string
  photos: string[]
}

/** A new line's draft: five stars, as most shoppers leave it. */
export const EMPTY_DRAFT: LineDraft = { rating: 5, content: '', photos: [] }

type Built<T> = { ok: true; input: T } | { ok: false; message: string }

/** POST /api/orders/:id/reviews for every line that may be reviewed now, or what is wrong first. */
export function buildReviewInput(lines: ReviewableLine[], drafts: Record<number, LineDraft>, anonymous: boolean): Built<ReviewInput> {
  const open = lines.filter((l) => l.canReview)
  if (open.length === 0) return { ok: false, message: '没有可评价的商品' }
  const items: ReviewInput['items'] = []
  for (const line of open) {
    const d = drafts[line.orderItemId] ?? EMPTY_DRAFT
    // The server's own rules (src/domain/reviews.ts), so the shopper hears them before sending.
    const checked = checkReviewLine({ orderItemId: line.orderItemId, rating: d.rating, content: d.content, photos: d.photos, anonymous })
    if (!checked.ok) return { ok: false, message: `「${line.title}」${checked.message}` }
    items.push(checked.value)
  }
  return { ok: true, input: { items } }
}

/** POST /api/reviews/:id/append: something to say (text or a photo), by the server's rules. */
export function buildAppendInput(draft: Pick<LineDraft, 'content' | 'photos'>): Built<AppendInput> {
  const checked = checkAppend({ content: draft.content, photos: draft.photos })
  return checked.ok ? { ok: true, input: checked.value } : { ok: false, message: checked.message }
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
