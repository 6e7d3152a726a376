import { API_BASE } from '@/lib/api-base'
import { WRONG_PARAMS, isNonEmptyString } from './check'
import type { PaymentAdapter, PaymentParams, PayResult } from './types'

/**
 * The sandbox cashier is a server page: a path is resolved the way the HTTP client resolves
 * API paths, and an absolute URL must stay on the API's origin (never a redirect elsewhere).
 */
export function cashierHref(cashierUrl: string): string | null {
  const here = window.location.href
  const apiOrigin = new URL(API_BASE || '/', here).origin
  let url: URL
  try {
    url = cashierUrl.startsWith('/') && !cashierUrl.startsWith('//') ? new URL(`${API_BASE}${cashierUrl}`, here) : new URL(cashierUrl)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  return url.origin === apiOrigin ? url.href : null
}

// The H5 preview has no host cashier: the server's sandbox provider serves one, where a person
// pays, cancels or fails, and its notify reaches the server like a real platform's would.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const paymentAdapter: PaymentAdapter = {
  platform: 'h5',
  async pay(params: PaymentParams): Promise<PayResult> {
    // The cashier answer is the one shape that carries a tag: it is the sandbox's own, not a platform's.
    const cashierUrl = (params as { platform?: unknown }).platform === 'h5' ? (params as { cashierUrl?: unknown }).cashierUrl : undefined
    if (!isNonEmptyString(cashierUrl)) return { status: 'failed', message: '预览收银台暂不可用，请稍后重试' }
    const href = cashierHref(cashierUrl.trim())
    if (!href) return WRONG_PARAMS
    // Same tab: this page is going away; the cashier sends the shopper back, and the shop then asks the server.
    window.open(href, '_self')
    return { status: 'redirected' }
  },
} satisfies PaymentAdapter
