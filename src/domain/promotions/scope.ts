/** Which lines and products a promotion or coupon covers, and when it is running. */
import type { Scope } from './types'

export interface ScopedItem {
  productId: number
  categoryId: number
}

export function inScope(scope: Scope, item: ScopedItem): boolean {
  switch (scope.type) {
    case 'all':
      return true
    case 'products':
      return scope.productIds.includes(item.productId)
    case 'categories':
      return scope.categoryIds.includes(item.categoryId)
  }
}

/** Live while startsAt <= now < endsAt: the end instant already belongs to "over". */
export function isLive(p: { startsAt: number; endsAt: number }, now: number): boolean {
  return p.startsAt <= now && now < p.endsAt
}
