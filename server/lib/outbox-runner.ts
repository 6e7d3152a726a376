import { workerTimer } from './worker-timer'

export interface OutboxRunner {
  /** Claims the due rows and handles each once; answers how many it took. */
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

/**
 * The loop of an outbox worker: one run at a time in this process (a second runOnce waits for
 * the first, then goes itself), each claimed row handled on its own (a failure goes to onError
 * and the others still run), and workerTimer's start/stop.
 */
export function outboxRunner<Row extends { id: number | string }>(o: {
  claim: () => Promise<Row[]>
  handle: (row: Row) => Promise<void>
  onError?: (err: unknown, what: string) => void
  what: string
}): OutboxRunner {
  let running: Promise<number> | null = null
  async function run(): Promise<number> {
    const rows = await o.claim()
    for (const row of rows) {
      try {
        await o.handle(row)
      } catch (err) {
        o.onError?.(err, `${o.what} ${row.id}`)
      }
    }
    return rows.length
  }
  const runner: OutboxRunner = {
    runOnce() {
      const next = (running ?? Promise.resolve(0)).catch(() => 0).then(run)
      const tracked: Promise<number> = next.finally(() => {
        if (running === tracked) running = null
      })
      running = tracked
      return next
    },
    ...workerTimer(() => runner.runOnce(), () => running, o.onError, `${o.what} worker`),
  }
  return runner
}
