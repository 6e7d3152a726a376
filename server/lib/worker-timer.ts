import crypto from 'node:crypto'
import os from 'node:os'

/** The name a worker writes on the rows it leases, unless configured: host, pid and a few random bytes. */
export function leaseOwnerName(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`
}

/**
 * The start/stop half of an outbox worker (shipping uploads, messages): `start` runs `runOnce`
 * every intervalMs (a second start does nothing; the timer does not keep the process alive; a
 * failed run goes to onError as `what`); `stop` clears the timer and waits for the run in
 * progress (`running()`), whatever its outcome.
 */
export function workerTimer(
  runOnce: () => Promise<unknown>,
  running: () => Promise<unknown> | null,
  onError: ((err: unknown, what: string) => void) | undefined,
  what: string,
): { start(intervalMs: number): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null
  return {
    start(intervalMs) {
      if (timer) return
      timer = setInterval(() => void runOnce().catch((err: unknown) => onError?.(err, what)), intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      await running()?.catch(() => undefined)
    },
  }
}
