import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import PriceBreakdown from '@/components/price-breakdown'
import PriceTag from '@/components/price-tag'
import PromoTags from '@/components/promo-tags'
import StateView from '@/components/state-view'
import { formatFen } from '@/domain/money'
import { checkAddress, LIMITS } from '@/domain/validation'
import { addressAdapter } from '@/platform/address'
import { route, TAB_PAGES } from '@/routes'
import { createAddress, takePickedAddress } from '@/services/addresses'
import { fetchEligibility } from '@/services/credit'
import { useCreditService } from '@/store/credit-service'
import { ApiError, errorMessage } from '@/services/http'
import { createOrder } from '@/services/orders'
import { useCart } from '@/store/cart'
import { currentToken } from '@/store/session'
import { useStartPayment } from '../payment/use-start-payment'
import { parseCheckoutSource } from './checkout-items'
import { couponRowText, couponSavings, isCouponError } from './coupon-choice'
import CouponSheet from './coupon-sheet'
import FulfilmentPicker from '@/components/fulfilment-picker'
import { useFulfilment } from './use-fulfilment'
import GiftForm from './gift-form'
import GiftSwitch from './gift-switch'
import { newIdempotencyKey } from '@/lib/idempotency-key'
import { startPayLater } from './pay-later'
import PayModeChoice, { type PayMode } from './pay-mode'
import PointsSwitch, { isPointsError, pointsToSpend } from './points-switch'
import { useCheckoutData } from './use-checkout'
import { useGiftChoice } from './use-gift'
import './index.scss'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

export default function CheckoutPage() {
  const { params } = useRouter()
  const source = useMemo(() => parseCheckoutSource(params), [params])
  const { status, error, items, address, preview, load, chooseAddress, couponBusy, chooseCoupons, toggleCoupon, resetCoupons, pointsBusy, choosePoints, chooseFulfilment } = useCheckoutData(source)
  const fulfilment = useFulfilment(chooseFulfilment)
  const [couponSheet, setCouponSheet] = useState(false)
  const [note, setNote] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const payment = useStartPayment()
  // One key per visit: a double tap or a retry after a lost answer gives back the same order.
  const idempotencyKey = useRef(newIdempotencyKey())
  const submittingRef = useRef(false)
  const firstShow = useRef(true)
  const service = useCreditService()
  const [payLaterOffered, setPayLaterOffered] = useState(false)
  const [payMode, setPayMode] = useState<PayMode>('pay_now')
  // An order whose 先享后付 confirm the shopper backed out of: it stays, and is paid from here either way.
  const pendingOrder = useRef<number | null>(null)
  const gift = useGiftChoice(items)
  // Another kind of order from here on: not the one a lost answer or a backed-out 先享后付 left.
  const toggleGift = () => {
    // A gift goes to its recipients' addresses: never picked up at a store.
    if (!gift.on && fulfilment.pickup) void fulfilment.setMode('delivery')
    gift.toggle()
    pendingOrder.current = null
    idempotencyKey.current = newIdempotencyKey()
  }

  useEffect(() => {
    if (!currentToken()) return
    // Pay after use is an extra: without an answer checkout is the ordinary one.
    fetchEligibility()
      .then((e) => setPayLaterOffered(e.payAfterUse.available))
      .catch(() => setPayLaterOffered(false))
  }, [])

  useDidShow(() => {
    if (!currentToken()) {
      const here = source ? route.checkout(source) : TAB_PAGES.cart
      void Taro.redirectTo({ url: route.login(here) })
      return
    }
    const picked = takePickedAddress()
    if (firstShow.current || picked !== null) void load(picked)
    firstShow.current = false
    fulfilment.onShow()
  })

  const pickPlatformAddress = async () => {
    const result = await addressAdapter.choose()
    if (result.status === 'cancelled') return
    if (result.status !== 'ok') {
      toast(result.status === 'failed' ? result.message : result.reason)
      return
    }
    const problem = checkAddress(result.address)
    if (problem) {
      toast(`${problem}，请手动填写`)
      return
    }
    try {
      await chooseAddress(await createAddress(result.address))
    } catch (err) {
      toast(errorMessage(err))
    }
  }

  const submit = async () => {
    if (submittingRef.current) return
    // A gift has no address of ours: each recipient gives theirs when claiming.
    if (gift.on && gift.problem) {
      toast(gift.problem)
      return
    }
    if (fulfilment.pickup && !gift.on && !fulfilment.input) {
      toast(fulfilment.problem ?? '请选择自提门店和时间')
      return
    }
    if (!gift.on && !fulfilment.pickup && !address) {
      toast('请先添加收货地址')
      return
    }
    submittingRef.current = true
    setSubmitting(true)
    setSubmitError(null)
    // A gift is paid up front: nobody confirms receipt of it for the giver (checkGift).
    const later = !gift.on && payLaterOffered && payMode === 'pay_after_use'
    try {
      let orderId = pendingOrder.current
      if (orderId === null) {
        const points = pointsToSpend(preview?.points)
        const order = await createOrder({
          items,
          ...(gift.input ? { gift: gift.input } : fulfilment.input ? { fulfilment: fulfilment.input } : { addressId: address?.id }),
          idempotencyKey: idempotencyKey.current,
          fromCart: source !== null && 'from' in source,
          note: note.trim() || undefined,
          // The coupons the shopper sees applied (their pick or the engine's): the order costs what the screen says.
          couponIds: preview?.selectedCouponIds ?? [],
          // 积分抵扣: the points the shown price spends (the server checks them against the balance again).
          ...(points ? { points } : {}),
          ...(later ? { paymentMode: 'pay_after_use' as const } : {}),
        })
        orderId = order.id
        if (source && 'from' in source) void useCart.getState().refresh().catch(() => undefined)
      }
      if (later) {
        await payLater(orderId)
        return
      }
      // Same tap: the order exists, now the cashier; the result page takes over from there
      // (paid, or why not with 重新支付 while the order waits).
      await payment.start(orderId, { pickup: !gift.on && fulfilment.pickup })
    } catch (err) {
      // A refused order (4xx) was not created: the next try is a new order with a new key.
      // A lost answer (network, 5xx) may have created it: keep the key so a retry finds it.
      if (err instanceof ApiError && !err.retryable) idempotencyKey.current = newIdempotencyKey()
      const message = errorMessage(err)
      setSubmitError(message)
      if (fulfilment.handleOrderError(err)) {
        // Shown on the pickup block with 换一家门店 (and new slots when the slot went).
      } else if (err instanceof ApiError && err.code === 'SOLD_OUT') {
        void Taro.showModal({ title: '库存不足', content: message, showCancel: false })
        void load()
      } else if (isPointsError(err)) {
        // The balance changed meanwhile (spent on another order): price again with what is there.
        toast(message)
        pickCoupon(() => choosePoints(true))
      } else if (isCouponError(err)) {
        // The coupons changed under us (used on another order, expired): price again with what is left.
        toast(message)
        void resetCoupons().catch((e: unknown) => toast(errorMessage(e)))
      } else {
        toast(message)
      }
      submittingRef.current = false
      setSubmitting(false)
    }
  }

  /** 先享后付 for an order that exists: confirmed (or still deciding) goes to the order; backing out stays here. */
  const payLater = async (orderId: number) => {
    const outcome = await startPayLater(orderId)
    if (outcome.kind === 'left') return
    if (outcome.kind === 'confirmed' || outcome.kind === 'timeout') {
      void Taro.redirectTo({ url: route.orderDetail(orderId) })
      return
    }
    pendingOrder.current = orderId
    toast(outcome.kind === 'cancelled' ? '已取消先享后付，订单已保留，可选择立即支付' : outcome.message)
    submittingRef.current = false
    setSubmitting(false)
  }

  const pickCoupon = (run: () => Promise<void>) => {
    run().catch((err: unknown) => toast(errorMessage(err)))
  }

  const canSubmit = !submitting && !couponBusy && !pointsBusy && preview !== null && (gift.on || (fulfilment.pickup ? fulfilment.input !== null : address !== null))
  // A class, not [disabled]: Taro's H5 button keeps a disabled="false" attribute.
  return (
    <View className="checkout-page">
      <StateView
        status={source ? status : 'error'}
        error={source ? error : new ApiError(400, 'BAD_QUERY', '订单信息有误，请返回重新选择商品')}
        onRetry={() => void load()}
        emptyText="没有可结算的商品"
        emptyAction={{ label: '回购物车', onClick: () => void Taro.switchTab({ url: TAB_PAGES.cart }) }}
      >
        <GiftSwitch on={gift.on} onToggle={toggleGift} />
        {gift.on ? (
          <GiftForm value={gift.gift} choices={gift.choices} problem={gift.problem} onChange={gift.setGift} />
        ) : (
          <FulfilmentPicker
            mode={fulfilment.mode}
            onMode={(m) => void fulfilment.setMode(m)}
            store={fulfilment.store}
            slot={fulfilment.slot}
            onSlot={fulfilment.setSlot}
            onPickStore={fulfilment.pickStore}
            problem={fulfilment.problem}
          >
            <View className="checkout-address" onClick={() => void Taro.navigateTo({ url: route.addresses(true) })}>
              {address ? (
                <View className="checkout-address__body">
                  <View className="checkout-address__who">
                    <Text className="checkout-address__name">{address.name}</Text>
                    <Text>{address.phone}</Text>
                  </View>
                  <Text className="checkout-address__line">{`${address.region.join(' ')} ${address.detail}`}</Text>
                </View>
              ) : (
                <View className="checkout-address__body checkout-address__empty">请添加收货地址</View>
              )}
              <Text className="checkout-address__arrow">›</Text>
            </View>
            {addressAdapter.available() ? (
              <View className="checkout-platform-address" onClick={() => void pickPlatformAddress()}>
                {addressAdapter.label}
              </View>
            ) : null}
          </FulfilmentPicker>
        )}

        <View className="checkout-card">
          {preview?.lines.map((l) => (
            <LineItem
              key={l.skuId}
              image={l.image}
              title={l.title}
              specs={l.specs}
              unitPrice={l.unitPrice}
              quantity={l.quantity}
              notes={
                <>
                  <PromoTags labels={l.labels} />
                  {l.discount > 0 ? <Text className="checkout-line__discount">{`优惠 -${formatFen(l.discount)}`}</Text> : null}
                </>
              }
            />
          ))}
        </View>

        {preview ? (
          <View className="checkout-card checkout-coupon-row" onClick={() => setCouponSheet(true)}>
            <Text>优惠券</Text>
            <Text className={`checkout-coupon-row__value${preview.selectedCouponIds.length ? '' : ' is-none'}`}>
              {couponRowText(preview.coupons, preview.selectedCouponIds, formatFen(couponSavings(preview.applied)))}
            </Text>
            <Text className="checkout-coupon-row__arrow">›</Text>
          </View>
        ) : null}

        <PointsSwitch quote={preview?.points} busy={pointsBusy} onToggle={(on) => pickCoupon(() => choosePoints(on))} />

        {preview ? (
          <View className="checkout-card checkout-prices">
            <PriceBreakdown prices={preview} discounts={preview.applied} totalLabel="实付" />
          </View>
        ) : null}

        {payLaterOffered && !gift.on ? <PayModeChoice value={payMode} service={service.name} onChange={setPayMode} /> : null}

        <View className="checkout-card">
          <Text className="checkout-note__label">订单备注</Text>
          <Textarea
            className="checkout-note__input"
            value={note}
            maxlength={LIMITS.note}
            placeholder="选填，请先和商家协商一致"
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>

        {submitError ? <View className="checkout-error">{submitError}</View> : null}
        <View className="checkout-spacer" />
        <View className="checkout-bar">
          <Text className="checkout-bar__count">{`共 ${preview?.itemCount ?? 0} 件`}</Text>
          <Text className="checkout-bar__label">{payLaterOffered && !gift.on && payMode === 'pay_after_use' ? '收货后付：' : '实付：'}</Text>
          <PriceTag fen={preview?.total ?? 0} size="md" />
          {/* `|| undefined`: Taro H5 keeps disabled="false" as an attribute, and its CSS greys that out. */}
          <Button className={`submit-order${canSubmit ? '' : ' is-disabled'}`} disabled={!canSubmit || undefined} onClick={() => void submit()}>
            {payment.starting ? '支付中…' : submitting ? '提交中…' : '提交订单'}
          </Button>
        </View>
        <CouponSheet
          open={couponSheet && preview !== null}
          options={preview?.coupons ?? []}
          selected={preview?.selectedCouponIds ?? []}
          busy={couponBusy}
          onToggle={(id) => pickCoupon(() => toggleCoupon(id))}
          onNone={() => pickCoupon(() => chooseCoupons([]))}
          onClose={() => setCouponSheet(false)}
        />
      </StateView>
    </View>
  )
}
