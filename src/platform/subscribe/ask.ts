import type { SubscribeDecision, SubscribeResult } from './types'

type HostCall<A, E> = (ids: string[], success: (res: A) => void, fail: (err: E) => void) => void

/**
 * What both hosts' subscribe calls share: at most `max` ids, a host without the API is
 * 'unavailable', and every outcome (a throw included) becomes a result: asking must never
 * break the payment callback it runs in.
 */
export function askHost<A, E>(
  templateIds: readonly string[],
  max: number,
  call: HostCall<A, E> | undefined,
  opts: { unavailable: string; decisions: (ids: readonly string[], res: A) => Record<string, SubscribeDecision>; failMessage: (err: E) => string | undefined },
): Promise<SubscribeResult> {
  const ids = templateIds.slice(0, max)
  if (!ids.length) return Promise.resolve({ status: 'ok', decisions: {} })
  if (!call) return Promise.resolve({ status: 'unavailable', reason: opts.unavailable })
  return new Promise((resolve) => {
    try {
      call(
        ids,
        (res) => resolve({ status: 'ok', decisions: opts.decisions(ids, res) }),
        (err) => resolve({ status: 'failed', message: opts.failMessage(err) ?? '订阅消息未能发起' }),
      )
    } catch {
      resolve({ status: 'failed', message: '订阅消息未能发起' })
    }
  })
}
