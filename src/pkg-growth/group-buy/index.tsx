import { useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import LineItem from '@/components/line-item'
import PriceTag from '@/components/price-tag'
import StateView from '@/components/state-view'
import type { Address } from '@/domain/contract'
import { formatFen } from '@/domain/money'
import { route } from '@/routes'
import { fetchAddresses } from '@/services/addresses'
import { joinGroup, startGroup } from '@/services/groups'
import { ApiError, errorMessage } from '@/services/http'
import { keptAddress, useAddressPickShow } from '@/components/address-pick/use-address-pick-show'
import { newIdempotencyKey } from '@/lib/idempotency-key'
import { useGroupPay } from '../group-pay'
import { loadGroupBuy, parseGroupBuyQuery, type GroupBuyLine } from './load'
import { alreadyIn, offersNewGroup } from './submit-errors'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })

/**
 * Confirm a group order (拼团): the SKU at its group price, the address, the total; 提交 creates
 * the order (POST /api/groups, or /join for a seat in a group) and pays it at once. A refused
 * seat keeps everything chosen: a full group offers to start a new one of the same deal.
 */
export default function GroupBuyPage() {
  const { params } = useRouter()
  const query = useMemo(() => parseGroupBuyQuery(params), [params])
  const [line, setLine] = useState<GroupBuyLine | null>(null)
  const [address, setAddress] = useState<Address | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const groupPay = useGroupPay()
  // One key per visit: a double tap or a retry after a lost answer gives back the same order.
  const idempotencyKey = useRef(newIdempotencyKey())
  // An order created whose payment didn't start: paid from here, never created twice.
  const created = useRef<{ groupId: number; orderId: number } | null>(null)

  const load = async (prefer: number | null) => {
    if (!query) {
      setError(new ApiError(400, 'BAD_QUERY', '拼团信息有误，请返回重新选择'))
      setStatus('error')
      return
    }
    try {
      const [loaded, list] = await Promise.all([loadGroupBuy(query), fetchAddresses()])
      const keep = prefer ?? address?.id ?? null
      setLine(loaded)
      setAddress(keptAddress(list, keep))
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }

  useAddressPickShow(() => query ? route.login(route.groupBuy(query)) : route.login(), (picked) => void load(picked))

  const startNewInstead = (message: string) => {
    if (!line) return
    const again = route.groupBuy({ promotionId: line.deal.promotionId, skuId: query!.skuId })
    void Taro.showModal({ title: '无法参团', content: `${message}，要发起一个新团吗？`, confirmText: '发起新团' }).then((r) => {
      if (r.confirm) void Taro.redirectTo({ url: again })
    })
  }

  const refused = (err: unknown) => {
    // A refused order (4xx) was not created: the next try is a new order with a new key.
    // A lost answer (network, 5xx) may have created it: keep the key so a retry finds it.
    if (err instanceof ApiError && !err.retryable) idempotencyKey.current = newIdempotencyKey()
    const message = errorMessage(err)
    setSubmitError(message)
    toast(message)
    if (offersNewGroup(err)) startNewInstead(message)
    else if (alreadyIn(err) && query && 'groupId' in query) void Taro.redirectTo({ url: route.group(query.groupId) })
  }

  const submit = async () => {
    if (!query || !line || submitting || groupPay.paying) return
    if (!address) return toast('请先添加收货地址')
    setSubmitting(true)
    setSubmitError(null)
    try {
      const input = { skuId: query.skuId, addressId: address.id, idempotencyKey: idempotencyKey.current }
      created.current ??= 'groupId' in query ? await joinGroup(query.groupId, input) : await startGroup({ ...input, promotionId: query.promotionId })
      await groupPay.pay(created.current.orderId, created.current.groupId)
    } catch (err) {
      refused(err)
    } finally {
      setSubmitting(false)
    }
  }

  const deal = line?.deal
  const busy = submitting || groupPay.paying
  return (
    <View className="group-buy">
      <StateView status={status} error={error} onRetry={() => void load(null)}>
        {line && deal ? (
          <>
            <View className="group-buy__address" onClick={() => void Taro.navigateTo({ url: route.addresses(true) })}>
              {address ? (
                <View className="group-buy__address-body">
                  <Text className="group-buy__who">{`${address.name} ${address.phone}`}</Text>
                  <Text className="group-buy__where">{`${address.region.join(' ')} ${address.detail}`}</Text>
                </View>
              ) : (
                <Text className="group-buy__address-body group-buy__address-empty">请添加收货地址</Text>
              )}
              <Text className="group-buy__arrow">›</Text>
            </View>
            <View className="group-buy__card">
              <Text className="group-buy__kind">
                {line.group ? `参加 ${line.group.members.find((m) => m.leader)?.nickname ?? '好友'} 的 ${deal.size} 人团` : `发起 ${deal.size} 人团 · ${deal.hours} 小时内成团`}
              </Text>
              <LineItem image={line.sku?.image ?? deal.image} title={deal.title} specs={line.sku?.specs ?? {}} unitPrice={line.price} quantity={1} />
            </View>
            <View className="group-buy__card group-buy__prices">
              <View className="group-buy__price-row">
                <Text>拼团价</Text>
                <Text>{formatFen(line.price)}</Text>
              </View>
              <View className="group-buy__price-row">
                <Text>运费</Text>
                <Text>包邮</Text>
              </View>
              <Text className="group-buy__note">未成团将自动退款</Text>
            </View>
            {submitError ? <View className="group-buy__error">{submitError}</View> : null}
            <View className="group-buy__spacer" />
            <View className="group-buy__bar">
              <Text className="group-buy__label">实付：</Text>
              <PriceTag fen={line.price} size="md" />
              <Button className={`group-buy__submit${busy ? ' is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
                {groupPay.paying ? '支付中…' : submitting ? '提交中…' : '提交订单'}
              </Button>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  )
}
