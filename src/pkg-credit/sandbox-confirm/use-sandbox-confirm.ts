import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { decodeQueryValue } from '@/lib/query-value'
import { TAB_PAGES } from '@/routes'
import { decideSandboxCredit, type SandboxCreditDecision } from '@/services/credit'
import { errorMessage } from '@/services/http'

/** Only our own non-tab pages (the value decoded once: decodeQueryValue). */
export function safeBack(raw: string | undefined): string {
  const url = decodeQueryValue(raw)
  return /^\/pkg-[a-z]+\/[a-z-]+\/index(\?[A-Za-z0-9_=&-]{0,200})?$/.test(url) ? url : TAB_PAGES.me
}

/**
 * The in-app sandbox credit confirm (sandbox servers only): the decision goes to the sandbox's
 * decide endpoint with the order's ticket; the platform's signed callback follows there, and
 * the shopper lands on the record's page, which shows what the server now says.
 */
export function useSandboxConfirm(outOrderNo: string, ticket: string, back: string | undefined) {
  const [busy, setBusy] = useState<SandboxCreditDecision | null>(null)
  const [error, setError] = useState('')
  const deciding = useRef(false)
  const valid = outOrderNo !== '' && ticket !== ''

  const decide = useCallback(
    async (decision: SandboxCreditDecision) => {
      if (!valid || deciding.current) return
      deciding.current = true
      setBusy(decision)
      setError('')
      try {
        await decideSandboxCredit({ outOrderNo, ticket }, decision)
        const url = safeBack(back)
        if (url === TAB_PAGES.me) void Taro.switchTab({ url })
        else void Taro.redirectTo({ url })
      } catch (err) {
        setError(errorMessage(err))
      }
      deciding.current = false
      setBusy(null)
    },
    [valid, outOrderNo, ticket, back],
  )

  return { valid, busy, error, decide }
}
