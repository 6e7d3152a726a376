import type { PayResult } from './types'

/** The same refusal on every platform for an answer that is not this platform's shape. */
export const WRONG_PARAMS = { status: 'failed', message: '支付参数有误，请稍后重试' } as const satisfies PayResult

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== ''
}
