import { useState } from 'react'
import type { ProductSort } from '@/domain/contract'
import { listCategories } from '@/services/catalog'
import { useAsyncData, useProductList } from '@/services/catalog-hooks'
import { useSelectedCategory } from './selected-category'

/** Categories on the left, the chosen one's products (with sort) on the right. */
export function useCategoryPage() {
  const categories = useAsyncData(listCategories, 'categories')
  const picked = useSelectedCategory((s) => s.id)
  const [sort, setSort] = useState<ProductSort>('default')
  const list = categories.data ?? []
  // A picked id the server no longer knows falls back to the first category.
  const active = list.find((c) => c.id === picked) ?? list[0]
  const products = useProductList({ categoryId: active?.id, sort, pageSize: 10 }, active !== undefined)
  return { categories, active, sort, setSort, products, select: useSelectedCategory.getState().select }
}
