import type { PickResult } from './types'

/**
 * The most one pick hands back: nine, what my.chooseImage takes (`count`, at most 9) and
 * wx.chooseMedia on every base library (20 only from 2.25.0). An after-sales request takes 6
 * and a review 9: the pages ask for the room they have left.
 */
export const PICK_MAX = 9

/** How many more photos may be picked in one go (0 when there is no room). */
export function pickCount(count: number): number {
  return Math.max(0, Math.min(Math.floor(count), PICK_MAX))
}

export const FULL: PickResult = { status: 'failed', message: '图片数量已达上限' }
export const PICK_FAILED: PickResult = { status: 'failed', message: '选择图片失败，请稍后重试' }

/** A host that hands back more than asked for still gives no more than `count`. */
export function picked(paths: unknown[], count: number): PickResult {
  const ok = paths.filter((p): p is string => typeof p === 'string' && p !== '').slice(0, count)
  return ok.length ? { status: 'picked', paths: ok } : { status: 'cancelled' }
}
