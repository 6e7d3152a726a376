import { DEFAULT_POINTS_SETTINGS, type PointsSettings } from '../../../src/domain/points'
import type { Queryable } from '../../db'
import { parseJson } from '../../lib/rows'

/** The shop's points settings (one row, id 1); the defaults until the console saves some. */
export async function readSettings(q: Queryable): Promise<PointsSettings> {
  const row = await q.maybeOne<{ settings: PointsSettings | string }>('SELECT settings FROM points_settings WHERE id = 1')
  // Saved settings over the defaults: a field added later gets its default on an older row.
  return row ? { ...DEFAULT_POINTS_SETTINGS, ...parseJson(row.settings) } : DEFAULT_POINTS_SETTINGS
}

export async function writeSettings(q: Queryable, s: PointsSettings, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO points_settings (id, settings, updated_at) VALUES (1, $1::jsonb, $2)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(s), at],
  )
}
