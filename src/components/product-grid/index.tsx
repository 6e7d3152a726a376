import { View } from '@tarojs/components'
import type { ProductSummary } from '@/domain/contract'
import ProductCard from '@/components/product-card'
import { useFavoriteMarks } from './use-favorite-marks'
import './index.scss'

export interface ProductGridProps {
  products: ProductSummary[]
  onOpen: (product: ProductSummary) => void
}

/** Two columns, filled alternately, the way shop feeds read on a phone. */
export default function ProductGrid({ products, onOpen }: ProductGridProps) {
  const favorited = useFavoriteMarks(products.map((p) => p.id))
  const columns = [products.filter((_, i) => i % 2 === 0), products.filter((_, i) => i % 2 === 1)]
  return (
    <View className="product-grid">
      {columns.map((column, c) => (
        <View key={c} className="product-grid__column">
          {column.map((p) => (
            <View key={p.id} className="product-grid__cell">
              <ProductCard product={p} favorited={favorited.has(p.id)} onClick={onOpen} />
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
