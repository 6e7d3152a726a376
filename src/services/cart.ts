import type { Cart, CartLine, LineInput, PreviewLine, PricePreview } from '@/domain/contract'
import { api, imageUrl } from './http'

// Wire shapes carry server image paths; the app gets absolute URLs, reshaped here once.
function reshapeLine<T extends CartLine | PreviewLine>(line: T): T {
  return { ...line, image: imageUrl(line.image) }
}

export function reshapePreview(p: PricePreview): PricePreview {
  return { ...p, lines: p.lines.map(reshapeLine) }
}

function reshapeCart(c: Cart): Cart {
  return { ...c, lines: c.lines.map(reshapeLine), preview: reshapePreview(c.preview) }
}

export async function fetchCart(): Promise<Cart> {
  return reshapeCart(await api<Cart>('GET', '/api/cart'))
}

export async function addLine(input: LineInput): Promise<Cart> {
  return reshapeCart(await api<Cart>('POST', '/api/cart/lines', { body: input }))
}

export async function updateLine(lineId: number, patch: { quantity?: number; selected?: boolean }): Promise<Cart> {
  return reshapeCart(await api<Cart>('PATCH', `/api/cart/lines/${lineId}`, { body: patch }))
}

export async function removeLine(lineId: number): Promise<Cart> {
  return reshapeCart(await api<Cart>('DELETE', `/api/cart/lines/${lineId}`))
}

export async function selectAll(selected: boolean): Promise<Cart> {
  return reshapeCart(await api<Cart>('POST', '/api/cart/select-all', { body: { selected } }))
}

export async function mergeCart(items: LineInput[]): Promise<Cart> {
  return reshapeCart(await api<Cart>('POST', '/api/cart/merge', { body: { items } }))
}

/** Prices any lines without logging in: the guest cart's totals come from here. */
export async function previewPrices(items: LineInput[]): Promise<PricePreview> {
  return reshapePreview(await api<PricePreview>('POST', '/api/pricing/preview', { body: { items } }))
}
