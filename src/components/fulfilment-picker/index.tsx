import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { StoreDetail } from '@/domain/stores'
import './index.scss'

export type FulfilmentMode = 'delivery' | 'pickup'

export interface FulfilmentPickerProps {
  mode: FulfilmentMode
  onMode: (mode: FulfilmentMode) => void
  /** The pickup store (null while it loads or when none could be found). */
  store: StoreDetail | null
  slot: string | null
  onSlot: (slot: string) => void
  /** Opens the store list as a picker. */
  onPickStore: () => void
  /** Why pickup can't go ahead as chosen (sold out at the store, slot gone), with the way out under it. */
  problem: string | null
  /** The address block: shown for delivery only. */
  children?: ReactNode
}

/** Checkout's 快递配送 / 门店自提 switch and, for pickup, the store and a time slot (no address). */
export default function FulfilmentPicker({ mode, onMode, store, slot, onSlot, onPickStore, problem, children }: FulfilmentPickerProps) {
  const [day, setDay] = useState<string | null>(null)
  const days = store?.slotDays ?? []
  const shownDay = days.find((d) => d.date === (day ?? slot?.slice(0, 10))) ?? days[0]
  return (
    <>
      <View className="fulfilment-tabs">
        <Text className={`fulfilment-tab fulfilment-tab--delivery${mode === 'delivery' ? ' is-active' : ''}`} onClick={() => onMode('delivery')}>
          快递配送
        </Text>
        <Text className={`fulfilment-tab fulfilment-tab--pickup${mode === 'pickup' ? ' is-active' : ''}`} onClick={() => onMode('pickup')}>
          门店自提
        </Text>
      </View>
      {mode === 'delivery' ? (
        children
      ) : (
        <View className="fulfilment-pickup">
          <View className="fulfilment-store" onClick={onPickStore}>
            {store ? (
              <View className="fulfilment-store__body">
                <Text className="fulfilment-store__name">{store.name}</Text>
                <Text className="fulfilment-store__address">{store.address}</Text>
              </View>
            ) : (
              <View className="fulfilment-store__body fulfilment-store__empty">请选择自提门店</View>
            )}
            <Text className="fulfilment-store__change">更换 ›</Text>
          </View>
          {store ? (
            days.length ? (
              <View className="fulfilment-slots">
                <Text className="fulfilment-slots__label">自提时间</Text>
                <View className="fulfilment-slots__days">
                  {days.map((d) => (
                    <Text key={d.date} className={`fulfilment-day${d.date === shownDay?.date ? ' is-active' : ''}`} onClick={() => setDay(d.date)}>
                      {d.date.slice(5)}
                    </Text>
                  ))}
                </View>
                <View className="fulfilment-slots__list">
                  {shownDay?.slots.map((s) => (
                    <Text key={s} className={`fulfilment-slot${s === slot ? ' is-active' : ''}`} onClick={() => onSlot(s)}>
                      {s.slice(11)}
                    </Text>
                  ))}
                </View>
              </View>
            ) : (
              <View className="fulfilment-slots fulfilment-slots--none">这家门店近几天没有可选的自提时间，请换一家门店</View>
            )
          ) : null}
          {problem ? (
            <View className="fulfilment-problem">
              <Text>{problem}</Text>
              <Text className="fulfilment-problem__repick" onClick={onPickStore}>
                换一家门店
              </Text>
            </View>
          ) : null}
        </View>
      )}
    </>
  )
}
