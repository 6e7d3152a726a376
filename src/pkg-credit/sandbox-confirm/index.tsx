import { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import PriceTag from '@/components/price-tag'
import type { SandboxCreditDecision } from '@/services/credit'
import { useSandboxConfirm } from './use-sandbox-confirm'
import './index.scss'

const RENTAL: [SandboxCreditDecision, string][] = [
  ['full', '全额免押'],
  ['partial', '部分免押'],
  ['deny', '不免押'],
  ['cancel', '取消'],
]
const AGREE: [SandboxCreditDecision, string][] = [
  ['full', '同意'],
  ['deny', '拒绝'],
  ['cancel', '取消'],
]

/**
 * Sandbox servers only: the mini-programs' stand-in for Pay Score's / Sesame's confirm. The IDEs
 * can't open a sandbox credit order, so when the host's confirm fails the app comes here with
 * the order's ticket; the decision becomes the platform's signed callback on the server.
 */
export default function SandboxConfirmPage() {
  const { params } = useRouter()
  const rental = params.kind === 'rental'
  const amount = Number(params.amount)
  const { valid, busy, error, decide } = useSandboxConfirm(String(params.out ?? ''), String(params.t ?? ''), params.back)

  return (
    <View className="sandbox-confirm">
      <View className="sandbox-confirm__notice">
        <Text className="sandbox-confirm__notice-title">沙箱模拟信用确认</Text>
        <Text className="sandbox-confirm__notice-text">开发者工具无法打开沙箱的微信支付分 / 芝麻信用订单，这是服务器沙箱模式下的测试确认页。</Text>
      </View>
      <View className="sandbox-confirm__card">
        <Text className="sandbox-confirm__label">{rental ? '押金' : params.kind === 'membership' ? '轻会员' : '先享后付'}</Text>
        {Number.isFinite(amount) ? <PriceTag fen={amount} size="lg" /> : null}
      </View>
      {valid ? null : <Text className="sandbox-confirm__error">确认参数有误，请返回重试</Text>}
      {error ? <Text className="sandbox-confirm__error">{error}</Text> : null}
      <View className="sandbox-confirm__actions">
        {(rental ? RENTAL : AGREE).map(([d, label]) => (
          <Button key={d} className={`sandbox-confirm__action sandbox-confirm__action--${d}${d === 'full' ? ' is-primary' : ''}`} loading={busy === d} disabled={!valid || busy !== null} onClick={() => void decide(d)}>
            {label}
          </Button>
        ))}
      </View>
    </View>
  )
}
