import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useShallow } from 'zustand/react/shallow'
import PriceBreakdown from '@/components/price-breakdown'
import PriceTag from '@/components/price-tag'
import StateView from '@/components/state-view'
import { formatFen } from '@/domain/money'
import { route, TAB_PAGES } from '@/routes'
import { ApiError, errorMessage } from '@/services/http'
import { syncCartBadge, useCart } from '@/store/cart'
import { useIsLoggedIn } from '@/store/session'
import CartLineRow from './cart-line'
import './index.scss'

function toast(err: unknown) {
  void Taro.showToast({ title: errorMessage(err), icon: 'none' })
}

export default function CartPage() {
  const { lines, preview, loading, error } = useCart(useShallow((s) => ({ lines: s.lines, preview: s.preview, loading: s.loading, error: s.error })))
  const loggedIn = useIsLoggedIn()
  const [loaded, setLoaded] = useState(false)

  const load = useCallback(async () => {
    try {
      await useCart.getState().refresh()
    } catch {
      // kept in the store's `error`; the page shows it with a retry
    } finally {
      setLoaded(true)
    }
  }, [])

  useDidShow(() => {
    syncCartBadge(useCart.getState().count)
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const available = lines.filter((l) => l.available)
  const allSelected = available.length > 0 && available.every((l) => l.selected)
  const chosenCount = preview?.itemCount ?? 0

  const run = (action: () => Promise<void>) => {
    action().catch(toast)
  }

  const remove = async (lineId: number, title: string) => {
    const { confirm } = await Taro.showModal({ title: '删除商品', content: `确定把「${title}」移出购物车吗？`, confirmText: '删除' })
    if (confirm) run(() => useCart.getState().remove(lineId))
  }

  const checkout = async () => {
    if (chosenCount === 0) {
      void Taro.showToast({ title: '请选择要结算的商品', icon: 'none' })
      return
    }
    const target = route.checkout({ from: 'cart' })
    if (!loggedIn) {
      const { confirm } = await Taro.showModal({ title: '请先登录', content: '登录后购物车里的商品会自动保留，并继续结算', confirmText: '去登录' })
      if (confirm) void Taro.navigateTo({ url: route.login(target) })
      return
    }
    void Taro.navigateTo({ url: target })
  }

  // Persisted lines show at once; a first visit shows the skeleton until the first answer.
  const status = lines.length > 0 ? 'ready' : !loaded ? 'loading' : error ? 'error' : 'empty'

  return (
    <View className="cart-page">
      {!loggedIn && lines.length > 0 ? (
        <View className="cart-page__login-tip" onClick={() => void Taro.navigateTo({ url: route.login(TAB_PAGES.cart) })}>
          <Text>登录后可同步购物车中的商品</Text>
          <Text className="cart-page__login-link">去登录 ›</Text>
        </View>
      ) : null}
      <StateView
        status={status}
        error={error ? new ApiError(0, 'CART', error) : undefined}
        onRetry={() => void load()}
        emptyText="购物车还是空的"
        emptyAction={{ label: '去逛逛', onClick: () => void Taro.switchTab({ url: TAB_PAGES.home }) }}
      >
        {error ? <View className="cart-page__error">{error}</View> : null}
        <View className="cart-page__lines">
          {lines.map((line) => (
            <CartLineRow
              key={line.id}
              line={line}
              priced={line.selected && line.available ? preview?.lines.find((p) => p.skuId === line.skuId) : undefined}
              busy={loading}
              onToggle={() => run(() => useCart.getState().toggle(line.id))}
              onQuantity={(q) => run(() => useCart.getState().setQuantity(line.id, q))}
              onRemove={() => void remove(line.id, line.title)}
              onOpen={() => void Taro.navigateTo({ url: route.product(line.productId) })}
            />
          ))}
        </View>
        {preview && preview.freeShippingGap > 0 ? <View className="cart-page__hint">{`再买 ${formatFen(preview.freeShippingGap)} 即可免运费`}</View> : null}
        {/* `?? []`: a cart persisted on the device before promotions has previews without these. */}
        {preview ? (
          <View className="cart-page__prices">
            <PriceBreakdown prices={preview} discounts={preview.applied ?? []} nudges={preview.nudges ?? []} totalLabel="合计" />
          </View>
        ) : null}
        <View className="cart-page__spacer" />
        <View className="cart-bar">
          <View className="cart-bar__all" onClick={() => run(() => useCart.getState().toggleAll(!allSelected))}>
            <View className={`cart-line__check${allSelected ? ' is-checked' : ''}`}>{allSelected ? '✓' : ''}</View>
            <Text>全选</Text>
          </View>
          <View className="cart-bar__sum">
            <Text className="cart-bar__label">合计：</Text>
            <View className="cart-total">
              <PriceTag fen={preview?.total ?? 0} size="md" />
            </View>
            {preview && preview.discount > 0 ? <Text className="cart-bar__discount">{`已优惠 ${formatFen(preview.discount)}`}</Text> : null}
          </View>
          <Button className={`checkout-button${chosenCount === 0 ? ' is-disabled' : ''}`} onClick={() => void checkout()}>
            {`结算(${chosenCount})`}
          </Button>
        </View>
      </StateView>
    </View>
  )
}
