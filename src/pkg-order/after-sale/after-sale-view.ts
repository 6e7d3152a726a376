import { canAfterSale, type AfterSale } from '@/domain/after-sales'

/** What the shopper can do now, straight from the shared state machine. */
export function shopperCan(a: Pick<AfterSale, 'type' | 'status'>) {
  return {
    withdraw: canAfterSale(a.type, a.status, 'withdraw', 'shopper'),
    shipBack: canAfterSale(a.type, a.status, 'ship_back', 'shopper'),
  }
}

/** The refund line: pending, done, or failed with the refunds module's reason. */
export function refundText(refund: AfterSale['refund']): string | null {
  if (!refund) return null
  if (refund.status === 'pending') return '退款处理中，将原路退回'
  if (refund.status === 'succeeded') return '退款已原路退回'
  return `退款失败${refund.failure ? `：${refund.failure}` : ''}，商家会尽快处理`
}

/** The timer that will act if nobody does: the shop's answer, or the goods not being sent back. */
export function deadlineText(deadline: AfterSale['deadline']): string | null {
  if (!deadline) return null
  const at = formatTime(deadline.at)
  if (deadline.event === 'approve') return `商家未在 ${at} 前处理将自动同意`
  if (deadline.event === 'return_timeout') return `请在 ${at} 前寄回商品，逾期申请将关闭`
  return null
}

export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The return form: a carrier from the list and a tracking number of letters and digits. */
export function checkShipment(carrier: string, trackingNo: string): string | null {
  if (!carrier) return '请选择快递公司'
  const no = trackingNo.trim()
  if (!/^[A-Za-z0-9-]{6,40}$/.test(no)) return '请填写正确的快递单号'
  return null
}
