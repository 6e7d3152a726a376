import { useCallback, useRef, useState } from 'react'
import type { Address, LineInput, PricePreview } from '@/domain/contract'
import { fetchAddresses, pickDefault } from '@/services/addresses'
import { previewOrder } from '@/services/orders'
import { useCart } from '@/store/cart'
import { cartItems, type CheckoutSource } from './checkout-items'

export type LoadStatus = 'loading' | 'error' | 'empty' | 'ready'

/** Loads what checkout shows: the items, the addresses and the server's price for both. */
export function useCheckoutData(source: CheckoutSource | null) {
  const [status, setStatus] = useState<LoadStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [items, setItems] = useState<LineInput[]>([])
  const [addresses, setAddresses] = useState<Address[]>([])
  const [address, setAddress] = useState<Address | null>(null)
  const [preview, setPreview] = useState<PricePreview | null>(null)
  const addressRef = useRef<Address | null>(null)

  const reprice = useCallback(async (lines: LineInput[], chosen: Address | null) => {
    setPreview(await previewOrder(lines, chosen?.id))
  }, [])

  /** Everything from scratch; `preferId` is an address picked on the address page. */
  const load = useCallback(
    async (preferId: number | null = null) => {
      if (!source) {
        setStatus('error')
        setError(new Error('bad query'))
        return
      }
      setStatus((s) => (s === 'ready' ? s : 'loading'))
      try {
        let lines: LineInput[]
        if ('from' in source) {
          await useCart.getState().refresh()
          lines = cartItems(useCart.getState().lines)
        } else {
          lines = [{ skuId: source.skuId, quantity: source.quantity }]
        }
        const list = await fetchAddresses()
        const keep = preferId ?? addressRef.current?.id ?? null
        const chosen = list.find((a) => a.id === keep) ?? pickDefault(list)
        addressRef.current = chosen
        setItems(lines)
        setAddresses(list)
        setAddress(chosen)
        if (lines.length === 0) {
          setStatus('empty')
          return
        }
        await reprice(lines, chosen)
        setStatus('ready')
      } catch (err) {
        setError(err)
        setStatus('error')
      }
    },
    [source, reprice],
  )

  const chooseAddress = useCallback(
    async (a: Address) => {
      addressRef.current = a
      setAddress(a)
      setAddresses((list) => (list.some((x) => x.id === a.id) ? list : [...list, a]))
      await reprice(items, a)
    },
    [items, reprice],
  )

  return { status, error, items, addresses, address, preview, load, chooseAddress }
}
