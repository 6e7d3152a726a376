import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Address, LineInput, PricePreview } from '@/domain/contract'
import type { FulfilmentInput } from '@/domain/stores'
import { fetchAddresses, pickDefault } from '@/services/addresses'
import { previewOrder } from '@/services/orders'
import { useCart } from '@/store/cart'
import { cartItems, type CheckoutSource } from './checkout-items'
import { doesNotStack, isCouponError, swapsFor, withCoupon } from './coupon-choice'
import { isPointsError } from './points-switch'

export type LoadStatus = 'loading' | 'error' | 'empty' | 'ready'

/**
 * Loads what checkout shows: the items, the addresses and the server's price for both.
 * Coupons: until the shopper picks, the server's engine chooses (no couponIds); a pick is an
 * explicit list sent with every preview after it, and the order is placed with the coupons
 * the last preview applied.
 */
export function useCheckoutData(source: CheckoutSource | null) {
  const [status, setStatus] = useState<LoadStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [items, setItems] = useState<LineInput[]>([])
  const [addresses, setAddresses] = useState<Address[]>([])
  const [address, setAddress] = useState<Address | null>(null)
  const [preview, setPreview] = useState<PricePreview | null>(null)
  const addressRef = useRef<Address | null>(null)
  /** undefined: the engine's best; a list (maybe empty): the shopper's own choice. */
  const couponsRef = useRef<number[] | undefined>(undefined)
  const [couponBusy, setCouponBusy] = useState(false)

  const previewRef = useRef<PricePreview | null>(null)
  const show = useCallback((p: PricePreview) => {
    previewRef.current = p
    setPreview(p)
  }, [])

  /** Pickup at a store (门店自提) or delivery (undefined): every preview is priced for it. */
  const fulfilmentRef = useRef<FulfilmentInput | undefined>(undefined)

  /** 积分抵扣 on: every preview asks for the most points this order allows (the server's `usable`). */
  const pointsOn = useRef(false)
  const [pointsBusy, setPointsBusy] = useState(false)

  /**
   * The server's price with the points switch applied. `usable` depends on what the goods cost
   * after coupons, so a new coupon choice may lower it: asking for the old amount is refused
   * (POINTS_OVER_LIMIT), and priced without points, then with the new `usable`.
   */
  const priced = useCallback(async (lines: LineInput[], addressId: number | undefined, couponIds: number[] | undefined): Promise<PricePreview> => {
    const want = pointsOn.current ? (previewRef.current?.points?.usable ?? 0) : 0
    let p: PricePreview
    try {
      p = await previewOrder(lines, addressId, couponIds, want, fulfilmentRef.current)
    } catch (err) {
      if (!want || !isPointsError(err)) throw err
      p = await previewOrder(lines, addressId, couponIds, 0, fulfilmentRef.current)
    }
    const q = p.points
    if (pointsOn.current && q && q.usable > 0 && q.used !== q.usable) p = await previewOrder(lines, addressId, couponIds, q.usable, fulfilmentRef.current)
    return p
  }, [])

  const reprice = useCallback(async (lines: LineInput[], chosen: Address | null) => {
    try {
      show(await priced(lines, chosen?.id, couponsRef.current))
    } catch (err) {
      // A coupon the shopper picked went away meanwhile (used, expired): say so, price with the best ones.
      if (couponsRef.current === undefined || !isCouponError(err)) throw err
      couponsRef.current = undefined
      void Taro.showToast({ title: err.message, icon: 'none' })
      show(await priced(lines, chosen?.id, undefined))
    }
  }, [show, priced])

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

  /** Prices with this coupon choice; a refused choice (409) throws and leaves the last preview and choice as they were. */
  const chooseCoupons = useCallback(
    async (ids: number[] | undefined) => {
      setCouponBusy(true)
      try {
        const next = await priced(items, addressRef.current?.id, ids)
        couponsRef.current = ids
        show(next)
      } finally {
        setCouponBusy(false)
      }
    },
    [items, show, priced],
  )

  /**
   * A tapped coupon joins the choice. When the server says it does not stack, it takes the place
   * of one chosen coupon (the one in its slot: whichever swap the server accepts), else of all.
   */
  const toggleCoupon = useCallback(
    async (id: number) => {
      const current = previewRef.current?.selectedCouponIds ?? []
      const next = withCoupon(current, id)
      try {
        await chooseCoupons(next)
        return
      } catch (err) {
        if (!doesNotStack(err) || next.length < 2) throw err
      }
      for (const swap of swapsFor(current, id)) {
        try {
          await chooseCoupons(swap)
          return
        } catch (err) {
          if (!doesNotStack(err)) throw err
        }
      }
    },
    [chooseCoupons],
  )

  /** After the server refused the coupons (gone, expired, used elsewhere): back to its best choice. */
  const resetCoupons = useCallback(async () => {
    couponsRef.current = undefined
    await reprice(items, addressRef.current)
  }, [items, reprice])

  /** 积分抵扣 on or off: priced again; a refused price leaves the switch as it was. */
  const choosePoints = useCallback(
    async (on: boolean) => {
      const was = pointsOn.current
      pointsOn.current = on
      setPointsBusy(true)
      try {
        await reprice(items, addressRef.current)
      } catch (err) {
        pointsOn.current = was
        throw err
      } finally {
        setPointsBusy(false)
      }
    },
    [items, reprice],
  )

  /** Delivery (undefined) or pickup at a store in a slot: priced again; a refused one (409) throws and leaves the last as it was. */
  const chooseFulfilment = useCallback(
    async (f: FulfilmentInput | undefined) => {
      const was = fulfilmentRef.current
      fulfilmentRef.current = f
      try {
        await reprice(items, addressRef.current)
      } catch (err) {
        fulfilmentRef.current = was
        throw err
      }
    },
    [items, reprice],
  )

  return { status, error, items, addresses, address, preview, load, chooseAddress, couponBusy, chooseCoupons, toggleCoupon, resetCoupons, pointsBusy, choosePoints, chooseFulfilment }
}
