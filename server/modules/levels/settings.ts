import { DEFAULT_LEVELS, type Level } from '../../../src/domain/levels'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

/** The shop's ladder (one row, id 1); DEFAULT_LEVELS until the console saves one. */
export async function readLadder(q: Queryable): Promise<Level[]> {
  const row = await q.maybeOne<{ levels: Level[] | string }>('SELECT levels FROM level_settings WHERE id = 1')
  return row ? parseJson(row.levels) : DEFAULT_LEVELS
}

export async function writeLadder(q: Queryable, levels: readonly Level[], at: Date): Promise<void> {
  await q.query(
    `INSERT INTO level_settings (id, levels, updated_at) VALUES (1, $1::jsonb, $2)
     ON CONFLICT (id) DO UPDATE SET levels = EXCLUDED.levels, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(levels), at],
  )
}

/** The shopper's growth and the ladder in one round trip (every priced cart and order asks). */
export async function growthAndLadder(q: Queryable, userId: number): Promise<{ growth: number; ladder: Level[] }> {
  const r = await q.one<{ growth: number | null; levels: Level[] | string | null }>(
    'SELECT (SELECT growth FROM growth_accounts WHERE user_id = $1) AS growth, (SELECT levels FROM level_settings WHERE id = 1) AS levels',
    [userId],
  )
  return { growth: r.growth ?? 0, ladder: r.levels === null ? DEFAULT_LEVELS : parseJson(r.levels) }
}
