import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Switch, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import type { MembershipView } from '@/domain/contract'
import { MEMBERSHIP_STATE_LABEL, settlementPreview } from '@/domain/credit'
import { formatFen } from '@/domain/money'
import { PAGES, route } from '@/routes'
import { currentToken } from '@/store/session'
import { formatDate, LEDGER_KIND_LABEL, formatTime } from '../credit-text'
import { useCreditService } from '@/store/credit-service'
import { useMembership } from './use-membership'
import '../credit.scss'
import './index.scss'

function PlanCard({ view, service }: { view: MembershipView; service: string }) {
  return (
    <View className="member-plan">
      <Text className="member-plan__name">{`${view.plan.name} · 0 元开通`}</Text>
      <Text className="member-plan__line">{`每期 ${view.plan.periodDays} 天 · 期末按 min(会费 ${formatFen(view.plan.fee)}, 实际节省) 扣款`}</Text>
      <Text className="member-plan__line">{`开通即享会员价，没省钱不花钱；由${service}担保，开通时不扣款`}</Text>
    </View>
  )
}

export default function MembershipPage() {
  const service = useCreditService()
  const { view, status, error, busy, load, join, toggleRenew, cancel, waitWhileSigning } = useMembership()

  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(PAGES.membership) })
      return
    }
    void load()
  })

  // Back from the H5 confirm page: the platform's callback may be a moment behind.
  const signing = view?.state === 'signing'
  useEffect(() => {
    if (!signing) return
    const signal = { aborted: false }
    void waitWhileSigning({ signal, timeoutMs: 10_000 })
    return () => {
      signal.aborted = true
    }
  }, [signing, waitWhileSigning])

  const member = view?.state === 'active' || view?.state === 'settling'
  return (
    <View className="credit-page membership-page">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {view ? (
          <>
            <PlanCard view={view} service={service.name} />
            {member ? (
              <View className="credit-card member-status">
                <View className="credit-row">
                  <Text className="member-status__state">{MEMBERSHIP_STATE_LABEL[view.state!]}</Text>
                  <Text className="credit-muted">{`${formatDate(view.periodStart)} 至 ${formatDate(view.periodEnd)}`}</Text>
                </View>
                <Text className="member-preview">{settlementPreview(view)}</Text>
                <View className="credit-row member-renew">
                  <Text>自动续期</Text>
                  <Switch checked={view.autoRenew} disabled={busy !== null} color="#ff4f3f" onChange={(e) => void toggleRenew(e.detail.value)} />
                </View>
              </View>
            ) : (
              <View className="credit-card member-join">
                {view.state && view.state !== 'ended' && view.state !== 'signing' ? <Text className="credit-muted">{`上次开通：${MEMBERSHIP_STATE_LABEL[view.state]}`}</Text> : null}
                <Button className={`credit-button is-primary member-join__button${busy ? ' is-disabled' : ''}`} disabled={busy !== null || undefined} onClick={() => void join()}>
                  {busy === 'join' ? '处理中…' : signing ? '继续开通' : '0元开通'}
                </Button>
              </View>
            )}

            {view.settlements.length ? (
              <View className="credit-card member-history">
                <Text className="member-section">往期结算</Text>
                {view.settlements.map((s) => (
                  <View key={s.periodStart} className="member-history__row">
                    <Text>{`${formatDate(s.periodStart)} 至 ${formatDate(s.periodEnd)}`}</Text>
                    <Text className="credit-muted">{`省 ${formatFen(s.savings)} · 付 ${formatFen(s.charge)}`}</Text>
                  </View>
                ))}
              </View>
            ) : null}

            {view.ledger.length ? (
              <View className="credit-card credit-ledger">
                <Text className="member-section">资金记录</Text>
                {view.ledger.map((e, i) => (
                  <View key={`${e.kind}-${e.at}-${i}`} className="credit-ledger__row">
                    <Text className="credit-ledger__kind">{LEDGER_KIND_LABEL[e.kind]}</Text>
                    <Text className="credit-ledger__time">{formatTime(e.at)}</Text>
                    <Text>{formatFen(e.amount)}</Text>
                  </View>
                ))}
              </View>
            ) : null}

            {view.state === 'active' ? (
              <Button className="credit-button member-cancel" disabled={busy !== null || undefined} onClick={() => void cancel()}>
                取消会员
              </Button>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  )
}
