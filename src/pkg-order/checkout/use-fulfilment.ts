import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { FulfilmentMode } from '@/components/fulfilment-picker'
import type { FulfilmentInput, StoreDetail } from '@/domain/stores'
import { locationAdapter } from '@/platform/location'
import { route } from '@/routes'
import { ApiError, errorMessage } from '@/services/http'
import { chosenStore, fetchStore, fetchStores, takePickedStore } from '@/services/stores'

/** The server's refusals of a pickup as chosen: shown on the pickup block with 换一家门店. */
const PICKUP_ERRORS = new Set(['STORE_OUT_OF_STOCK', 'SLOT_UNAVAILABLE', 'STORE_NO_PICKUP', 'STORE_NOT_FOUND'])

export function isPickupError(err: unknown): err is ApiError {
  return err instanceof ApiError && PICKUP_ERRORS.has(err.code)
}

/** The remembered store, else the nearest one that offers pickup (the first one when location is refused). */
async function defaultStore(): Promise<number | null> {
  const remembered = chosenStore()
  if (remembered !== null) return remembered
  const where = await locationAdapter.locate()
  const list = await fetchStores('lat' in where ? { lat: where.lat, lng: where.lng } : {})
  return list.items.find((s) => s.pickup)?.id ?? null
}

/**
 * Checkout's 快递配送 / 门店自提 choice. `price` prices the order for a fulfilment (and throws
 * the server's refusal); pickup is priced once a store and a slot are chosen.
 */
export function useFulfilment(price: (f: FulfilmentInput | undefined) => Promise<void>) {
  const [mode, setModeState] = useState<FulfilmentMode>('delivery')
  const [store, setStore] = useState<StoreDetail | null>(null)
  const [slot, setSlotState] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // Refs: the page's show hook and the error handler run with the latest choice.
  const modeRef = useRef<FulfilmentMode>('delivery')
  const storeRef = useRef<StoreDetail | null>(null)

  const apply = useCallback(
    async (f: FulfilmentInput | undefined) => {
      try {
        await price(f)
        setProblem(null)
      } catch (err) {
        if (!isPickupError(err)) throw err
        setProblem(err.message)
      }
    },
    [price],
  )

  /** A store's detail (its slots), its first slot, and the price for both. */
  const loadStore = useCallback(
    async (id: number) => {
      const s = await fetchStore(id)
      storeRef.current = s
      setStore(s)
      const first = s.slotDays[0]?.slots[0] ?? null
      setSlotState(first)
      if (!s.pickup) setProblem('这家门店暂不支持自提，请换一家门店')
      else if (first) await apply({ type: 'pickup', storeId: s.id, slot: first })
      else setProblem(null)
    },
    [apply],
  )

  const setMode = useCallback(
    async (next: FulfilmentMode) => {
      if (next === modeRef.current) return
      modeRef.current = next
      setModeState(next)
      setProblem(null)
      try {
        if (next === 'delivery') {
          await apply(undefined)
          return
        }
        const id = storeRef.current?.id ?? (await defaultStore())
        if (id === null) setProblem('附近还没有可自提的门店')
        else await loadStore(id)
      } catch (err) {
        void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      }
    },
    [apply, loadStore],
  )

  const setSlot = useCallback(
    (s: string) => {
      setSlotState(s)
      const st = storeRef.current
      if (st) void apply({ type: 'pickup', storeId: st.id, slot: s }).catch((err: unknown) => void Taro.showToast({ title: errorMessage(err), icon: 'none' }))
    },
    [apply],
  )

  /** Back from the store picker: the store picked there. */
  const onShow = useCallback(() => {
    const picked = takePickedStore()
    if (picked !== null && modeRef.current === 'pickup') void loadStore(picked).catch((err: unknown) => void Taro.showToast({ title: errorMessage(err), icon: 'none' }))
  }, [loadStore])

  const pickStore = useCallback(() => void Taro.navigateTo({ url: route.stores(true) }), [])

  /** The slot went (taken, or its time passed): the store's slots again, none chosen until the shopper picks one. */
  const refreshSlots = useCallback(async (id: number) => {
    setSlotState(null)
    try {
      const s = await fetchStore(id)
      storeRef.current = s
      setStore(s)
    } catch {
      // The old slots stay; the next order answers again.
    }
  }, [])

  /** An order refused for the pickup: say why on the block; a slot gone → the store's slots again. */
  const handleOrderError = useCallback(
    (err: unknown): boolean => {
      if (modeRef.current !== 'pickup' || !isPickupError(err)) return false
      setProblem(err.message)
      void Taro.showModal({ title: '无法门店自提', content: err.message, showCancel: false })
      const st = storeRef.current
      if (err.code === 'SLOT_UNAVAILABLE' && st) void refreshSlots(st.id)
      return true
    },
    [refreshSlots],
  )

  const pickup = mode === 'pickup'
  /** What the order sends: undefined for delivery; null while a pickup is not complete (no store or slot, or refused). */
  const input: FulfilmentInput | undefined | null = !pickup ? undefined : store && slot && !problem ? { type: 'pickup', storeId: store.id, slot } : null
  return { mode, setMode, store, slot, setSlot, problem, onShow, pickStore, handleOrderError, input, pickup }
}
