import type { Db, Queryable } from '../db'

/** Like load.ts's imagePath (not imported: load.ts imports this file). */
const imagePath = (file: string) => `/api/images/${file}`

async function skuOf(q: Queryable, productKey: string): Promise<{ id: number; image: string } | null> {
  return q.maybeOne<{ id: number; image: string }>(
    `SELECT k.id, COALESCE(k.image, p.images->>0) AS image FROM skus k JOIN products p ON p.id = k.product_id WHERE p.key = $1 ORDER BY k.id LIMIT 1`,
    [productKey],
  )
}

/**
 * The demo points mall, once per database under its own meta claim ('seeded_mall'): a coupon
 * (the first demo coupon batch), a points-only gift and a points + money product. What the
 * shop doesn't have (no coupon batches, other products) is left out.
 */
export async function seedMall(db: Db, now: Date): Promise<boolean> {
  return db.tx(async (q) => {
    const claimed = await q.query(`INSERT INTO meta (key, value) VALUES ('seeded_mall', $1) ON CONFLICT (key) DO NOTHING RETURNING key`, [now.toISOString()])
    if (claimed.rowCount === 0) return false
    const add = (kind: string, title: string, image: string, points: number, price: number, stock: number, limit: number | null, batch: number | null, sku: number | null) =>
      q.query(
        `INSERT INTO mall_items (kind, title, image, points, price, stock, per_user_limit, coupon_batch_id, sku_id, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10)`,
        [kind, title, image, points, price, stock, limit, batch, sku, now],
      )
    const batch = await q.maybeOne<{ id: number; title: string }>('SELECT id, title FROM coupon_batches WHERE ended_at IS NULL ORDER BY id LIMIT 1')
    if (batch) await add('coupon', batch.title, imagePath('cat-home.png'), 300, 0, 500, 2, batch.id, null)
    const gift = await skuOf(q, 'socks-pack')
    if (gift) await add('gift', '积分兑好礼：纯棉袜子', gift.image, 800, 0, 100, 1, null, gift.id)
    const product = await skuOf(q, 'thermos')
    if (product) await add('product', '保温杯 积分+现金购', product.image, 1000, 2900, 50, 1, null, product.id)
    return true
  })
}
