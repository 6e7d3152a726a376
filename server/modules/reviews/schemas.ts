import { z } from 'zod'
import { REVIEW_MAX_PHOTOS, REVIEW_MAX_TEXT } from '../../../src/domain/reviews'
import { id, idText, pageQuery, text } from '../../lib/validate'

// Shapes only: ratings, lengths and photo counts are the domain's checks (checkReviewLine, checkAppend),
// with its codes; these bounds only keep absurd bodies out.
const photos = z.array(z.string().max(200, '图片地址过长'), { error: 'photos 必须是图片地址列表' }).max(REVIEW_MAX_PHOTOS * 2, `最多上传 ${REVIEW_MAX_PHOTOS} 张图片`)
const content = z.string({ error: '评价内容必须是文字' }).max(REVIEW_MAX_TEXT * 4, `评价内容最多 ${REVIEW_MAX_TEXT} 个字`)

/** POST /api/orders/:id/reviews (ReviewInput). */
export const ReviewBody = z.object({
  items: z
    .array(
      z.object({
        orderItemId: id,
        rating: z.number({ error: '请给商品打 1 到 5 星' }),
        content: content.default(''),
        photos: photos.default([]),
        anonymous: z.boolean().optional(),
      }),
      { error: '请选择要评价的商品' },
    )
    .min(1, '请选择要评价的商品')
    .max(50, '一次最多评价 50 件商品'),
})

/** POST /api/reviews/:id/append (AppendInput). */
export const AppendBody = z.object({ content: content.default(''), photos: photos.default([]) })

const flag = z.enum(['1', '0', 'true', 'false'], { error: 'withPhotos 只能是 1 或 0' }).transform((v) => v === '1' || v === 'true')

export const ProductReviewsQuery = z.object({ ...pageQuery, withPhotos: flag.optional() })

export const AdminQuery = z.object({
  ...pageQuery,
  status: z.enum(['visible', 'hidden'], { error: 'status 只能是 visible 或 hidden' }).optional(),
  rating: z
    .string()
    .regex(/^[1-5]$/, 'rating 只能是 1 到 5')
    .transform(Number)
    .optional(),
  withPhotos: flag.optional(),
  productId: idText.optional(),
})

export const Feature = z.object({ featured: z.boolean({ error: 'featured 必须是 true 或 false' }) })
export const Reply = z.object({ content: text(REVIEW_MAX_TEXT, '回复内容', { min: 1 }) })
