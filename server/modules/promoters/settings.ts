import { DEFAULT_PROMOTER_SETTINGS, type ProductRates, type PromoterSettings } from '../../../src/domain/promoters'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

/**
 * The programme's one row, made with the defaults on first read. Stored fields are laid over
 * the defaults, so a field added to PromoterSettings later reads as its default until saved.
 */
export async function readSettings(q: Queryable, at: Date): Promise<PromoterSettings> {
  const row = await q.maybeOne<{ settings: Partial<PromoterSettings> | string }>('SELECT settings FROM promoter_settings WHERE id = 1')
  if (row) return { ...DEFAULT_PROMOTER_SETTINGS, ...parseJson(row.settings) }
  await q.query('INSERT INTO promoter_settings (id, settings, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [JSON.stringify(DEFAULT_PROMOTER_SETTINGS), at])
  return { ...DEFAULT_PROMOTER_SETTINGS }
}

/** Replaces the settings (already checked), answering the ones it replaced (for the audit row). Locks the row. */
export async function writeSettings(q: Queryable, s: PromoterSettings, at: Date): Promise<PromoterSettings> {
  const before = await readSettings(q, at)
  await q.query('SELECT 1 FROM promoter_settings WHERE id = 1 FOR UPDATE')
  await q.query('UPDATE promoter_settings SET settings = $1, updated_at = $2 WHERE id = 1', [JSON.stringify(s), at])
  return before
}

/** Products' own rates, for the products named (absent: the shop's rates). */
export async function productRates(q: Queryable, productIds: readonly number[]): Promise<Map<number, ProductRates>> {
  const r = await q.query<{ product_id: number; level1_rate_bp: number | null; level2_rate_bp: number | null }>(
    'SELECT product_id, level1_rate_bp, level2_rate_bp FROM product_commission_rates WHERE product_id = ANY($1::int[])',
    [productIds],
  )
  return new Map(r.rows.map((x) => [x.product_id, { level1RateBp: x.level1_rate_bp, level2RateBp: x.level2_rate_bp }]))
}

/** Sets a product's rates (both null: the row goes, the shop's rates apply); answers the previous ones. */
export async function setProductRates(q: Queryable, productId: number, rates: ProductRates, at: Date): Promise<ProductRates> {
  const before = (await productRates(q, [productId])).get(productId) ?? { level1RateBp: null, level2RateBp: null }
  if (rates.level1RateBp === null && rates.level2RateBp === null) await q.query('DELETE FROM product_commission_rates WHERE product_id = $1', [productId])
  else
    await q.query(
      `INSERT INTO product_commission_rates (product_id, level1_rate_bp, level2_rate_bp, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (product_id) DO UPDATE SET level1_rate_bp = EXCLUDED.level1_rate_bp, level2_rate_bp = EXCLUDED.level2_rate_bp, updated_at = EXCLUDED.updated_at`,
      [productId, rates.level1RateBp, rates.level2RateBp, at],
    )
  return before
}
