import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { Rental } from '@/domain/contract'
import { RENTAL_STATE_LABEL, rentalWaiverMessage } from '@/domain/credit'
import { formatFen } from '@/domain/money'
import { route } from '@/routes'
import { currentToken } from '@/store/session'
import { formatTime, LEDGER_KIND_LABEL } from '../credit-text'
import { useCreditService } from '@/store/credit-service'
import { RENTAL_BUTTON_LABEL, rentalButtons, rentalShopHint } from './rental-actions'
import { useRental } from './use-rental'
import '../credit.scss'
import './index.scss'

function Settlement({ rental }: { rental: Rental }) {
  const s = rental.settlement
  if (!s) return null
  const done = rental.state === 'completed' || rental.state === 'settling'
  return (
    <View className="credit-card rental-settlement">
      <View className="credit-row">
        <Text>{done ? '租用天数' : '已租天数'}</Text>
        <Text>{`${s.days} 天${s.overdueDays > 0 ? `（逾期 ${s.overdueDays} 天）` : ''}`}</Text>
      </View>
      {done ? (
        <>
          <View className="credit-row rental-charged">
            <Text>已扣租金</Text>
            <Text className="rental-money">{formatFen(s.charge)}</Text>
          </View>
          <View className="credit-row rental-released">
            <Text>已释放押金</Text>
            <Text className="rental-money rental-money--ok">{formatFen(s.release)}</Text>
          </View>
        </>
      ) : (
        <View className="credit-row rental-fee-so-far">
          <Text>目前租金</Text>
          <Text className="rental-money">{formatFen(s.charge)}</Text>
        </View>
      )}
    </View>
  )
}

function RentalView({ rental, busy, onAct }: { rental: Rental; busy: string | null; onAct: (b: ReturnType<typeof rentalButtons>[number]) => void }) {
  const service = useCreditService()
  const buttons = rentalButtons(rental)
  const hint = rentalShopHint(rental)
  return (
    <>
      <View className="rental-header">
        <Text className="rental-header__state">{RENTAL_STATE_LABEL[rental.state]}</Text>
        {rental.state === 'completed' && rental.settlement ? (
          <Text className="rental-header__waiver">{`已扣租金 ${formatFen(rental.settlement.charge)}，押金余额 ${formatFen(rental.settlement.release)} 已释放`}</Text>
        ) : rental.cover ? (
          <Text className="rental-header__waiver">{rentalWaiverMessage(rental.cover, service.name)}</Text>
        ) : null}
      </View>
      {hint ? <Text className="credit-card rental-shop-hint">{hint}</Text> : null}

      <View className="credit-card rental-item" onClick={() => void Taro.navigateTo({ url: route.product(rental.item.productId) })}>
        <Image className="rental-item__image" src={rental.item.image} mode="aspectFill" />
        <View className="rental-item__info">
          <Text className="rental-item__title">{rental.item.title}</Text>
          <Text className="credit-muted">{`租期 ${rental.days} 天 · 日租金 ${formatFen(rental.terms.dailyRate)}`}</Text>
        </View>
      </View>

      <View className="credit-card rental-deposit">
        <View className="credit-row">
          <Text>押金</Text>
          <Text>{formatFen(rental.terms.deposit)}</Text>
        </View>
        {rental.cover ? (
          <>
            <View className="credit-row">
              <Text>{`${service.name}免押`}</Text>
              <Text className="rental-money--ok">{formatFen(rental.cover.waived)}</Text>
            </View>
            <View className="credit-row">
              <Text>冻结</Text>
              <Text>{formatFen(rental.cover.frozen)}</Text>
            </View>
          </>
        ) : (
          <Text className="credit-muted">{`确认后由${service.name}评估免押额度`}</Text>
        )}
      </View>

      <View className="credit-card rental-times">
        <View className="credit-row">
          <Text>取货时间</Text>
          <Text>{formatTime(rental.startedAt)}</Text>
        </View>
        <View className="credit-row">
          <Text>应还时间</Text>
          <Text>{formatTime(rental.dueAt)}</Text>
        </View>
        {rental.returnRequestedAt && !rental.returnedAt ? (
          <View className="credit-row rental-return-requested">
            <Text>申请归还</Text>
            <Text>{formatTime(rental.returnRequestedAt)}</Text>
          </View>
        ) : null}
        {rental.returnedAt ? (
          <View className="credit-row">
            <Text>归还时间</Text>
            <Text>{formatTime(rental.returnedAt)}</Text>
          </View>
        ) : null}
        <View className="credit-row">
          <Text>租赁单号</Text>
          <Text className="credit-muted">{rental.rentalNo}</Text>
        </View>
      </View>

      <Settlement rental={rental} />

      {rental.ledger.length ? (
        <View className="credit-card credit-ledger">
          <Text className="rental-section">资金记录</Text>
          {rental.ledger.map((e, i) => (
            <View key={`${e.kind}-${e.at}-${i}`} className={`credit-ledger__row is-${e.kind}`}>
              <Text className="credit-ledger__kind">{LEDGER_KIND_LABEL[e.kind]}</Text>
              <Text className="credit-ledger__time">{formatTime(e.at)}</Text>
              <Text>{formatFen(e.amount)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="credit-spacer" />
      {buttons.length ? (
        <View className="credit-bar">
          {buttons.map((b) => (
            <Button
              key={b}
              className={`credit-button rental-action rental-action--${b}${b === 'cancel' ? '' : ' is-primary'}${busy ? ' is-disabled' : ''}`}
              disabled={busy !== null || undefined}
              onClick={() => onAct(b)}
            >
              {busy === b ? '处理中…' : RENTAL_BUTTON_LABEL[b]}
            </Button>
          ))}
        </View>
      ) : null}
    </>
  )
}

export default function RentalPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const { rental, status, error, busy, load, act, waitFor } = useRental(id)

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.rental(id)) })
      return
    }
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  // Back from the H5 confirm page, or a charge still settling: the server's callback may be a moment behind.
  const pending = rental?.state === 'created' || rental?.state === 'settling'
  useEffect(() => {
    if (!pending) return
    const signal = { aborted: false }
    void waitFor((r) => r.state !== 'created' && r.state !== 'settling', { signal, timeoutMs: 10_000 })
    return () => {
      signal.aborted = true
    }
  }, [pending, waitFor])

  return (
    <View className="credit-page rental-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {rental ? <RentalView rental={rental} busy={busy} onAct={(b) => void act(b)} /> : null}
      </StateView>
    </View>
  )
}
