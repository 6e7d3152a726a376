import { useSearchParams } from 'react-router-dom'

/**
 * A list's filters kept in the URL, so a reload or a shared link shows the same list. `update`
 * sets the given keys (undefined or '' clears one) and goes back to page 1 unless it sets the page.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams()
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, String(v))
    }
    if (!('page' in patch)) next.delete('page')
    setParams(next)
  }
  return { params, update }
}
