import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { ProductSort } from '@/domain/contract'
import { decodeQueryValue } from '@/lib/query-value'
import { listCategories } from '@/services/catalog'
import { useAsyncData, useProductList } from '@/services/catalog-hooks'
import { useSearchHistory } from '@/store/search-history'

/** The search text from the link; a stray '%' keeps the text as it came. */
export function decodeParam(value: string | undefined): string {
  return decodeQueryValue(value, value ?? '')
}

export function useSearch() {
  const router = useRouter()
  const history = useSearchHistory()
  const [query, setQuery] = useState(() => {
    const initial = decodeParam(router.params.q).trim()
    // A query that arrives in the link (a shared search) counts as one the shopper made.
    if (initial) useSearchHistory.getState().record(initial)
    return initial
  })
  const [sort, setSort] = useState<ProductSort>('default')
  const results = useProductList({ q: query, sort, pageSize: 10 }, query !== '')
  // Category names double as suggestions: real words that are sure to find something.
  const suggestions = useAsyncData(listCategories, 'suggestions')

  const search = (term: string) => {
    const t = term.trim()
    if (!t) return false
    history.record(t)
    setQuery(t)
    setSort('default')
    return true
  }

  return {
    query,
    sort,
    setSort,
    results,
    search,
    history,
    suggestions: (suggestions.data ?? []).map((c) => c.name).filter((n) => n !== query),
  }
}
