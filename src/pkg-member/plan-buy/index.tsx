import { useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Picker, Text, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import PriceTag from '@/components/price-tag'
import StateView from '@/components/state-view'
import type { Address, ProductDetail } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import { earliestFirstDate, PLAN_INTERVAL_LABEL, type PlanInterval, type PlanOffer } from '@/domain/plans'
import { newIdempotencyKey } from '@/lib/idempotency-key'
import { route } from '@/routes'
import { fetchAddresses } from '@/services/addresses'
import { getProduct } from '@/services/catalog'
import { ApiError, errorMessage } from '@/services/http'
import { keptAddress, useAddressPickShow } from '@/components/address-pick/use-address-pick-show'
import { createPlan, fetchPlanOffer } from '@/services/plans'
import { usePlanPay } from '../plan-pay'
import { dayLabel, percentOffText } from '../plan-text'
import { usePlanQuote } from './use-plan-quote'
import '../member.scss'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })
const skuLabel = (specs: Record<string, string>) => Object.values(specs).join(' ') || '默认规格'

/**
 * Buy a product as a plan (周期购): the SKU, how many deliveries (with the discount of each
 * length), how often, the first day, the schedule that makes, the address and the total.
 * 立即订购 creates the plan and its order (POST /api/plans, one key per visit) and pays it.
 */
export default function PlanBuyPage() {
  const { params } = useRouter()
  const productId = Number(params.productId)
  const [product, setProduct] = useState<ProductDetail | null>(null)
  const [offer, setOffer] = useState<PlanOffer | null>(null)
  const [address, setAddress] = useState<Address | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [skuId, setSkuId] = useState<number | null>(null)
  const [deliveries, setDeliveries] = useState<number | null>(null)
  const [interval, setPlanInterval] = useState<PlanInterval | null>(null)
  const [firstDate, setFirstDate] = useState<string>('')
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const planPay = usePlanPay()
  // One key per visit: a double tap or a retry after a lost answer gives back the same plan.
  const idempotencyKey = useRef(newIdempotencyKey())
  const created = useRef<{ planId: number; orderId: number } | null>(null)

  const earliest = useMemo(() => (offer ? earliestFirstDate(new Date(), offer.cutoffHours) : ''), [offer])
  const choice = skuId && deliveries && interval && firstDate ? { skuId, deliveries, interval, firstDate } : null
  const { quote, error: quoteError } = usePlanQuote(choice)

  const load = async (prefer: number | null) => {
    if (!Number.isSafeInteger(productId) || productId <= 0) {
      setError(new ApiError(400, 'BAD_QUERY', '商品信息有误，请返回重新选择'))
      setStatus('error')
      return
    }
    try {
      const [p, o, list] = await Promise.all([getProduct(productId), fetchPlanOffer(productId), fetchAddresses()])
      if (!o.enabled || !o.options.length || !o.intervals.length) throw new ApiError(404, 'PLAN_NOT_OFFERED', '该商品暂不支持周期购')
      setProduct(p)
      setOffer(o)
      setSkuId((s) => s ?? p.skus.find((k) => k.stock > 0)?.id ?? null)
      setDeliveries((d) => d ?? o.options[0].deliveries)
      setPlanInterval((i) => i ?? o.intervals[0])
      setFirstDate((d) => d || earliestFirstDate(new Date(), o.cutoffHours))
      const keep = prefer ?? address?.id ?? null
      setAddress(keptAddress(list, keep))
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }

  useAddressPickShow(() => route.login(route.planBuy(productId)), (picked) => void load(picked))

  const submit = async () => {
    if (!choice || submitting || planPay.paying) return
    if (!address) return toast('请先添加收货地址')
    if (!quote) return toast(quoteError ?? '正在计算配送计划')
    setSubmitting(true)
    setSubmitError(null)
    try {
      created.current ??= await createPlan({ ...choice, addressId: address.id, idempotencyKey: idempotencyKey.current })
      await planPay.pay(created.current.orderId, created.current.planId)
    } catch (err) {
      // A refused plan (4xx) was not created: the next try is a new one with a new key.
      if (err instanceof ApiError && !err.retryable) idempotencyKey.current = newIdempotencyKey()
      setSubmitError(errorMessage(err))
      toast(errorMessage(err))
    } finally {
      setSubmitting(false)
    }
  }

  const sku = product?.skus.find((s) => s.id === skuId) ?? null
  const busy = submitting || planPay.paying
  return (
    <View className="member-page plan-buy">
      <StateView status={status} error={error} onRetry={() => void load(null)}>
        {product && offer ? (
          <>
            <View className="member-card">
              <LineItem image={sku?.image ?? product.image} title={product.title} specs={sku?.specs ?? {}} unitPrice={quote?.unitPrice ?? sku?.price ?? product.price} quantity={1} />
            </View>
            {product.skus.length > 1 ? (
              <View className="member-card">
                <Text className="member-card__title">规格</Text>
                <View className="member-chips">
                  {product.skus.map((s) => (
                    <View key={s.id} className={`member-chip plan-buy__sku${s.id === skuId ? ' is-active' : ''}${s.stock <= 0 ? ' is-disabled' : ''}`} onClick={() => (s.stock > 0 ? setSkuId(s.id) : toast('该规格已售罄'))}>
                      {skuLabel(s.specs)}
                    </View>
                  ))}
                </View>
              </View>
            ) : null}
            <View className="member-card">
              <Text className="member-card__title">配送期数</Text>
              <View className="member-chips">
                {offer.options.map((o) => (
                  <View key={o.deliveries} className={`member-chip plan-buy__deliveries${o.deliveries === deliveries ? ' is-active' : ''}`} onClick={() => setDeliveries(o.deliveries)}>
                    <Text>{`${o.deliveries} 期`}</Text>
                    {o.percentOff > 0 ? <Text className="member-chip__off">{percentOffText(o.percentOff)}</Text> : null}
                  </View>
                ))}
              </View>
              <Text className="member-card__title">配送频率</Text>
              <View className="member-chips">
                {offer.intervals.map((i) => (
                  <View key={i} className={`member-chip plan-buy__interval${i === interval ? ' is-active' : ''}`} onClick={() => setPlanInterval(i)}>
                    {PLAN_INTERVAL_LABEL[i]}
                  </View>
                ))}
              </View>
              <Picker className="plan-buy__picker" mode="date" value={firstDate} start={earliest} onChange={(e) => setFirstDate(String(e.detail.value))}>
                <View className="member-row plan-buy__first">
                  <Text>首次配送</Text>
                  <Text className="plan-buy__first-date">{firstDate ? `${dayLabel(firstDate)} ›` : '请选择 ›'}</Text>
                </View>
              </Picker>
            </View>
            <View className="member-card plan-buy__schedule">
              <Text className="member-card__title">配送计划</Text>
              {quote ? (
                quote.dates.map((d, i) => (
                  <View key={d} className="member-row plan-buy__date">
                    <Text>{`第 ${i + 1} 期`}</Text>
                    <Text>{dayLabel(d)}</Text>
                  </View>
                ))
              ) : (
                <Text className="member-hint">{quoteError ?? '正在计算…'}</Text>
              )}
              <Text className="member-hint">{offer.cutoffHours > 0 ? `每期配送前 ${offer.cutoffHours} 小时内不能跳过或改地址` : ''}</Text>
            </View>
            <View className="member-card plan-buy__address" onClick={() => void Taro.navigateTo({ url: route.addresses(true) })}>
              {address ? (
                <>
                  <Text className="member-card__title">{`${address.name} ${address.phone}`}</Text>
                  <Text className="member-hint plan-buy__where">{`${address.region.join(' ')} ${address.detail} ›`}</Text>
                </>
              ) : (
                <Text className="member-card__title">请添加收货地址 ›</Text>
              )}
            </View>
            {quote ? (
              <View className="member-card">
                <View className="member-row">
                  <Text>商品金额</Text>
                  <Text>{formatFen(quote.subtotal)}</Text>
                </View>
                {quote.discount > 0 ? (
                  <View className="member-row plan-buy__discount">
                    <Text>{`周期购优惠（${percentOffText(quote.percentOff)}）`}</Text>
                    <Text>{`-${formatFen(quote.discount)}`}</Text>
                  </View>
                ) : null}
              </View>
            ) : null}
            {submitError ? <Text className="member-error">{submitError}</Text> : null}
            <View className="member-bar">
              <View className="member-bar__total">
                <Text>合计：</Text>
                {quote ? <PriceTag fen={quote.total} size="md" /> : <Text>—</Text>}
              </View>
              <Button className={`member-bar__button plan-buy__submit${busy || !quote ? ' is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
                {planPay.paying ? '支付中…' : submitting ? '提交中…' : '立即订购'}
              </Button>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
