import Taro from '@tarojs/taro'
import type { AfterSale, AfterSaleRequestInput, AfterSaleType } from '@/domain/after-sales'
import type { Paged } from '@/domain/contract'
import { api, ApiError, answerInFailure, authHeader, API_BASE, imageUrl } from './http'

/** GET /api/orders/:id/after-sales: what this order allows now, and its requests. */
export interface OrderAfterSales {
  types: AfterSaleType[]
  /** When requests stop being accepted; null while the window hasn't started (not yet received). */
  windowEndsAt: string | null
  items: AfterSale[]
}

/** Photos and line images are server paths: absolute for the mini-programs' <image>. */
function reshape(a: AfterSale): AfterSale {
  return { ...a, lines: a.lines.map((l) => ({ ...l, image: imageUrl(l.image) })), photos: a.photos.map(imageUrl) }
}

export async function fetchOrderAfterSales(orderId: number): Promise<OrderAfterSales> {
  const r = await api<OrderAfterSales>('GET', `/api/orders/${orderId}/after-sales`)
  return { ...r, items: r.items.map(reshape) }
}

/** 201 {id, status}; photos are the server paths the upload answered (not the absolute URLs). */
export function createAfterSale(orderId: number, input: AfterSaleRequestInput): Promise<Pick<AfterSale, 'id' | 'status'>> {
  return api<Pick<AfterSale, 'id' | 'status'>>('POST', `/api/orders/${orderId}/after-sales`, { body: input })
}

export async function fetchAfterSale(id: number): Promise<AfterSale> {
  return reshape(await api<AfterSale>('GET', `/api/after-sales/${id}`))
}

export async function fetchAfterSales(page: number, pageSize = 10): Promise<Paged<AfterSale>> {
  const r = await api<Paged<AfterSale>>('GET', '/api/after-sales', { query: { page, pageSize } })
  return { ...r, items: r.items.map(reshape) }
}

export async function withdrawAfterSale(id: number): Promise<AfterSale> {
  return reshape(await api<AfterSale>('POST', `/api/after-sales/${id}/withdraw`))
}

export async function shipReturn(id: number, shipment: { carrier: string; trackingNo: string }): Promise<AfterSale> {
  return reshape(await api<AfterSale>('POST', `/api/after-sales/${id}/return-shipment`, { body: shipment }))
}

/**
 * POST /api/uploads/after-sales, multipart field `file` → {url} (a server path, kept as is for
 * the request). Taro.uploadFile bypasses `api`, so it adds the session header itself; its
 * `data` is the body as text.
 */
/** A photo is at most 5 MB: a minute is plenty on a phone network, and the shopper is told when it isn't. */
const UPLOAD_TIMEOUT_MS = 60_000

export async function uploadAfterSalePhoto(filePath: string): Promise<string> {
  let res: { statusCode: number; data: unknown }
  try {
    // Alipay's my.uploadFile also needs fileType (Taro renames name to fileName there); WeChat ignores it.
    const options = { url: `${API_BASE}/api/uploads/after-sales`, filePath, name: 'file', fileType: 'image', header: authHeader(), timeout: UPLOAD_TIMEOUT_MS }
    // Our own deadline too: the H5 upload never answers when the network fails, and the page would wait at 上传中 for ever.
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ApiError(504, 'UPLOAD_TIMEOUT', '图片上传超时，请检查网络后重试')), UPLOAD_TIMEOUT_MS + 5000)
    })
    try {
      res = await Promise.race([Taro.uploadFile(options as Taro.uploadFile.Option), deadline])
    } finally {
      clearTimeout(timer)
    }
  } catch (err) {
    if (err instanceof ApiError) throw err
    res = answerInFailure(err)
  }
  const body = parse(res.data)
  if (res.statusCode >= 200 && res.statusCode < 300 && typeof (body as { url?: unknown })?.url === 'string') return (body as { url: string }).url
  const e = (body ?? {}) as { code?: string; message?: string }
  throw new ApiError(res.statusCode || 502, e.code ?? 'UPLOAD_FAILED', typeof e.message === 'string' ? e.message : '图片上传失败，请重试')
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return null
  }
}
