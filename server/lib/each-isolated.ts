/**
 * Runs `fn` for each item, one after another. An item whose work throws is reported and the
 * rest still run: a background sweep (refund reconciler, credit timers) must never let one bad
 * record stop the work for every record after it. Answers how many items `fn` answered truthy for.
 */
export async function eachIsolated<T>(items: readonly T[], fn: (item: T) => Promise<unknown>, onError: (err: unknown, item: T) => void): Promise<number> {
  let n = 0
  for (const item of items) {
    try {
      if (await fn(item)) n += 1
    } catch (err) {
      onError(err, item)
    }
  }
  return n
}
