import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { ProductSort } from '@/domain/contract'
import { listCategories } from '@/services/catalog'
import { useAsyncData, useProductList } from '@/services/catalog-hooks'
import { useSearchHistory } from '@/store/search-history'

/** Mini-programs hand over query values still encoded, H5 decoded; a stray '%' must not throw. */
export function decodeParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function useSearch() {
  const router = useRouter()
  const [query, setQuery] = useState(() => decodeParam(router.params.q).trim())
  const [sort, setSort] = useState<ProductSort>('default')
  const results = useProductList({ q: query, sort, pageSize: 10 }, query !== '')
  // Category names double as suggestions: real words that are sure to find something.
  const suggestions = useAsyncData(listCategories, 'suggestions')
  const history = useSearchHistory()

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
