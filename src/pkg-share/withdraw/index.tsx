import { useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { formatFen, yuanToFen } from '@/domain/money'
import type { PromoterMe, WithdrawalView } from '@/domain/promoters'
import { transferAdapter } from '@/platform/transfer'
import { errorMessage } from '@/services/http'
import { createWithdrawal, fetchPromoterMe, fetchWithdrawals } from '@/services/promoters'
import { dayOf, WITHDRAWAL_STATUS_TEXT } from '../labels'
import { receiveWithdrawal } from './receive'
import '../share.scss'

const newKey = () => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

export default function WithdrawPage() {
  const [me, setMe] = useState<PromoterMe | null>(null)
  const [history, setHistory] = useState<WithdrawalView[]>([])
  const [amount, setAmount] = useState('')
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  // One key per intended withdrawal: a retried tap after a lost answer is the same withdrawal.
  const key = useRef(newKey())

  const load = async () => {
    try {
      const [m, w] = await Promise.all([fetchPromoterMe(), fetchWithdrawals()])
      setMe(m)
      setHistory(w.items)
    } catch (err) {
      setMessage(errorMessage(err))
    }
  }
  useDidShow(() => void load())

  const submit = async () => {
    if (busy || !me) return
    let fen: number
    try {
      fen = yuanToFen(amount)
    } catch {
      fen = 0
    }
    // Nothing to withdraw ("", "0"): said here rather than sent for the server's refusal.
    if (fen <= 0) {
      setMessage('请输入正确的提现金额')
      return
    }
    setBusy(true)
    setMessage('')
    try {
      const w = await createWithdrawal(fen, key.current)
      key.current = newKey()
      setAmount('')
      setMessage(await receiveWithdrawal(w))
    } catch (err) {
      setMessage(errorMessage(err))
    }
    setBusy(false)
    void load()
  }

  const resume = async (w: WithdrawalView) => {
    setMessage(await receiveWithdrawal(w))
    void load()
  }

  return (
    <View className="share-page withdraw-page">
      <View className="share-card">
        <Text className="share-card__title">{`提现到${transferAdapter.payee}`}</Text>
        <Input className="share-input withdraw-amount" type="digit" value={amount} placeholder="输入提现金额（元）" onInput={(e) => setAmount(e.detail.value)} />
        {me ? <Text className="share-text withdraw-limits">{`可提现 ${formatFen(me.withdrawable)}，最低 ${formatFen(me.settings.minWithdrawal)}，每日最多 ${formatFen(me.settings.dailyWithdrawalLimit)}`}</Text> : null}
        {message ? <Text className="share-error withdraw-message">{message}</Text> : null}
        <Button className="share-button withdraw-submit" disabled={busy || !me || undefined} onClick={() => void submit()}>
          {busy ? '提交中…' : '提现'}
        </Button>
      </View>
      <View className="share-card">
        <Text className="share-card__title">提现记录</Text>
        {history.length === 0 ? <Text className="share-text">暂无提现记录</Text> : null}
        {history.map((w) => (
          <View key={w.id} className="share-row withdrawal-item">
            <View>
              <Text className="share-text">{formatFen(w.amount)}</Text>
              <Text className="share-row__side">{`${dayOf(w.createdAt)}${w.failure ? ` · ${w.failure}` : ''}`}</Text>
            </View>
            {w.status === 'waiting_confirm' ? (
              <Text className="withdrawal-item__confirm share-tab--active" onClick={() => void resume(w)}>
                确认收款
              </Text>
            ) : (
              <Text className="share-row__side withdrawal-item__status">{WITHDRAWAL_STATUS_TEXT[w.status]}</Text>
            )}
          </View>
        ))}
      </View>
    </View>
  )
}
