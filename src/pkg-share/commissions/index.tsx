import { useState } from 'react'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { formatFen } from '@/domain/money'
import type { CommissionItem, CommissionState } from '@/domain/promoters'
import { fetchCommissions } from '@/services/promoters'
import { COMMISSION_STATE_TEXT, dayOf } from '../labels'
import '../share.scss'

const TABS: { key: CommissionState | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'pending', label: COMMISSION_STATE_TEXT.pending },
  { key: 'released', label: COMMISSION_STATE_TEXT.released },
  { key: 'reversed', label: COMMISSION_STATE_TEXT.reversed },
]

function Row({ c }: { c: CommissionItem }) {
  const amount = c.state === 'pending' ? c.pending : c.state === 'released' ? c.released : c.reversed
  return (
    <View className="share-card commission-item">
      <View className="share-row">
        <Text>{`${c.level === 1 ? '直接' : '间接'}推广 · ${c.buyer}`}</Text>
        <Text className="commission-item__amount">{formatFen(amount)}</Text>
      </View>
      <Text className="share-text">{`订单 ${c.orderNo} · 实付 ${formatFen(c.base)} · ${COMMISSION_STATE_TEXT[c.state]}`}</Text>
      {c.state === 'pending' && c.releaseAt ? <Text className="share-text commission-item__release">{`预计 ${dayOf(c.releaseAt)} 结算`}</Text> : null}
      {c.state === 'released' && c.releaseAt ? <Text className="share-text">{`${dayOf(c.releaseAt)} 已结算`}</Text> : null}
    </View>
  )
}

export default function CommissionsPage() {
  const [tab, setTab] = useState<CommissionState | 'all'>('all')
  const [items, setItems] = useState<CommissionItem[]>([])
  const [page, setPage] = useState(1)
  const [total, setTotal] = useState(0)
  const [status, setStatus] = useState<'loading' | 'error' | 'empty' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = async (p: number, t = tab) => {
    try {
      const r = await fetchCommissions(p, t === 'all' ? undefined : t)
      const next = p === 1 ? r.items : [...items, ...r.items]
      setItems(next)
      setPage(p)
      setTotal(r.total)
      setStatus(next.length ? 'ready' : 'empty')
    } catch (err) {
      setError(err)
      if (p === 1) setStatus('error')
    }
  }
  useDidShow(() => void load(1))
  // A new tab starts the list again.
  const choose = (t: CommissionState | 'all') => {
    setTab(t)
    setStatus('loading')
    void load(1, t)
  }
  useReachBottom(() => {
    if (items.length < total) void load(page + 1)
  })

  return (
    <View className="share-page commissions-page">
      <View className="share-tabs">
        {TABS.map((t) => (
          <Text key={t.key} className={`share-tab${t.key === tab ? ' share-tab--active' : ''}`} onClick={() => choose(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      <StateView status={status} error={error} onRetry={() => void load(1)} emptyText="还没有佣金，分享商品给好友试试">
        {items.map((c) => (
          <Row key={`${c.orderId}-${c.level}`} c={c} />
        ))}
      </StateView>
    </View>
  )
}
