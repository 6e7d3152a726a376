import { describe, expect, it } from 'vitest'
import { pollUntil } from '../poll-until'

// A fake clock: sleeping advances it, so limits are reached without waiting.
function clock() {
  let t = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
  }
}

/** A read that answers the given values in turn (the last one forever); an Error is thrown instead. */
function answers<T>(values: (T | Error)[]) {
  let calls = 0
  const read = async () => {
    const v = values[Math.min(calls, values.length - 1)]
    calls++
    if (v instanceof Error) throw v
    return v
  }
  return { read, calls: () => calls }
}

describe('pollUntil', () => {
  it('answers done with the first value `done` accepts, without sleeping after it', async () => {
    const c = clock()
    const r = answers([1, 2, 3, 4])
    expect(await pollUntil(r.read, (v) => v >= 3, c)).toEqual({ kind: 'done', value: 3 })
    expect(r.calls()).toBe(3)
    expect(c.sleeps).toEqual([1500, 1500])
  })

  it('reads at once, then every interval until the timeout, and reports the last value', async () => {
    const c = clock()
    const r = answers(['created'])
    expect(await pollUntil(r.read, (v) => v === 'paid', { intervalMs: 1500, timeoutMs: 30_000, ...c })).toEqual({ kind: 'timeout', value: 'created' })
    // the first read at 0 plus one every 1.5 s up to and including 30 s
    expect(r.calls()).toBe(21)
  })

  it('a failed read is not an answer: it is tried again', async () => {
    const c = clock()
    const r = answers<string>([new Error('502'), new Error('network'), 'paid'])
    expect(await pollUntil(r.read, (v) => v === 'paid', c)).toEqual({ kind: 'done', value: 'paid' })
    expect(r.calls()).toBe(3)
  })

  it('times out with null when no read ever succeeded', async () => {
    const c = clock()
    const r = answers<string>([new Error('down')])
    expect(await pollUntil(r.read, () => true, { intervalMs: 1000, timeoutMs: 3000, ...c })).toEqual({ kind: 'timeout', value: null })
    expect(r.calls()).toBe(4)
  })

  it('stops before the next read once the signal aborts', async () => {
    const c = clock()
    const signal = { aborted: false }
    const r = answers([0])
    const sleep = async (ms: number) => {
      await c.sleep(ms)
      if (r.calls() >= 2) signal.aborted = true
    }
    expect(await pollUntil(r.read, () => false, { signal, now: c.now, sleep })).toEqual({ kind: 'aborted' })
    expect(r.calls()).toBe(2)
  })

  it('an aborted signal means no read at all', async () => {
    const r = answers([1])
    expect(await pollUntil(r.read, () => true, { signal: { aborted: true } })).toEqual({ kind: 'aborted' })
    expect(r.calls()).toBe(0)
  })

  it('waits for real by default', async () => {
    const r = answers([false, true])
    const started = Date.now()
    expect(await pollUntil(r.read, (v) => v, { intervalMs: 20 })).toEqual({ kind: 'done', value: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(15)
  })
})
