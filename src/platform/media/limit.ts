import { AFTER_SALE_LIMITS } from '@/domain/after-sales'
import type { PickResult } from './types'

/** How many more photos may be picked (a request takes AFTER_SALE_LIMITS.photos at most). */
export function pickCount(count: number): number {
  return Math.max(0, Math.min(Math.floor(count), AFTER_SALE_LIMITS.photos))
}

export const FULL: PickResult = { status: 'failed', message: `最多上传 ${AFTER_SALE_LIMITS.photos} 张图片` }
export const PICK_FAILED: PickResult = { status: 'failed', message: '选择图片失败，请稍后重试' }

/** A host that hands back more than asked for still gives no more than `count`. */
export function picked(paths: unknown[], count: number): PickResult {
  const ok = paths.filter((p): p is string => typeof p === 'string' && p !== '').slice(0, count)
  return ok.length ? { status: 'picked', paths: ok } : { status: 'cancelled' }
}
