import type { AppliedDiscount, CouponOption } from '@/domain/contract'
import type { Fen } from '@/domain/money'
import { ApiError } from '@/services/http'

/** The server's answers to a coupon choice it can't honour (409, with a Chinese message). */
const COUPON_ERRORS = new Set(['COUPON_NOT_USABLE', 'COUPONS_DO_NOT_STACK', 'COUPON_NOT_HELD'])

export function isCouponError(err: unknown): err is ApiError {
  return err instanceof ApiError && COUPON_ERRORS.has(err.code)
}

export function doesNotStack(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'COUPONS_DO_NOT_STACK'
}

/**
 * A tap on a coupon: a chosen one is put back, another joins the chosen ones. When the server
 * says they don't stack (same slot, or one that goes alone) the tapped one replaces one of them
 * (see swapsFor), so each slot behaves like a radio group without the app knowing the rules.
 */
export function withCoupon(selected: readonly number[], id: number): number[] {
  return selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]
}

/** The choices to try when `id` does not stack with `selected`: `id` in place of each chosen one, then `id` alone. */
export function swapsFor(selected: readonly number[], id: number): number[][] {
  const swaps = selected.length > 1 ? selected.map((x) => [...selected.filter((y) => y !== x), id]) : []
  return [...swaps, [id]]
}

/** What the chosen coupons took off, as the server's breakdown says (its rows, summed for the one-line summary). */
export function couponSavings(applied: readonly AppliedDiscount[]): Fen {
  return applied.filter((d) => d.source === 'coupon').reduce((n, d) => n + d.amount, 0)
}

/** The 优惠券 row's value: "-¥10.00", "2 张可用" or "无可用". */
export function couponRowText(options: readonly CouponOption[], selected: readonly number[], saved: string): string {
  if (selected.length > 0) return `-${saved}`
  const usable = options.filter((c) => c.usable).length
  return usable > 0 ? `${usable} 张可用` : '无可用'
}
