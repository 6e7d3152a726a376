import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import type { Fen } from '@/domain/money'
import { formatSpecs } from '@/domain/sku'
import './index.scss'

export interface LineItemProps {
  image: string
  title: string
  specs: Readonly<Record<string, string>>
  /** Shown at the foot with PriceTag; no price, no foot. */
  unitPrice?: Fen
  /** "×n" at the end of the foot, unless `children` take that place. */
  quantity?: number
  /** lg: cart (160 px image, one-line title, row centred); md: checkout and order detail
   *  (140 px, foot at the image's bottom); sm: order list (120 px, centred). */
  size?: 'sm' | 'md' | 'lg'
  /** Extra class on the row, e.g. `cart-line` (the cart's card look; tests query it). */
  className?: string
  /** Before the image (the cart's checkbox). */
  leading?: ReactNode
  /** After the body (the cart's delete, the order list's quantity). */
  trailing?: ReactNode
  /** Under the specs (the cart's stock warnings). */
  notes?: ReactNode
  /** The foot's end instead of "×n" (the cart's stepper). */
  children?: ReactNode
  /** Tapping the image or the title. */
  onOpen?: () => void
  /** Tapping anywhere on the row. */
  onClick?: () => void
}

/** One item row: image, title, specs, unit price and quantity. Pages keep their own controls. */
export default function LineItem({ image, title, specs, unitPrice, quantity, size = 'md', className, leading, trailing, notes, children, onOpen, onClick }: LineItemProps) {
  const specText = formatSpecs(specs)
  const end = children ?? (quantity !== undefined ? <Text className="line-item__qty">{`×${quantity}`}</Text> : null)
  return (
    <View className={`line-item line-item--${size}${className ? ` ${className}` : ''}`} onClick={onClick}>
      {leading}
      <Image className="line-item__image" src={image} mode="aspectFill" onClick={onOpen} />
      <View className="line-item__body">
        <Text className="line-item__title" onClick={onOpen}>
          {title}
        </Text>
        {specText ? <Text className="line-item__specs">{specText}</Text> : null}
        {notes}
        {unitPrice !== undefined ? (
          <View className="line-item__foot">
            <PriceTag fen={unitPrice} size="sm" />
            {end}
          </View>
        ) : null}
      </View>
      {trailing}
    </View>
  )
}
