import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { StoreDetail } from '@/domain/stores'
import type { ViewStatus } from '@/lib/view-status'
import { ApiError } from '@/services/http'
import { chosenStore, fetchStore, rememberStore } from '@/services/stores'
import { callStore, navigateTo } from '../store-actions'
import './index.scss'

/** A store: photos, hours, address with 导航, phone; 设为我的门店 remembers it for pickup. */
export default function StorePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const [store, setStore] = useState<StoreDetail | null>(null)
  const [status, setStatus] = useState<ViewStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [chosen, setChosen] = useState(chosenStore() === id)

  const load = useCallback(async () => {
    if (!Number.isInteger(id) || id <= 0) {
      setError(new ApiError(400, 'BAD_QUERY', '门店信息有误'))
      setStatus('error')
      return
    }
    try {
      const s = await fetchStore(id)
      setStore(s)
      setStatus('ready')
      void Taro.setNavigationBarTitle({ title: s.name })
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [id])

  useDidShow(() => void load())

  const choose = () => {
    rememberStore(id)
    setChosen(true)
    void Taro.showToast({ title: '已设为我的门店', icon: 'none' })
  }

  return (
    <View className="store-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {store ? (
          <>
            {store.photos.length ? (
              <Swiper className="store-photos" indicatorDots={store.photos.length > 1} circular>
                {store.photos.map((p) => (
                  <SwiperItem key={p}>
                    <Image className="store-photos__image" src={p} mode="aspectFill" />
                  </SwiperItem>
                ))}
              </Swiper>
            ) : null}
            <View className="store-card">
              <View className="store-card__head">
                <Text className="store-card__name">{store.name}</Text>
                <Text className={`store-card__state${store.open ? ' is-open' : ''}`}>{store.open ? '营业中' : '休息中'}</Text>
              </View>
              <Text className="store-card__hours">{`营业时间 ${store.hoursText}`}</Text>
              {store.pickup ? <Text className="store-card__pickup">支持门店自提</Text> : null}
            </View>
            <View className="store-card store-card__row">
              <Text className="store-card__address">{store.address}</Text>
              <Text className="store-card__nav" onClick={() => navigateTo(store)}>
                导航
              </Text>
            </View>
            {store.phone ? (
              <View className="store-card store-card__row">
                <Text className="store-card__phone">{store.phone}</Text>
                <Text className="store-card__call" onClick={() => callStore(store.phone)}>
                  电话
                </Text>
              </View>
            ) : null}
            <View className={`store-choose${chosen ? ' is-chosen' : ''}`} onClick={choose}>
              {chosen ? '当前门店' : '设为我的门店'}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
