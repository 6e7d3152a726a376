import Taro from '@tarojs/taro'
import type { WithdrawalView } from '@/domain/promoters'
import { transferAdapter } from '@/platform/transfer'
import { route } from '@/routes'
import { errorMessage } from '@/services/http'
import { confirmWithdrawal } from '@/services/promoters'
import { WITHDRAWAL_STATUS_TEXT } from '../labels'

/**
 * The shopper's side of a withdrawal the server answered: WeChat's confirm sheet, the sandbox
 * page, or nothing to do (Alipay pays at once). Returns the message to show, '' when fine.
 */
export async function receiveWithdrawal(w: WithdrawalView): Promise<string> {
  const r = await transferAdapter.receive(w)
  if (r.status === 'sandbox') {
    if (!w.outBillNo) return '沙箱收款参数缺失，请稍后在提现记录中重试'
    void Taro.navigateTo({ url: route.sandboxTransfer(w.id, w.outBillNo) })
    return ''
  }
  if (r.status === 'cancelled') return '已取消收款，可在提现记录中再次确认'
  if (r.status === 'failed') return r.message
  if (r.status === 'confirmed') {
    try {
      const after = await confirmWithdrawal(w.id)
      void Taro.showToast({ title: after.status === 'succeeded' ? '已到账' : WITHDRAWAL_STATUS_TEXT[after.status], icon: 'none' })
      return ''
    } catch (err) {
      return errorMessage(err)
    }
  }
  void Taro.showToast({ title: w.status === 'reviewing' ? '已提交，等待审核' : WITHDRAWAL_STATUS_TEXT[w.status], icon: 'none' })
  return ''
}
