import type { Banner, Category, Paged, ProductDetail, ProductQuery, ProductSummary, Sku } from '@/domain/contract'
import { api, imageUrl } from './http'

/**
 * The catalog gateway: the only place that knows the catalog endpoints. Image paths from
 * the wire become loadable URLs here, once, so components never reshape them.
 */

function reshapeCategory(c: Category): Category {
  return { ...c, icon: c.icon ? imageUrl(c.icon) : c.icon }
}

function reshapeBanner(b: Banner): Banner {
  return { ...b, image: imageUrl(b.image) }
}

function reshapeSummary<T extends ProductSummary>(p: T): T {
  return { ...p, image: imageUrl(p.image) }
}

function reshapeSku(s: Sku): Sku {
  return { ...s, image: s.image ? imageUrl(s.image) : null }
}

function reshapeDetail(p: ProductDetail): ProductDetail {
  return { ...reshapeSummary(p), images: p.images.map(imageUrl), skus: p.skus.map(reshapeSku) }
}

export async function listCategories(): Promise<Category[]> {
  const res = await api<{ items: Category[] }>('GET', '/api/categories', { auth: false })
  return res.items.map(reshapeCategory)
}

export async function listBanners(): Promise<Banner[]> {
  const res = await api<{ items: Banner[] }>('GET', '/api/banners', { auth: false })
  return res.items.map(reshapeBanner)
}

export async function listProducts(query: ProductQuery = {}): Promise<Paged<ProductSummary>> {
  const res = await api<Paged<ProductSummary>>('GET', '/api/products', {
    auth: false,
    query: { page: query.page, pageSize: query.pageSize, q: query.q, categoryId: query.categoryId, sort: query.sort },
  })
  return { ...res, items: res.items.map(reshapeSummary) }
}

export async function getProduct(id: number): Promise<ProductDetail> {
  return reshapeDetail(await api<ProductDetail>('GET', `/api/products/${id}`, { auth: false }))
}
