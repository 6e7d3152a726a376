import { useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import QuantityStepper from '@/components/quantity-stepper'
import StateView from '@/components/state-view'
import { AFTER_SALE_LIMITS, AFTER_SALE_REASONS, AFTER_SALE_TYPE_LABEL, type AfterSaleType } from '@/domain/after-sales'
import type { Order } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import ServiceEntry from '@/platform/service'
import { route } from '@/routes'
import { createAfterSale, fetchOrderAfterSales, uploadAfterSalePhoto, type OrderAfterSales } from '@/services/after-sales'
import { errorMessage } from '@/services/http'
import { fetchOrder } from '@/services/orders'
import { useRecordLoad } from '@/services/use-record-load'
import { AT_AFTER_SALE, prepareMessageAsk } from '@/components/payment/ask-messages'
import { usePhotos } from '../photos/use-photos'
import { buildRequest, clampQuantity, estimateRefund, unitsLeft } from './apply-form'
import './index.scss'

const specsText = (specs: Record<string, string>) => Object.values(specs).join(' / ')
const PHOTOS = { max: AFTER_SALE_LIMITS.photos, upload: uploadAfterSalePhoto }

/** 申请售后: type (what the order allows now), lines and units, reason, description and photos. */
export default function AfterSaleApplyPage() {
  const { params } = useRouter()
  const orderId = Number(params.orderId)
  const [order, setOrder] = useState<Order | null>(null)
  const [info, setInfo] = useState<OrderAfterSales | null>(null)
  const [type, setType] = useState<AfterSaleType | null>(null)
  const [chosen, setChosen] = useState<Record<number, number>>({})
  const [reason, setReason] = useState('')
  const [description, setDescription] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const { photos, progress, add, remove } = usePhotos(PHOTOS)
  // The progress messages' template is fetched with the page, so the 提交申请 tap can open the dialog at once.
  const messages = useMemo(() => prepareMessageAsk({}, AT_AFTER_SALE), [])

  const { status, error, load } = useRecordLoad(
    orderId,
    '订单不存在',
    (oid) => Promise.all([fetchOrder(oid), fetchOrderAfterSales(oid)]),
    ([o, a]) => {
      setOrder(o)
      setInfo(a)
      setType((t) => (t && a.types.includes(t) ? t : (a.types[0] ?? null)))
    },
  )
  // Once: picking photos hides and shows the page again, and the draft must survive that.
  const loaded = useRef(false)
  useDidShow(() => {
    if (loaded.current) return
    loaded.current = true
    void load()
  })

  const left = useMemo(() => (order && info ? unitsLeft(order, info.items) : {}), [order, info])
  const estimate = order && type ? estimateRefund(type, order.items, chosen) : 0

  const setQuantity = (itemId: number, q: number) => setChosen((c) => ({ ...c, [itemId]: clampQuantity(q, left[itemId] ?? 0) }))
  const chooseType = (t: AfterSaleType) => {
    setType(t)
    // Reasons differ per type: a reason picked for another type no longer fits.
    if (!AFTER_SALE_REASONS[t].includes(reason)) setReason('')
  }

  const submit = async () => {
    if (submitting || progress) return
    const r = buildRequest({ type, chosen, reason, description, photos: photos.map((p) => p.url) })
    if (!r.ok) {
      void Taro.showToast({ title: r.message, icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      // WeChat and Alipay open the subscribe dialog only from a tap: this one. It never blocks the request for long.
      await messages.ask()
      const created = await createAfterSale(orderId, r.input)
      void Taro.showToast({ title: '已提交售后申请', icon: 'success' })
      void Taro.redirectTo({ url: route.afterSale(created.id) })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
    setSubmitting(false)
  }

  return (
    <View className="after-sale-apply">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {order && info ? (
          info.types.length === 0 ? (
            <View className="after-sale-apply__card">
              <Text className="after-sale-apply__error">该订单当前不能申请售后</Text>
            </View>
          ) : (
            <>
              <View className="after-sale-apply__card">
                <Text className="after-sale-apply__section">售后类型</Text>
                <View className="after-sale-apply__chips">
                  {info.types.map((t) => (
                    <View key={t} className={`after-sale-apply__chip after-sale-apply__type${t === type ? ' is-active' : ''}`} onClick={() => chooseType(t)}>
                      {AFTER_SALE_TYPE_LABEL[t]}
                    </View>
                  ))}
                </View>
                {info.windowEndsAt ? <Text className="after-sale-apply__muted">{`售后期至 ${info.windowEndsAt.slice(0, 10)}`}</Text> : null}
              </View>

              <View className="after-sale-apply__card">
                <Text className="after-sale-apply__section">售后商品</Text>
                {order.items.map((item) => {
                  const max = left[item.id] ?? 0
                  return (
                    <View key={item.id} className="after-sale-apply__line" data-item={item.id}>
                      <Image className="after-sale-apply__photo" src={item.image} mode="aspectFill" />
                      <View className="after-sale-apply__line-body">
                        <Text>{item.title}</Text>
                        <Text className="after-sale-apply__muted">{` ${specsText(item.specs)} 可申请 ${max} 件`}</Text>
                      </View>
                      {max > 0 ? (
                        <QuantityStepper value={chosen[item.id] ?? 0} min={0} max={max} onChange={(q) => setQuantity(item.id, q)} />
                      ) : (
                        <Text className="after-sale-apply__muted">已申请或已退款</Text>
                      )}
                    </View>
                  )
                })}
              </View>

              {type ? (
                <View className="after-sale-apply__card">
                  <Text className="after-sale-apply__section">售后原因</Text>
                  <View className="after-sale-apply__chips">
                    {AFTER_SALE_REASONS[type].map((r) => (
                      <View key={r} className={`after-sale-apply__chip after-sale-apply__reason${r === reason ? ' is-active' : ''}`} onClick={() => setReason(r)}>
                        {r}
                      </View>
                    ))}
                  </View>
                  <Textarea
                    className="after-sale-apply__description"
                    value={description}
                    maxlength={AFTER_SALE_LIMITS.description}
                    placeholder="补充描述（选填）"
                    onInput={(e) => setDescription(e.detail.value)}
                  />
                </View>
              ) : null}

              <View className="after-sale-apply__card">
                <Text className="after-sale-apply__section">{`上传凭证（最多 ${AFTER_SALE_LIMITS.photos} 张）`}</Text>
                <View className="after-sale-apply__photos">
                  {photos.map((p, i) => (
                    <Image key={p.url} className="after-sale-apply__photo" src={p.local} mode="aspectFill" onClick={() => remove(i)} />
                  ))}
                  {photos.length < AFTER_SALE_LIMITS.photos ? (
                    <View className="after-sale-apply__add" onClick={() => void add()}>
                      +
                    </View>
                  ) : null}
                </View>
                {progress ? <Text className="after-sale-apply__muted after-sale-apply__progress">{`上传中 ${progress.done}/${progress.total}`}</Text> : null}
                {photos.length ? <Text className="after-sale-apply__muted">点击图片可删除</Text> : null}
              </View>

              <View className="after-sale-apply__card">
                <ServiceEntry card={{ title: `订单 ${order.orderNo} 售后`, path: route.orderDetail(order.id).replace(/^\//, ''), image: order.items[0]?.image }} sessionFrom={`order:${order.orderNo}`} />
              </View>

              <View className="after-sale-apply__footer">
                <Text className="after-sale-apply__estimate">{type === 'exchange' ? '换货不退款' : `预计退款 ${formatFen(estimate)}`}</Text>
                <Button className="after-sale-apply__primary after-sale-apply__submit" loading={submitting || undefined} disabled={submitting || progress !== null || undefined} onClick={() => void submit()}>
                  提交申请
                </Button>
              </View>
            </>
          )
        ) : null}
      </StateView>
    </View>
  )
}
