import { cashierHref } from '@/platform/payment/index.h5'
import type { CreditAdapter, CreditConfirmParams, CreditConfirmResult } from './types'

/**
 * Where the sandbox confirm page sends the shopper back (its `back`): a path on this origin
 * (the page takes nothing else), the app page's hash route, or this very page.
 */
export function backPath(returnTo: string | undefined): string {
  const here = window.location
  return returnTo ? `${here.pathname}#${returnTo}` : `${here.pathname}${here.search}${here.hash}`
}

// The H5 preview has no credit service: the server's sandbox serves a confirm page where the
// tester approves fully, partly, or denies; its signed notify reaches the server like a platform's.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const creditAdapter: CreditAdapter = {
  async confirmCredit(params: CreditConfirmParams, options = {}): Promise<CreditConfirmResult> {
    const p = params as { platform?: unknown; confirmUrl?: unknown }
    if (p.platform !== 'h5' || typeof p.confirmUrl !== 'string' || !p.confirmUrl.trim()) return { status: 'failed', message: '预览信用确认页暂不可用，请稍后重试' }
    // The same origin rule as the cashier: never a redirect to another site or a script URL.
    const href = cashierHref(p.confirmUrl.trim())
    if (!href) return { status: 'failed', message: '信用参数有误，请稍后重试' }
    const url = new URL(href)
    url.searchParams.set('back', backPath(options.returnTo))
    window.open(url.href, '_self')
    return { status: 'redirected' }
  },
} satisfies CreditAdapter

export const confirmCredit: CreditAdapter['confirmCredit'] = (params, options) => creditAdapter.confirmCredit(params, options)
