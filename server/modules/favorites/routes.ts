import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { FavoriteCheck, FavoriteState } from '../../../src/domain/contract'
import { conflict, notFound } from '../../lib/errors'
import { idText, pageQuery, parse } from '../../lib/validate'
import { MAX_FAVORITES, addFavorite, countFavorites, currentMinPrice, favoritedAmong, isFavorite, listFavorites, removeFavorite } from './repository'

/** A list page asks about the products it shows; more than this is not a list page. */
export const MAX_CHECK_IDS = 100

const ProductParams = z.object({ productId: idText })
const ListQuery = z.object(pageQuery)
const CheckQuery = z.object({
  ids: z
    .string({ error: 'ids 必须是逗号分隔的商品 id' })
    .regex(/^[1-9]\d{0,15}(,[1-9]\d{0,15})*$/, 'ids 必须是逗号分隔的商品 id')
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_CHECK_IDS, `ids 最多 ${MAX_CHECK_IDS} 个`)
    // Ids beyond int4 can't exist; dropping them keeps the database from an out-of-range error.
    .transform((ids) => ids.filter((n) => n <= 2_147_483_647)),
})

/** The shopper's wish list. Every query names req.userId: another user's list is never reachable. */
export async function favoriteRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.get('/favorites', async (req) => {
    const q = parse(ListQuery, req.query)
    const live = await app.promotions.get()
    return listFavorites(app.db, req.userId, q.page ?? 1, q.pageSize ?? 20, live.promotions, app.now().getTime())
  })

  // Registered before /favorites/:productId so "check" is never read as an id.
  app.get('/favorites/check', async (req): Promise<FavoriteCheck> => {
    const { ids } = parse(CheckQuery, req.query)
    return { favorited: await favoritedAmong(app.db, req.userId, ids) }
  })

  // PUT: idempotent by nature; favoriting twice keeps the first price and time.
  app.put('/favorites/:productId', async (req): Promise<FavoriteState> => {
    const { productId } = parse(ProductParams, req.params)
    const price = await currentMinPrice(app.db, productId)
    if (price === null) throw notFound('商品', 'PRODUCT_NOT_FOUND')
    if (!(await isFavorite(app.db, req.userId, productId)) && (await countFavorites(app.db, req.userId)) >= MAX_FAVORITES) {
      throw conflict('FAVORITES_FULL', `收藏夹最多 ${MAX_FAVORITES} 件商品，请先移除一些`)
    }
    await addFavorite(app.db, req.userId, productId, price, app.now())
    return { productId, favorited: true }
  })

  // Removing what isn't there is fine too (a second tap, two devices): the state is what matters.
  app.delete('/favorites/:productId', async (req): Promise<FavoriteState> => {
    const { productId } = parse(ProductParams, req.params)
    await removeFavorite(app.db, req.userId, productId)
    return { productId, favorited: false }
  })
}
