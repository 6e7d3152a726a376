import type { FastifyInstance } from 'fastify'

/** Closes the server cleanly (database included) on Ctrl-C or a stop from the process manager. */
export function closeOnSignals(app: FastifyInstance): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void app.close().then(() => process.exit(0))
    })
  }
}

/** Runs an entry point; a start-up failure prints its message (no stack, no secrets) and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
