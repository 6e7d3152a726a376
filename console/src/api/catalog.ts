import type { Fen } from '@domain/money'
import type { RentalTerms } from '@domain/credit/types'
import type { AdminBanner as Banner, AdminCategory as Category, AdminProduct, AdminSku, StockMovement } from '@domain/admin-contract'
import type { SpecGroup } from '@domain/sku'
import { api, type Paged, type Query } from './client'

/** docs/admin-api.md, Catalog. Money in fen; the answers' shapes are the server's (@domain/admin-contract). */
export type { AdminProduct, AdminSku, Banner, Category, SpecGroup, StockMovement }

export interface ProductRow {
  id: number
  title: string
  image: string
  categoryId: number
  categoryName: string
  onShelf: boolean
  priceMin: Fen
  priceMax: Fen
  stock: number
  sales: number
  version: number
  updatedAt: string
}

export interface SkuInput {
  id?: number
  specs: Record<string, string>
  price: Fen
  stock?: number
  originalPrice?: Fen | null
  code?: string
}

export interface ProductInput {
  title: string
  subtitle?: string
  description?: string
  categoryId: number
  images: string[]
  specs: SpecGroup[]
  skus: SkuInput[]
  onShelf?: boolean
  rental?: RentalTerms | null
}

export interface UploadedImage {
  url: string
  thumbUrl: string
  width: number
  height: number
}

export const listCategories = () => api<{ items: Category[] }>('/admin/categories')
export const createCategory = (body: { name: string; parentId?: number | null; icon: string; sort?: number }) => api<{ id: number }>('/admin/categories', { method: 'POST', body })
export const updateCategory = (id: number, body: Partial<Pick<Category, 'name' | 'parentId' | 'icon' | 'sort'>>) => api<Category>(`/admin/categories/${id}`, { method: 'PATCH', body })
export const deleteCategory = (id: number) => api<void>(`/admin/categories/${id}`, { method: 'DELETE' })

export const listProducts = (query: Query) => api<Paged<ProductRow>>('/admin/products', { query })
export const getProduct = (id: number) => api<AdminProduct>(`/admin/products/${id}`)
export const createProduct = (body: ProductInput) => api<{ id: number }>('/admin/products', { method: 'POST', body })
export const updateProduct = (id: number, body: Partial<ProductInput> & { version: number }) => api<AdminProduct>(`/admin/products/${id}`, { method: 'PATCH', body })
export const setShelf = (id: number, onShelf: boolean) => api<{ onShelf: boolean }>(`/admin/products/${id}/shelf`, { method: 'POST', body: { onShelf } })

export const adjustStock = (skuId: number, delta: number, reason: string) => api<{ skuId: number; stock: number }>(`/admin/skus/${skuId}/stock`, { method: 'POST', body: { delta, reason } })
export const listMovements = (skuId: number, query: Query) => api<Paged<StockMovement>>(`/admin/skus/${skuId}/movements`, { query })

export const listBanners = () => api<{ items: Banner[] }>('/admin/banners')
export const createBanner = (body: Omit<Banner, 'id'>) => api<{ id: number }>('/admin/banners', { method: 'POST', body })
export const updateBanner = (id: number, body: Partial<Omit<Banner, 'id'>>) => api<Banner>(`/admin/banners/${id}`, { method: 'PATCH', body })
export const deleteBanner = (id: number) => api<void>(`/admin/banners/${id}`, { method: 'DELETE' })

/** The upload endpoint (antd's Upload posts there itself, with the bearer header). */
export const IMAGE_UPLOAD_URL = '/api/admin/images'

/** Categories as a tree for TreeSelect / the tree table, children sorted by `sort`. */
export interface CategoryNode extends Category {
  children?: CategoryNode[]
}
export function categoryTree(items: Category[]): CategoryNode[] {
  const byParent = new Map<number | null, Category[]>()
  for (const c of items) {
    const list = byParent.get(c.parentId ?? null) ?? []
    list.push(c)
    byParent.set(c.parentId ?? null, list)
  }
  const build = (parent: number | null): CategoryNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.sort - b.sort || a.id - b.id)
      .map((c) => {
        const children = build(c.id)
        return children.length ? { ...c, children } : { ...c }
      })
  return build(null)
}

export interface TreeOption {
  value: number
  title: string
  children?: TreeOption[]
}
export const toTreeData = (nodes: CategoryNode[]): TreeOption[] => nodes.map((n) => ({ value: n.id, title: n.name, children: n.children ? toTreeData(n.children) : undefined }))
