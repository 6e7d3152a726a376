import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { Address } from '@/domain/contract'
import { checkAddress } from '@/domain/validation'
import { addressAdapter } from '@/platform/address'
import { PAGES, route } from '@/routes'
import { createAddress, deleteAddress, fetchAddresses, pickAddress, setDefaultAddress } from '@/services/addresses'
import { errorMessage } from '@/services/http'
import { currentToken } from '@/store/session'
import './index.scss'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

export default function AddressesPage() {
  const { params } = useRouter()
  const selecting = params.select === '1'
  const [list, setList] = useState<Address[]>([])
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    try {
      setList(await fetchAddresses())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [])

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(selecting ? route.addresses(true) : PAGES.addresses) })
      return
    }
    void load()
  })

  const choose = (a: Address) => {
    if (!selecting) return
    pickAddress(a.id)
    void Taro.navigateBack()
  }

  const remove = async (a: Address) => {
    const { confirm } = await Taro.showModal({ title: '删除地址', content: `确定删除 ${a.name} 的地址吗？`, confirmText: '删除' })
    if (!confirm) return
    try {
      await deleteAddress(a.id)
      await load()
    } catch (err) {
      toast(errorMessage(err))
    }
  }

  const makeDefault = async (a: Address) => {
    try {
      await setDefaultAddress(a.id)
      await load()
    } catch (err) {
      toast(errorMessage(err))
    }
  }

  const fromPlatform = async () => {
    const result = await addressAdapter.choose()
    if (result.status === 'cancelled') return
    if (result.status !== 'ok') return toast(result.status === 'failed' ? result.message : result.reason)
    const problem = checkAddress(result.address)
    if (problem) return toast(`${problem}，请手动填写`)
    try {
      const saved = await createAddress(result.address)
      if (selecting) return choose(saved)
      await load()
    } catch (err) {
      toast(errorMessage(err))
    }
  }

  return (
    <View className="addresses-page">
      <StateView
        status={status === 'ready' && list.length === 0 ? 'empty' : status}
        error={error}
        onRetry={() => void load()}
        emptyText="还没有收货地址"
      >
        {list.map((a) => (
          <View key={a.id} className={`address-item${selecting ? ' is-selectable' : ''}`} onClick={() => choose(a)}>
            <View className="address-item__who">
              <Text className="address-item__name">{a.name}</Text>
              <Text>{a.phone}</Text>
              {a.isDefault ? <Text className="address-item__default">默认</Text> : null}
            </View>
            <Text className="address-item__line">{`${a.region.join(' ')} ${a.detail}`}</Text>
            <View className="address-item__ops">
              {!a.isDefault ? (
                <Text
                  className="address-item__op"
                  onClick={(e) => {
                    e.stopPropagation()
                    void makeDefault(a)
                  }}
                >
                  设为默认
                </Text>
              ) : null}
              <Text
                className="address-item__op"
                onClick={(e) => {
                  e.stopPropagation()
                  void Taro.navigateTo({ url: route.addressEdit(a.id) })
                }}
              >
                编辑
              </Text>
              <Text
                className="address-item__op address-item__op--danger"
                onClick={(e) => {
                  e.stopPropagation()
                  void remove(a)
                }}
              >
                删除
              </Text>
            </View>
          </View>
        ))}
      </StateView>
      <View className="addresses-page__spacer" />
      <View className="addresses-bar">
        {addressAdapter.available() ? (
          <Button className="addresses-bar__platform" onClick={() => void fromPlatform()}>
            {addressAdapter.label}
          </Button>
        ) : null}
        <Button className="addresses-bar__add" onClick={() => void Taro.navigateTo({ url: route.addressEdit() })}>
          新增收货地址
        </Button>
      </View>
    </View>
  )
}
