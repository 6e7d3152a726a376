import type { Banner, Category } from '@/domain/contract'
import { listBanners, listCategories } from '@/services/catalog'
import { useAsyncData, useProductList } from '@/services/catalog-hooks'

const loadTop = async (): Promise<{ banners: Banner[]; categories: Category[] }> => {
  const [banners, categories] = await Promise.all([listBanners(), listCategories()])
  return { banners, categories }
}

/** Everything the home page shows: banners and shortcuts on top, the recommended feed below. */
export function useHome() {
  const top = useAsyncData(loadTop, 'home')
  const feed = useProductList({ sort: 'default', pageSize: 10 })
  const refresh = () => Promise.allSettled([top.reload(), feed.reload()])
  return { top, feed, refresh }
}
