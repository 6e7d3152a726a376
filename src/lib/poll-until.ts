/**
 * Asking again until an answer comes: the one polling loop, for every wait on the server
 * (a payment's verdict, a credit confirm, a rental or membership moving on). Generic and
 * free of the app: it knows nothing of HTTP, Taro or the pages, and takes its clock.
 */
export interface PollOptions {
  /** Pause between two reads; default 1.5 s. */
  intervalMs?: number
  /** Give up (timeout) once a read ends this long after the start; default 30 s. */
  timeoutMs?: number
  /** Checked before every read: set `aborted` to stop (page hidden, unmounted). */
  signal?: { aborted: boolean }
  /** Tests pass a fake clock: sleeping advances `now`. */
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** 'done' carries the read that satisfied `done`; 'timeout' the last successful read, if any. */
export type PollOutcome<T> = { kind: 'done'; value: T } | { kind: 'timeout'; value: T | null } | { kind: 'aborted' }

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Reads until `done` accepts a value, time runs out or the signal aborts; a failed read is not an answer (it is tried again). */
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
