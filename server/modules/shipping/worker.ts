import type { Db } from '../../db'
import type { AlipayOrderSyncBody, ShippingCallOutcome, ShippingFacets, WechatShippingBody, WechatSpecialOrderBody } from '../../platforms/types'
import { backoff } from '../../lib/backoff'
import { outboxRunner } from '../../lib/outbox-runner'
import { leaseOwnerName } from '../../lib/worker-timer'
import { claimDue, isWechatAction, settle, WECHAT_SPECIAL_ORDER, type UploadRow } from './outbox'

export interface ShippingWorkerOptions {
  db: Db
  now: () => Date
  facets: Pick<ShippingFacets, 'wechat' | 'alipay'>
  owner?: string
  /** Longer than any platform call (default 60 s). */
  leaseMs?: number
  /** First retry after this, doubling (default 30 s), capped at 1 h. */
  backoffMs?: number
  /** Attempts before an upload ends 'failed' and shows in the console (default 8). */
  maxAttempts?: number
  onError?: (err: unknown, what: string) => void
}

export interface ShippingWorker {
  /** Sends every due upload once; answers how many it handled. */
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

/**
 * Sends the shipping outbox, as the messages worker sends its own (lease, backoff, give up
 * after maxAttempts), but simpler: both calls are keyed by the order on the platform's side
 * (WeChat's order_key, Alipay's out_biz_no), so a call whose answer was lost is sent again.
 */
export function createShippingWorker(o: ShippingWorkerOptions): ShippingWorker {
  const owner = o.owner ?? leaseOwnerName()
  const leaseMs = o.leaseMs ?? 60_000
  const baseMs = o.backoffMs ?? 30_000
  const maxAttempts = o.maxAttempts ?? 8

  function call(row: UploadRow): Promise<ShippingCallOutcome> {
    if (row.action === WECHAT_SPECIAL_ORDER) return o.facets.wechat.reportSpecialOrder(row.request as WechatSpecialOrderBody)
    if (isWechatAction(row.action)) return o.facets.wechat.uploadShippingInfo(row.request as WechatShippingBody)
    return o.facets.alipay.orderSync(row.request as AlipayOrderSyncBody)
  }

  async function handle(row: UploadRow): Promise<void> {
    let outcome: ShippingCallOutcome
    try {
      outcome = await call(row)
    } catch (err) {
      outcome = { kind: 'retry', detail: (err as Error).message, response: null }
    }
    const at = o.now()
    if (outcome.kind === 'sent') return void (await settle(o.db, row.id, owner, { status: 'sent', response: outcome.response, error: null, at }))
    const giveUp = outcome.kind === 'rejected' || row.attempts >= maxAttempts
    await settle(o.db, row.id, owner, {
      status: giveUp ? 'failed' : 'pending',
      response: outcome.response,
      error: outcome.detail,
      at,
      nextAttemptAt: giveUp ? undefined : new Date(at.getTime() + backoff(row.attempts, baseMs, 60 * 60_000)),
    })
  }

  return outboxRunner({ claim: () => claimDue(o.db, owner, o.now(), leaseMs, 20), handle, onError: o.onError, what: 'shipping upload' })
}
