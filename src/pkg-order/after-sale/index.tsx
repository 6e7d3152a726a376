import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { AFTER_SALE_STATUS_LABEL, AFTER_SALE_TYPE_LABEL, type AfterSale } from '@/domain/after-sales'
import { formatFen } from '@/domain/money'
import { CARRIERS, carrierName } from '@/domain/shipping'
import ServiceEntry from '@/platform/service'
import { route } from '@/routes'
import { fetchAfterSale, shipReturn, withdrawAfterSale } from '@/services/after-sales'
import { errorMessage } from '@/services/http'
import { useRecordLoad } from '@/services/use-record-load'
import { checkShipment, deadlineText, formatTime, refundText, shopperCan } from './after-sale-view'
import './index.scss'

/** One after-sales request: where it stands, what happened, and what the shopper can do now. */
export default function AfterSalePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const [item, setItem] = useState<AfterSale | null>(null)
  const [carrier, setCarrier] = useState('')
  const [trackingNo, setTrackingNo] = useState('')
  const [busy, setBusy] = useState(false)

  const { status, error, load } = useRecordLoad(id, '售后单不存在', fetchAfterSale, setItem)
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const act = async (run: () => Promise<AfterSale>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      setItem(await run())
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
    setBusy(false)
  }

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤销申请', content: '撤销后本次售后将关闭，确定撤销吗？' })
    if (confirm) await act(() => withdrawAfterSale(id), '已撤销')
  }

  const ship = async () => {
    const problem = checkShipment(carrier, trackingNo)
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' })
      return
    }
    await act(() => shipReturn(id, { carrier, trackingNo: trackingNo.trim() }), '已提交寄回信息')
  }

  const can = item ? shopperCan(item) : { withdraw: false, shipBack: false }
  const deadline = item ? deadlineText(item.deadline) : null
  const refund = item ? refundText(item.refund) : null

  return (
    <View className="after-sale">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {item ? (
          <>
            <View className="after-sale__card">
              <Text className="after-sale__status">{AFTER_SALE_STATUS_LABEL[item.status]}</Text>
              <Text className="after-sale__muted">{`${AFTER_SALE_TYPE_LABEL[item.type]} · 订单 ${item.orderNo}`}</Text>
              {deadline ? <Text className="after-sale__error after-sale__deadline">{deadline}</Text> : null}
              {item.refusal ? <Text className="after-sale__error after-sale__refusal">{`拒绝原因：${item.refusal}`}</Text> : null}
              {refund ? <Text className={`after-sale__muted after-sale__refund is-${item.refund?.status}`}>{refund}</Text> : null}
            </View>

            {item.returnAddress && (item.type === 'return' || item.type === 'exchange') ? (
              <View className="after-sale__card after-sale__return-address">
                <Text className="after-sale__section">寄回地址</Text>
                <Text className="after-sale__address-line">{`${item.returnAddress.name} ${item.returnAddress.phone}`}</Text>
                <Text className="after-sale__address-line after-sale__muted">{item.returnAddress.address}</Text>
              </View>
            ) : null}

            {can.shipBack ? (
              <View className="after-sale__card after-sale__ship-form">
                <Text className="after-sale__section">填写寄回物流</Text>
                <View className="after-sale__chips">
                  {CARRIERS.map((c) => (
                    <View key={c.code} className={`after-sale__chip after-sale__carrier${c.code === carrier ? ' is-active' : ''}`} onClick={() => setCarrier(c.code)}>
                      {c.name}
                    </View>
                  ))}
                </View>
                <Input className="after-sale__input after-sale__tracking-no" value={trackingNo} placeholder="快递单号" maxlength={40} onInput={(e) => setTrackingNo(e.detail.value)} />
                <Button className="after-sale__primary after-sale__ship" loading={busy || undefined} disabled={busy || undefined} onClick={() => void ship()}>
                  提交寄回信息
                </Button>
              </View>
            ) : null}

            {item.returnShipment ? (
              <View className="after-sale__card">
                <Text className="after-sale__section">寄回物流</Text>
                <Text>{`${carrierName(item.returnShipment.carrier)} ${item.returnShipment.trackingNo}`}</Text>
              </View>
            ) : null}
            {item.resendShipment ? (
              <View className="after-sale__card">
                <Text className="after-sale__section">换货物流</Text>
                <Text>{`${carrierName(item.resendShipment.carrier)} ${item.resendShipment.trackingNo}`}</Text>
              </View>
            ) : null}

            <View className="after-sale__card">
              <Text className="after-sale__section">售后商品</Text>
              {item.lines.map((l) => (
                <View key={l.orderItemId} className="after-sale__row">
                  <Text>{`${l.title} ${l.specs} ×${l.quantity}`}</Text>
                  <Text>{formatFen(l.amount)}</Text>
                </View>
              ))}
              {item.type !== 'exchange' ? (
                <View className="after-sale__row">
                  <Text>退款金额</Text>
                  <Text className="after-sale__amount">{formatFen(item.amount)}</Text>
                </View>
              ) : null}
              <View className="after-sale__row">
                <Text>售后原因</Text>
                <Text>{item.reason}</Text>
              </View>
              {item.description ? <Text className="after-sale__muted">{item.description}</Text> : null}
              {item.photos.length ? (
                <View className="after-sale__photos">
                  {item.photos.map((p) => (
                    <Image key={p} className="after-sale__photo" src={p} mode="aspectFill" onClick={() => void Taro.previewImage({ urls: item.photos, current: p })} />
                  ))}
                </View>
              ) : null}
            </View>

            <View className="after-sale__card">
              <Text className="after-sale__section">进度</Text>
              <View className="after-sale__steps">
                {[...item.steps].reverse().map((s) => (
                  <View key={`${s.status}-${s.at}`} className="after-sale__step">
                    <Text>{AFTER_SALE_STATUS_LABEL[s.status]}</Text>
                    {s.note ? <Text className="after-sale__muted">{` ${s.note}`}</Text> : null}
                    <Text className="after-sale__muted">{` ${formatTime(s.at)}`}</Text>
                  </View>
                ))}
              </View>
            </View>

            <View className="after-sale__footer">
              <ServiceEntry card={{ title: `售后 ${AFTER_SALE_TYPE_LABEL[item.type]} · 订单 ${item.orderNo}`, path: route.afterSale(item.id).replace(/^\//, ''), image: item.lines[0]?.image }} sessionFrom={`after-sale:${item.id}`} />
              {can.withdraw ? (
                <Button className="after-sale__withdraw" disabled={busy || undefined} onClick={() => void withdraw()}>
                  撤销申请
                </Button>
              ) : null}
              <Button className="after-sale__to-order" onClick={() => void Taro.navigateTo({ url: route.orderDetail(item.orderId) })}>
                查看订单
              </Button>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
