import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { PromoterCustomer } from '@/domain/promoters'
import { fetchCustomers } from '@/services/promoters'
import { dayOf } from '../labels'
import '../share.scss'

export default function CustomersPage() {
  const [items, setItems] = useState<PromoterCustomer[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'empty' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const load = async () => {
    try {
      const r = await fetchCustomers()
      setItems(r.items)
      setStatus(r.items.length ? 'ready' : 'empty')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }
  useDidShow(() => void load())
  return (
    <View className="share-page customers-page">
      <StateView status={status} error={error} onRetry={() => void load()} emptyText="还没有客户，分享商品给好友试试">
        <View className="share-card">
          {items.map((c, i) => (
            <View key={i} className="share-row customer-item">
              <View>
                <Text className="share-text">{c.nickname}</Text>
                <Text className="share-row__side">{`${dayOf(c.boundAt)} 绑定 · 保护期至 ${dayOf(c.lockedUntil)}`}</Text>
              </View>
              <Text className="share-row__side">{`${c.orders} 单`}</Text>
            </View>
          ))}
        </View>
      </StateView>
    </View>
  )
}
