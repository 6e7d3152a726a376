import type { CreditConfirmParams } from '@/domain/contract'
import { creditAdapter } from '@/platform/credit'
import type { CreditAdapter } from '@/platform/credit/types'

/**
 * One credit confirm, shared by renting, checkout's 先享后付 and joining the membership:
 * open the platform's confirm, then ask the server (never the client's word) until its
 * record has moved. The pages only say what "moved" means for their record.
 */
export type ConfirmOutcome =
  /** The platform answered yes or "processing": the server decides (poll). */
  | { kind: 'confirming' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  /** The H5 confirm page is opening; it sends the shopper back to `returnTo`. */
  | { kind: 'left' }

export async function openCreditConfirm(confirm: CreditConfirmParams, returnTo: string, adapter: CreditAdapter = creditAdapter): Promise<ConfirmOutcome> {
  const r = await adapter.confirmCredit(confirm, { returnTo })
  if (r.status === 'confirmed') return { kind: 'confirming' }
  if (r.status === 'redirected') return { kind: 'left' }
  if (r.status === 'cancelled') return { kind: 'cancelled' }
  return { kind: 'failed', message: r.message }
}

export interface PollOptions {
  intervalMs?: number
  timeoutMs?: number
  signal?: { aborted: boolean }
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export type PollOutcome<T> = { kind: 'done'; value: T } | { kind: 'timeout'; value: T | null } | { kind: 'aborted' }

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Reads until `done` says the server's record moved, time runs out or the signal aborts; a failed read is not a verdict. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: PollOptions = {}): Promise<PollOutcome<T>> {
  const { intervalMs = 1500, timeoutMs = 30_000, signal, sleep = defaultSleep, now = Date.now } = options
  const deadline = now() + timeoutMs
  let last: T | null = null
  for (;;) {
    if (signal?.aborted) return { kind: 'aborted' }
    try {
      last = await read()
      if (done(last)) return { kind: 'done', value: last }
    } catch {
      // Try again until the deadline.
    }
    if (now() >= deadline) return { kind: 'timeout', value: last }
    await sleep(intervalMs)
  }
}
