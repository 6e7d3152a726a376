import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { distanceText, type StoreListItem } from '@/domain/stores'
import { locationAdapter } from '@/platform/location'
import { route } from '@/routes'
import { chosenStore, pickStore, rememberStore } from '@/services/stores'
import { callStore, navigateTo } from '../store-actions'
import { useStoreList } from './use-store-list'
import './index.scss'

/**
 * 附近门店: nearest first when the shopper shares the position, else a city list. Opened from
 * checkout with ?pick=1 it is the store picker: 选择此门店 hands a pickup store back.
 */
export default function StoresPage() {
  const { params } = useRouter()
  const picking = params.pick === '1'
  const { status, error, items, cities, mode, load, chooseCity, reopenSettings } = useStoreList()
  const [chosen, setChosen] = useState<number | null>(chosenStore())
  const [loaded, setLoaded] = useState(false)

  useDidShow(() => {
    if (loaded) return
    setLoaded(true)
    void load()
  })

  const choose = (s: StoreListItem) => {
    if (picking) {
      pickStore(s.id)
      void Taro.navigateBack()
      return
    }
    rememberStore(s.id)
    setChosen(s.id)
    void Taro.showToast({ title: `已选择 ${s.name}`, icon: 'none' })
  }

  return (
    <View className="stores-page">
      {mode?.kind === 'city' ? (
        <View className="stores-cities">
          <Text className="stores-cities__hint">{mode.refused ? '未开启定位，请选择城市' : '暂时无法定位，请选择城市'}</Text>
          {mode.refused && locationAdapter.canReopenSettings ? (
            <Text className="stores-cities__settings" onClick={() => void reopenSettings()}>
              去设置开启定位
            </Text>
          ) : null}
          <View className="stores-cities__list">
            {cities.map((c) => (
              <Text key={c} className={`stores-city${c === mode.city ? ' is-active' : ''}`} onClick={() => void chooseCity(c)}>
                {c}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      <StateView status={status} error={error} onRetry={() => void load()} emptyText="附近还没有门店">
        {items.map((s) => (
          <View key={s.id} className={`store-row${s.open ? ' is-open' : ''}`}>
            <View className="store-row__body" onClick={() => void Taro.navigateTo({ url: route.store(s.id) })}>
              <View className="store-row__head">
                <Text className="store-row__name">{s.name}</Text>
                <Text className="store-row__state">{s.open ? '营业中' : '休息中'}</Text>
                {s.distanceMeters !== null ? <Text className="store-row__distance">{distanceText(s.distanceMeters)}</Text> : null}
              </View>
              <Text className="store-row__address">{s.address}</Text>
              <Text className="store-row__hours">{s.hoursText}</Text>
            </View>
            <View className="store-row__actions">
              <Text className="store-row__nav" onClick={() => navigateTo(s)}>
                导航
              </Text>
              {s.phone ? (
                <Text className="store-row__call" onClick={() => callStore(s.phone)}>
                  电话
                </Text>
              ) : null}
              {picking && !s.pickup ? (
                <Text className="store-row__no-pickup">不支持自提</Text>
              ) : (
                <Text className={`store-row__choose${chosen === s.id ? ' is-chosen' : ''}`} onClick={() => choose(s)}>
                  {chosen === s.id && !picking ? '当前门店' : '选择此门店'}
                </Text>
              )}
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
}
