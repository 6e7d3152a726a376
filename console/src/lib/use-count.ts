import { useEffect, useState } from 'react'

/**
 * A to-do count from a list's total (a tab's badge, a dashboard tile); null while loading, when
 * not `enabled`, or after a failure (the page's own load reports errors; a server without the
 * list leaves it at —).
 */
export function useCount(load: () => Promise<{ total: number }>, enabled: boolean, deps: unknown[] = []): number | null {
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    if (!enabled) return
    let live = true
    load().then(
      (r) => live && setCount(r.total),
      () => undefined,
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])
  return count
}
