import { useMemo, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import QuantityStepper from '@/components/quantity-stepper'
import StateView from '@/components/state-view'
import type { Address, ProductDetail } from '@/domain/contract'
import { maxRentDaysWithinDeposit, rentalWaiverMessage, RENTAL_STATE_LABEL, validateRentDays } from '@/domain/credit'
import { formatFen } from '@/domain/money'
import { route } from '@/routes'
import { keptAddress } from '@/components/address-pick/use-address-pick-show'
import { fetchAddresses, takePickedAddress } from '@/services/addresses'
import { getProduct } from '@/services/catalog'
import { useAsyncData } from '@/services/catalog-hooks'
import { ApiError, imageUrl } from '@/services/http'
import { currentToken } from '@/store/session'
import { rentFeeEstimate } from '../credit-text'
import { useCreditService } from '@/store/credit-service'
import { useRent } from './use-rent'
import '../credit.scss'
import './index.scss'

function RentForm({ product }: { product: ProductDetail }) {
  const terms = product.rental!
  const service = useCreditService()
  const skus = product.skus.filter((s) => s.stock > 0)
  const [skuId, setSkuId] = useState<number | null>(skus[0]?.id ?? null)
  const [days, setDays] = useState(terms.minDays)
  const [address, setAddress] = useState<Address | null>(null)
  const { phase, rental, error, rent } = useRent(product)
  const longest = Math.min(terms.maxDays, maxRentDaysWithinDeposit(terms))
  const problem = validateRentDays(terms, days)

  // The address page (select mode) hands back the shopper's pick; otherwise the default.
  useDidShow(() => {
    const picked = takePickedAddress()
    fetchAddresses()
      .then((list) => setAddress((current) => keptAddress(list, picked ?? current?.id ?? null)))
      .catch(() => undefined)
  })

  if (phase === 'done' && rental) {
    return (
      <View className="rent-result">
        <Text className="rent-result__state">{RENTAL_STATE_LABEL[rental.state]}</Text>
        <Text className="rent-result__message">{rental.cover ? rentalWaiverMessage(rental.cover, service.name) : '免押未通过，租赁未成立'}</Text>
        <Button className="rent-result__view" onClick={() => void Taro.redirectTo({ url: route.rental(rental.id) })}>
          查看租赁
        </Button>
      </View>
    )
  }

  const busy = phase === 'submitting' || phase === 'confirming'
  const canRent = !busy && skuId !== null && problem === null
  return (
    <View className="rent-page">
      <View className="rent-card rent-item">
        <Image className="rent-item__image" src={imageUrl(product.image)} mode="aspectFill" />
        <View className="rent-item__info">
          <Text className="rent-item__title">{product.title}</Text>
          <Text className="rent-item__rate">{`日租金 ${formatFen(terms.dailyRate)}`}</Text>
        </View>
      </View>

      {product.skus.length > 1 ? (
        <View className="rent-card rent-skus">
          {product.skus.map((s) => (
            <View
              key={s.id}
              className={`rent-sku${s.id === skuId ? ' is-active' : ''}${s.stock > 0 ? '' : ' is-disabled'}`}
              onClick={() => s.stock > 0 && setSkuId(s.id)}
            >
              {Object.values(s.specs).join(' ') || '默认规格'}
            </View>
          ))}
        </View>
      ) : null}

      <View className="rent-card rent-days">
        <View className="rent-row">
          <Text>租期</Text>
          <QuantityStepper value={days} min={terms.minDays} max={longest} onChange={setDays} />
        </View>
        <Text className="rent-days__range">{`可租 ${terms.minDays}–${longest} 天，按 24 小时计一天`}</Text>
        {problem ? <Text className="rent-days__error">{problem}</Text> : null}
      </View>

      <View className="rent-card">
        <View className="rent-row">
          <Text>预估租金</Text>
          <Text className="rent-fee">{formatFen(rentFeeEstimate(terms, days))}</Text>
        </View>
        <View className="rent-row rent-deposit">
          <Text>{`押金 ${formatFen(terms.deposit)}`}</Text>
          <Text className="rent-deposit__hint">{service.depositHint}</Text>
        </View>
        <Text className="rent-note">归还时按实际天数从押金中扣除租金，其余释放；逾期按日计费，最多扣至押金。</Text>
      </View>

      <View className="rent-card rent-address" onClick={() => void Taro.navigateTo({ url: route.addresses(true) })}>
        <Text>收货地址</Text>
        <Text className="rent-address__value">{address ? `${address.name} ${address.region.join('')}${address.detail}` : '到店自取（可选填地址）'}</Text>
      </View>

      {error ? <View className="rent-error">{error}</View> : null}
      <View className="rent-spacer" />
      <View className="rent-bar">
        <Button
          className={`rent-submit${canRent ? '' : ' is-disabled'}`}
          disabled={!canRent || undefined}
          onClick={() => skuId !== null && void rent(skuId, days, address?.id)}
        >
          {phase === 'confirming' ? '正在确认免押…' : phase === 'submitting' ? '提交中…' : '免押租用'}
        </Button>
      </View>
    </View>
  )
}

export default function RentPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const valid = Number.isSafeInteger(id) && id > 0
  const product = useAsyncData(() => (valid ? getProduct(id) : Promise.reject(new ApiError(404, 'NOT_FOUND', '商品不存在'))), String(params.id))
  const rentable = useMemo(() => product.data?.rental !== undefined, [product.data])

  useDidShow(() => {
    if (!currentToken()) void Taro.redirectTo({ url: route.login(route.rent(id)) })
  })

  const status = product.status === 'ready' && !rentable ? 'error' : product.status
  const error = product.status === 'ready' && !rentable ? new ApiError(400, 'NOT_RENTAL', '该商品不支持租赁') : product.error
  return (
    <StateView status={status} error={error} onRetry={() => void product.reload()}>
      {product.data?.rental ? <RentForm product={product.data} /> : null}
    </StateView>
  )
}
