import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Cart, CartLine, LineInput, PreviewLine, PricePreview } from '@/domain/contract'
import * as cartApi from '@/services/cart'
import { ApiError, errorMessage } from '@/services/http'
import { currentToken } from './session'
import { persistStorage } from './storage'

/**
 * The cart, for guests and for logged-in shoppers. Logged in, the server's cart is the
 * truth and every action answers with the whole cart. As a guest, the lines live here
 * (persisted) and are priced by the server's /api/pricing/preview; guest line ids are
 * SKU ids. Totals always come from the server; nothing here adds up money.
 */
export interface CartState {
  lines: CartLine[]
  /** Priced over the selected, available lines; null when nothing has been priced. */
  preview: PricePreview | null
  /** Sum of quantities over all lines: the tab bar badge. */
  count: number
  guestLines: LineInput[]
  /** Guest lines (by SKU id) the shopper unticked; logged-in selection lives on the server. */
  guestDeselected: number[]
  loading: boolean
  error: string | null
  add: (skuId: number, quantity: number) => Promise<void>
  refresh: () => Promise<void>
  setQuantity: (lineId: number, quantity: number) => Promise<void>
  toggle: (lineId: number) => Promise<void>
  toggleAll: (selected: boolean) => Promise<void>
  remove: (lineId: number) => Promise<void>
  /** Right after login: the guest lines join the account's cart, then leave this device. */
  mergeGuestCart: () => Promise<void>
  /** After logout: the account's lines are not the guest's. */
  clearAccountCart: () => void
}

export const CART_TAB_INDEX = 2

/** The tab bar badge; it fails when no tab page is showing, which is fine: tab pages sync on show. */
export function syncCartBadge(count: number): void {
  const done = count > 0 ? Taro.setTabBarBadge({ index: CART_TAB_INDEX, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index: CART_TAB_INDEX })
  Promise.resolve(done).catch(() => undefined)
}

function guestLine(p: PreviewLine, deselected: number[]): CartLine {
  return {
    id: p.skuId,
    skuId: p.skuId,
    productId: p.productId,
    title: p.title,
    image: p.image,
    specs: p.specs,
    unitPrice: p.unitPrice,
    quantity: p.quantity,
    stock: p.stock,
    selected: !deselected.includes(p.skuId),
    available: p.stock >= p.quantity && p.stock > 0,
  }
}

function sumQuantities(lines: readonly { quantity: number }[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0)
}

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1) throw new ApiError(400, 'BAD_QUANTITY', '数量至少为 1')
}

export function createCartStore() {
  // Only the newest answer may land: two quick taps must not let an older cart overwrite a newer one.
  let seq = 0

  return create<CartState>()(
    persist(
      (set, get) => {
        const applyCart = (cart: Cart, ticket: number) => {
          if (ticket !== seq) return
          set({ lines: cart.lines, preview: cart.preview, count: cart.count, loading: false, error: null })
        }

        /** Runs one server cart call; the error is kept for the page and rethrown for the caller. */
        const serverCall = async (call: () => Promise<Cart>) => {
          const ticket = ++seq
          set({ loading: true })
          try {
            applyCart(await call(), ticket)
          } catch (err) {
            if (ticket === seq) set({ loading: false, error: errorMessage(err) })
            throw err
          }
        }

        /** Re-prices the guest lines: all of them for display, the ticked available ones for the total. */
        const priceGuest = async (guestLines: LineInput[], deselected: number[], priced?: PricePreview) => {
          const ticket = ++seq
          set({ loading: true })
          try {
            if (guestLines.length === 0) {
              if (ticket === seq) set({ guestLines, lines: [], preview: null, count: 0, loading: false, error: null })
              return
            }
            const all = priced ?? (await cartApi.previewPrices(guestLines))
            const lines = all.lines.map((p) => guestLine(p, deselected))
            const chosen = lines.filter((l) => l.selected && l.available)
            const preview =
              chosen.length === 0 ? null : chosen.length === lines.length ? all : await cartApi.previewPrices(chosen.map((l) => ({ skuId: l.skuId, quantity: l.quantity })))
            if (ticket === seq) set({ guestLines, guestDeselected: deselected, lines, preview, count: sumQuantities(guestLines), loading: false, error: null })
          } catch (err) {
            if (ticket === seq) set({ loading: false, error: errorMessage(err) })
            throw err
          }
        }

        const loggedIn = () => currentToken() !== null

        return {
          lines: [],
          preview: null,
          count: 0,
          guestLines: [],
          guestDeselected: [],
          loading: false,
          error: null,

          async add(skuId, quantity) {
            checkQuantity(quantity)
            if (loggedIn()) return serverCall(() => cartApi.addLine({ skuId, quantity }))
            const { guestLines, guestDeselected } = get()
            const had = guestLines.find((l) => l.skuId === skuId)
            const wanted = (had?.quantity ?? 0) + quantity
            const next = had ? guestLines.map((l) => (l.skuId === skuId ? { skuId, quantity: wanted } : l)) : [...guestLines, { skuId, quantity }]
            // Price first, commit after: a SKU the server does not know never enters the cart.
            const all = await cartApi.previewPrices(next)
            const priced = all.lines.find((l) => l.skuId === skuId)
            if (!priced) throw new ApiError(404, 'SKU_NOT_FOUND', '商品已下架')
            if (priced.stock < wanted) throw new ApiError(409, 'INSUFFICIENT_STOCK', priced.stock > 0 ? `库存不足，最多可买 ${priced.stock} 件` : '该规格已售罄')
            await priceGuest(next, guestDeselected.filter((id) => id !== skuId), all)
          },

          async refresh() {
            if (loggedIn()) return serverCall(cartApi.fetchCart)
            const { guestLines, guestDeselected } = get()
            await priceGuest(guestLines, guestDeselected)
          },

          async setQuantity(lineId, quantity) {
            checkQuantity(quantity)
            if (loggedIn()) return serverCall(() => cartApi.updateLine(lineId, { quantity }))
            const { guestLines, guestDeselected } = get()
            await priceGuest(
              guestLines.map((l) => (l.skuId === lineId ? { ...l, quantity } : l)),
              guestDeselected,
            )
          },

          async toggle(lineId) {
            const line = get().lines.find((l) => l.id === lineId)
            if (!line) return
            if (loggedIn()) return serverCall(() => cartApi.updateLine(lineId, { selected: !line.selected }))
            const { guestLines, guestDeselected } = get()
            const deselected = line.selected ? [...guestDeselected, lineId] : guestDeselected.filter((id) => id !== lineId)
            await priceGuest(guestLines, deselected)
          },

          async toggleAll(selected) {
            if (loggedIn()) return serverCall(() => cartApi.selectAll(selected))
            const { guestLines } = get()
            await priceGuest(guestLines, selected ? [] : guestLines.map((l) => l.skuId))
          },

          async remove(lineId) {
            if (loggedIn()) return serverCall(() => cartApi.removeLine(lineId))
            const { guestLines, guestDeselected } = get()
            await priceGuest(
              guestLines.filter((l) => l.skuId !== lineId),
              guestDeselected.filter((id) => id !== lineId),
            )
          },

          async mergeGuestCart() {
            const { guestLines } = get()
            if (guestLines.length === 0) return serverCall(cartApi.fetchCart)
            await serverCall(() => cartApi.mergeCart(guestLines))
            // Cleared only once the server has the lines: a failed merge keeps them for the next try.
            set({ guestLines: [], guestDeselected: [] })
          },

          clearAccountCart() {
            seq++
            set({ lines: [], preview: null, count: sumQuantities(get().guestLines), loading: false, error: null })
          },
        }
      },
      {
        name: 'duet-cart',
        storage: persistStorage,
        partialize: (s) => ({ lines: s.lines, preview: s.preview, count: s.count, guestLines: s.guestLines, guestDeselected: s.guestDeselected }),
      },
    ),
  )
}

export const useCart = createCartStore()

// The badge follows the count wherever it changes (add on a product page, merge at login, ...).
useCart.subscribe((state, prev) => {
  if (state.count !== prev.count) syncCartBadge(state.count)
})
