import { useMemo } from 'react'
import { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import { useSandboxCashier } from './use-sandbox-cashier'
import './index.scss'

const STATE_TEXT: Record<string, string> = {
  paid: '该支付单已支付，无需再次付款',
  paid_unpayable: '该支付单已支付，但订单已关闭，款项会原路退回',
  closed: '该支付单已关闭，请回到订单查看',
}

/**
 * Sandbox servers only: the mini-programs' stand-in for the platform cashier. The IDEs can't pay
 * a sandbox trade, so when wx.requestPayment / my.tradePay fails the app comes here with the
 * attempt's ticket from the pay answer. 支付 settles through the sandbox's signed notify.
 */
export default function SandboxCashierPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const cashier = useMemo(() => (params.out && params.t ? { outTradeNo: String(params.out), ticket: String(params.t) } : null), [params.out, params.t])
  const { view, error, busy, decide, backToOrder } = useSandboxCashier(id, cashier)
  const pending = view?.status === 'pending'

  return (
    <View className="sandbox-cashier">
      <View className="sandbox-cashier__notice">
        <Text className="sandbox-cashier__notice-title">沙箱模拟支付，不会扣款</Text>
        <Text className="sandbox-cashier__notice-text">开发者工具无法支付沙箱订单，这是服务器沙箱模式下的测试收银台。</Text>
      </View>
      {view ? (
        <View className="sandbox-cashier__card">
          <Text className="sandbox-cashier__shop">Duet 商城</Text>
          <View className="sandbox-cashier__amount">
            <PriceTag fen={view.amount} size="lg" />
          </View>
          <View className="sandbox-cashier__row">
            <Text className="sandbox-cashier__label">订单号</Text>
            <Text className="sandbox-cashier__value">{view.orderNo}</Text>
          </View>
          <View className="sandbox-cashier__row">
            <Text className="sandbox-cashier__label">商品</Text>
            <Text className="sandbox-cashier__value">{view.description}</Text>
          </View>
        </View>
      ) : null}
      {error ? <Text className="sandbox-cashier__error">{error}</Text> : null}
      {view && !pending ? <Text className="sandbox-cashier__state">{STATE_TEXT[view.status] ?? view.status}</Text> : null}
      <View className="sandbox-cashier__actions">
        {pending ? (
          <>
            <Button className="sandbox-cashier__action sandbox-cashier__action--pay is-primary" loading={busy === 'pay'} disabled={busy !== null} onClick={() => void decide('pay')}>
              支付
            </Button>
            <Button className="sandbox-cashier__action sandbox-cashier__action--fail" disabled={busy !== null} onClick={() => void decide('fail')}>
              支付失败
            </Button>
            <Button className="sandbox-cashier__action sandbox-cashier__action--cancel" disabled={busy !== null} onClick={() => void decide('cancel')}>
              取消
            </Button>
          </>
        ) : (
          <Button className="sandbox-cashier__action sandbox-cashier__action--order" onClick={backToOrder}>
            返回订单
          </Button>
        )}
      </View>
    </View>
  )
}
