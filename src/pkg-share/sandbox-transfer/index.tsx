import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import type { WithdrawalView } from '@/domain/promoters'
import { route } from '@/routes'
import { errorMessage } from '@/services/http'
import { confirmSandboxTransfer, confirmWithdrawal, fetchWithdrawals } from '@/services/promoters'
import '../share.scss'

/**
 * Sandbox servers (and the H5 preview) only: the stand-in for WeChat's confirm-receipt sheet
 * of a merchant transfer. 确认收款 tells the sandbox "the shopper confirmed in WeChat"
 * (POST /api/sandbox/transfers/:outBillNo/confirm), then the app reports it as it would after
 * the real sheet (…/withdrawals/:id/confirmed).
 */
export default function SandboxTransferPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const out = params.out ? decodeURIComponent(params.out) : ''
  const [w, setW] = useState<WithdrawalView | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const deciding = useRef<Promise<void> | null>(null)

  useEffect(() => {
    let live = true
    fetchWithdrawals().then(
      (r) => live && setW(r.items.find((i) => i.id === id) ?? null),
      (err: unknown) => live && setError(errorMessage(err)),
    )
    return () => {
      live = false
    }
  }, [id])

  const back = () => void Taro.redirectTo({ url: route.withdraw() })

  // One decision at a time: a second tap while the first is on its way is the same one.
  const confirm = () => {
    deciding.current ??= (async () => {
      setBusy(true)
      setError('')
      try {
        await confirmSandboxTransfer(out)
        await confirmWithdrawal(id)
        void Taro.showToast({ title: '已确认收款', icon: 'success' })
        back()
      } catch (err) {
        setError(errorMessage(err))
      }
      setBusy(false)
    })().finally(() => {
      deciding.current = null
    })
  }

  return (
    <View className="share-page sandbox-transfer">
      <View className="share-card">
        <Text className="share-card__title">沙箱模拟微信确认收款</Text>
        <Text className="share-text">沙箱模式下没有真实的微信收款页，这是它的替身。</Text>
      </View>
      <View className="share-card">
        <Text className="share-text">商家转账</Text>
        <Text className="share-figure__value sandbox-transfer__amount">{w ? formatFen(w.amount) : ''}</Text>
        <Text className="share-text">{`单号 ${out}`}</Text>
      </View>
      {error ? <Text className="share-error">{error}</Text> : null}
      <Button className="share-button sandbox-transfer__confirm" disabled={busy || !out || undefined} onClick={confirm}>
        确认收款
      </Button>
      <Button className="share-button share-button--plain sandbox-transfer__cancel" disabled={busy || undefined} onClick={back}>
        取消
      </Button>
    </View>
  )
}
