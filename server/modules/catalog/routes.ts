import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { LIMITS } from '../../../src/domain/validation'
import { AppError, notFound } from '../../lib/errors'
import { idParams, idText, pageQuery, parse } from '../../lib/validate'
import * as repo from './repository'
import { AnswerMemo, detailWithOffer, withOffers } from './offers'

const ListQuery = z.object({
  ...pageQuery,
  q: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => [...s].length <= LIMITS.keyword, `搜索词最多 ${LIMITS.keyword} 个字`)
    .optional(),
  categoryId: z.union([z.literal('').transform(() => undefined), idText]).optional(),
  sort: z
    .enum(['default', 'price_asc', 'price_desc', 'sales', 'newest'], { error: 'sort 只能是 default、price_asc、price_desc、sales、newest' })
    .optional(),
})

export async function catalogRoutes(app: FastifyInstance): Promise<void> {
  const answers = new AnswerMemo(app.config.catalogCacheMs)
  app.get('/categories', async () => ({ items: await repo.listCategories(app.db) }))

  app.get('/banners', async () => ({ items: await repo.listBanners(app.db) }))

  app.get('/products', async (req, reply) => {
    const q = parse(ListQuery, req.query)
    const query: repo.ListQuery = { page: q.page ?? 1, pageSize: q.pageSize ?? 20, q: q.q || undefined, categoryId: q.categoryId, sort: q.sort ?? 'default' }
    const key = `list:${JSON.stringify(query)}`
    const [list, live] = await Promise.all([app.catalogCache.value(key, () => repo.listProducts(app.db, query)), app.promotions.get()])
    const json = answers.get(key, [list, live], () => JSON.stringify({ ...list, items: withOffers(list.items, live.promotions, app.now().getTime()) }))
    return reply.type('application/json; charset=utf-8').send(json)
  })

  app.get('/products/:id', async (req, reply) => {
    const { id } = parse(idParams, req.params)
    const [product, live] = await Promise.all([
      app.catalogCache.value(`product:${id}`, async () => {
        const p = await repo.getProduct(app.db, id)
        if (!p) throw notFound('商品', 'PRODUCT_NOT_FOUND')
        if (p === 'off_shelf') throw new AppError(404, 'PRODUCT_OFF_SHELF', '商品已下架')
        return p
      }),
      app.promotions.get(),
    ])
    const json = answers.get(`product:${id}`, [product, live], () => JSON.stringify(detailWithOffer(product, live.promotions, app.now().getTime())))
    return reply.type('application/json; charset=utf-8').send(json)
  })
}
