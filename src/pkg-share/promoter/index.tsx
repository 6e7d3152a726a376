import { useState } from 'react'
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { formatFen } from '@/domain/money'
import type { PromoterMe } from '@/domain/promoters'
import { route, TAB_PAGES } from '@/routes'
import { ApiError, errorMessage } from '@/services/http'
import { applyPromoter, fetchPromoterMe } from '@/services/promoters'
import { shareAdapter } from '@/platform/share'
import { percentOf, PROMOTER_STATUS_TEXT } from '../labels'
import '../share.scss'

const SHARE_TITLE = 'Duet 商城：好物推荐给你'

/** Not a promoter yet: the programme's terms and 申请成为推广员. */
function Terms({ me, onApplied }: { me: PromoterMe; onApplied: () => void }) {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; shop?: boolean } | null>(null)
  const s = me.settings
  const apply = async () => {
    if (busy) return
    setBusy(true)
    setMessage(null)
    try {
      const r = await applyPromoter()
      if (r.status === 'pending') setMessage({ text: '申请已提交，审核中' })
      onApplied()
    } catch (err) {
      setMessage({ text: errorMessage(err), shop: err instanceof ApiError && err.code === 'NEEDS_PURCHASE' })
    }
    setBusy(false)
  }
  return (
    <View className="share-card promoter-terms">
      <Text className="share-card__title">成为推广员，分享赚佣金</Text>
      <Text className="share-text">{`好友通过你的分享下单，你可获得实付金额 ${percentOf(s.level1RateBp)} 的佣金；你邀请的推广员成交，你再得 ${percentOf(s.level2RateBp)}。`}</Text>
      <Text className="share-text">{`好友通过你的分享进店后 ${s.lockDays} 天内下单都算你的。佣金在订单售后期结束后结算，可提现（最低 ${formatFen(s.minWithdrawal)}）。`}</Text>
      {s.applyMode === 'after_purchase' ? <Text className="share-text">完成一笔订单后即可申请。</Text> : null}
      {message ? <Text className="share-error promoter-terms__message">{message.text}</Text> : null}
      {message?.shop ? (
        <Button className="share-button share-button--plain" onClick={() => void Taro.switchTab({ url: TAB_PAGES.home })}>
          去逛逛
        </Button>
      ) : null}
      <Button className="share-button promoter-apply" disabled={busy || undefined} onClick={() => void apply()}>
        {busy ? '提交中…' : '申请成为推广员'}
      </Button>
    </View>
  )
}

function Figure({ value, label }: { value: string; label: string }) {
  return (
    <View className="share-figure">
      <Text className="share-figure__value">{value}</Text>
      <Text className="share-figure__label">{label}</Text>
    </View>
  )
}

function Centre({ me }: { me: PromoterMe }) {
  const go = (url: string) => void Taro.navigateTo({ url })
  // H5 copied the bare path ("/pages/index/index?scene=…"), which no browser opens: the platform says what a link is.
  const copyLink = () => void Taro.setClipboardData({ data: shareAdapter.linkOf({ title: SHARE_TITLE, path: route.homeShared(me.scene) }) })
  return (
    <View className="promoter-centre">
      <View className="share-card">
        <Text className="share-card__title">我的收益</Text>
        <View className="share-figures">
          <Figure value={formatFen(me.withdrawable)} label="可提现" />
          <Figure value={formatFen(me.pending)} label="待结算" />
          <Figure value={formatFen(me.released)} label="累计结算" />
          <Figure value={String(me.level1Customers)} label="我的客户" />
          <Figure value={String(me.recruits)} label="邀请的推广员" />
          <Figure value={formatFen(me.withdrawn)} label="已提现" />
        </View>
        <Button className="share-button promoter-withdraw" onClick={() => go(route.withdraw())}>
          提现
        </Button>
      </View>
      <View className="share-card">
        <View className="share-row promoter-row--commissions" onClick={() => go(route.promoterCommissions())}>
          <Text>佣金明细</Text>
          <Text className="share-row__side">›</Text>
        </View>
        <View className="share-row promoter-row--customers" onClick={() => go(route.promoterCustomers())}>
          <Text>我的客户</Text>
          <Text className="share-row__side">{`${me.level1Customers} ›`}</Text>
        </View>
        <View className="share-row promoter-row--link" onClick={copyLink}>
          <Text>我的推广链接</Text>
          <Text className="share-row__side">复制</Text>
        </View>
        <View className="share-row promoter-row--poster" onClick={() => go(route.poster())}>
          <Text>我的推广海报</Text>
          <Text className="share-row__side">›</Text>
        </View>
      </View>
      <Button className="share-button promoter-share" openType="share">
        分享店铺给好友
      </Button>
    </View>
  )
}

export default function PromoterPage() {
  const [me, setMe] = useState<PromoterMe | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)

  const load = async () => {
    try {
      setMe(await fetchPromoterMe())
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }
  useDidShow(() => void load())
  // 分享店铺: the shop's home with the promoter's scene, so the friend is bound to them.
  useShareAppMessage(() => ({ title: SHARE_TITLE, path: route.homeShared(me?.scene) }))

  return (
    <View className="share-page promoter-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {me?.status === 'approved' ? (
          <Centre me={me} />
        ) : me?.status === 'pending' || me?.status === 'rejected' || me?.status === 'disabled' ? (
          <View className="share-card promoter-state">
            <Text className="share-card__title">{PROMOTER_STATUS_TEXT[me.status]}</Text>
            <Text className="share-text">{me.status === 'pending' ? '你的推广员申请正在审核，通过后即可分享赚佣金。' : '你暂时不能推广，如有疑问请联系客服。'}</Text>
          </View>
        ) : me ? (
          <Terms me={me} onApplied={() => void load()} />
        ) : null}
      </StateView>
    </View>
  )
}
