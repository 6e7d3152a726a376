import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import type { ProductDetail, Sku } from '@/domain/contract'
import { isSpecValueAvailable } from '@/domain/sku'
import { errorMessage, imageUrl } from '@/services/http'
import PriceTag from '@/components/price-tag'
import QuantityStepper from '@/components/quantity-stepper'
import { sheetPrice } from './sheet-price'
import { useSkuChoice } from './use-sku-choice'
import './index.scss'

export type SkuSheetMode = 'cart' | 'buy' | 'choose'

export interface SkuSheetProps {
  open: boolean
  product: ProductDetail
  mode: SkuSheetMode
  onClose: () => void
  /** Called with a complete, in-stock choice. The parent closes the sheet when it is done;
   * a thrown error keeps the sheet open and is shown as a toast. */
  onConfirm: (sku: Sku, quantity: number) => void | Promise<void>
}

const CONFIRM_LABEL: Record<SkuSheetMode, string> = { cart: '加入购物车', buy: '立即购买', choose: '确定' }

/** Stays mounted while closed so the shopper's choice survives closing and reopening. */
export default function SkuSheet({ open, product, mode, onClose, onConfirm }: SkuSheetProps) {
  const { choice, sku, stock, quantity, missing, toggle, setQuantity } = useSkuChoice(product)
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    if (busy) return
    if (!sku) {
      void Taro.showToast({ title: `请选择 ${missing.join(' ')}`, icon: 'none' })
      return
    }
    if (sku.stock <= 0) {
      void Taro.showToast({ title: '该规格已售罄', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      await onConfirm(sku, quantity)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const chosenText = missing.length
    ? `请选择 ${missing.join(' ')}`
    : `已选 ${product.specGroups.map((g) => choice[g.name]).join(' ')}`
  const cover = imageUrl(sku?.image ?? product.image)
  const shown = sheetPrice(product, sku)

  return (
    <View className={`sku-sheet${open ? ' sku-sheet--open' : ''}`} catchMove>
      <View className="sku-sheet__mask" onClick={onClose} />
      <View className="sku-sheet__panel">
        <View className="sku-sheet__head">
          <Image className="sku-sheet__cover" src={cover} mode="aspectFill" />
          <View className="sku-sheet__summary">
            <PriceTag fen={shown.fen} original={shown.crossed} size="lg" />
            <Text className="sku-sheet__stock">{sku ? (sku.stock > 0 ? `库存 ${sku.stock} 件` : '已售罄') : `库存 ${product.stock} 件`}</Text>
            <Text className="sku-sheet__chosen">{chosenText}</Text>
          </View>
          <View className="sku-sheet__close" onClick={onClose}>
            ×
          </View>
        </View>

        <View className="sku-sheet__body">
          {product.specGroups.map((group) => (
            <View key={group.name} className="sku-sheet__group">
              <Text className="sku-sheet__group-name">{group.name}</Text>
              <View className="sku-sheet__values">
                {group.values.map((value) => {
                  const active = choice[group.name] === value
                  const available = isSpecValueAvailable(product.skus, choice, group.name, value)
                  const cls = `sku-value${active ? ' is-active' : ''}${available ? '' : ' is-disabled'}`
                  return (
                    <View
                      key={value}
                      className={cls}
                      aria-disabled={available ? undefined : 'true'}
                      onClick={() => (available || active) && toggle(group.name, value)}
                    >
                      {value}
                    </View>
                  )
                })}
              </View>
            </View>
          ))}
          <View className="sku-sheet__quantity">
            <Text className="sku-sheet__group-name">数量</Text>
            <QuantityStepper value={quantity} min={1} max={Math.max(1, Math.min(stock, 99))} disabled={stock <= 0} onChange={setQuantity} />
          </View>
        </View>

        <View className="sku-sheet__footer">
          {/* No `loading` prop: on H5 its spinner node fights React over the button's children. */}
          <Button
            className={`sku-confirm sku-sheet__confirm sku-sheet__confirm--${mode}${busy || stock <= 0 ? ' is-disabled' : ''}`}
            disabled={busy || stock <= 0 || undefined}
            onClick={() => void confirm()}
          >
            {stock <= 0 ? '已售罄' : busy ? '请稍候…' : CONFIRM_LABEL[mode]}
          </Button>
        </View>
      </View>
    </View>
  )
}
