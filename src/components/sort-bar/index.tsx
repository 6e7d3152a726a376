import { Text, View } from '@tarojs/components'
import type { ProductSort } from '@/domain/contract'
import './index.scss'

export interface SortBarProps {
  value: ProductSort
  onChange: (sort: ProductSort) => void
}

const SIMPLE: { sort: ProductSort; label: string }[] = [
  { sort: 'default', label: '综合' },
  { sort: 'sales', label: '销量' },
]

/** 综合 / 销量 / 价格 (tap again to flip ↑↓) / 新品. */
export default function SortBar({ value, onChange }: SortBarProps) {
  const priceActive = value === 'price_asc' || value === 'price_desc'
  const item = (sort: ProductSort, label: string) => (
    <View key={sort} className={`sort-bar__item${value === sort ? ' is-active' : ''}`} onClick={() => onChange(sort)}>
      <Text>{label}</Text>
    </View>
  )
  return (
    <View className="sort-bar">
      {SIMPLE.map((o) => item(o.sort, o.label))}
      <View
        className={`sort-bar__item sort-bar__price${priceActive ? ' is-active' : ''}`}
        onClick={() => onChange(value === 'price_asc' ? 'price_desc' : 'price_asc')}
      >
        <Text>价格</Text>
        <Text className="sort-bar__arrow">{value === 'price_asc' ? '↑' : value === 'price_desc' ? '↓' : '↕'}</Text>
      </View>
      {item('newest', '新品')}
    </View>
  )
}
