import type { Order } from '@/domain/contract'
import { paymentStanding, type OrderStatus } from '@/domain/order-state'
import { endedMessage } from '@/components/payment/pay-flow'
import { timeLeftToPay } from '../order-detail/timeline'

/**
 * Where paying one order stands on the result page. 'paid' comes only from the server;
 * 'confirming' is the wait for it (the platform's own success is not proof).
 */
export type ResultPhase = 'paying' | 'confirming' | 'paid' | 'cancelled' | 'failed' | 'ended' | 'timeout'

export type ResultAction = 'pay' | 'recheck' | 'order' | 'shop'

export interface ResultView {
  tone: 'wait' | 'ok' | 'warn' | 'error'
  title: string
  lines: string[]
  actions: { key: ResultAction; label: string; primary?: boolean }[]
}

/** The page's query: what the tap that brought the shopper here ended with. */
export function initialPhase(params: Record<string, string | undefined>): { phase: ResultPhase; message: string } {
  const id = Number(params.id)
  if (!Number.isInteger(id) || id <= 0) return { phase: 'ended', message: '订单信息有误' }
  if (params.result === 'cancelled') return { phase: 'cancelled', message: '' }
  if (params.result === 'failed') return { phase: 'failed', message: params.message?.trim() || '支付未完成，请重新支付' }
  // 'confirming', or anything else: ask the server.
  return { phase: 'confirming', message: '' }
}

/** The order as the server has it overrules what the page thought: paid is paid, ended is ended. */
export function phaseForOrder(phase: ResultPhase, status: OrderStatus): ResultPhase {
  const standing = paymentStanding(status)
  return standing === 'awaiting' ? phase : standing
}

const ORDER = { key: 'order', label: '查看订单' } as const
const SHOP = { key: 'shop', label: '继续购物' } as const

/** What to show for a phase; `order` may still be loading. */
export function resultView(phase: ResultPhase, ctx: { message: string; order: (Pick<Order, 'status' | 'expiresAt'> & Partial<Pick<Order, 'gift'>>) | null; now: number }): ResultView {
  const left = ctx.order?.status === 'created' ? timeLeftToPay(ctx.order.expiresAt, ctx.now) : null
  // Until the order has loaded we don't know the deadline, but it can still be paid.
  const payable = ctx.order === null || left !== null
  const deadline = ctx.order === null ? [] : left ? ['订单已为您保留', `请在 ${left} 内完成支付，超时将自动关闭`] : ['付款时间已到，订单即将关闭']
  const again = payable ? [{ key: 'pay', label: '重新支付', primary: true } as const, ORDER] : [{ ...ORDER, primary: true }]
  switch (phase) {
    case 'paying':
      return { tone: 'wait', title: '正在拉起支付…', lines: ['请在支付页面完成付款'], actions: [] }
    case 'confirming':
      return { tone: 'wait', title: '支付确认中…', lines: ['正在向支付平台确认付款结果，请勿重复付款'], actions: [ORDER] }
    case 'paid':
      // A gift ships to each friend once they claim it: the next step is sharing it.
      if (ctx.order?.gift) return { tone: 'ok', title: '支付成功', lines: ['把礼物送给好友，好友领取并填写地址后发货'], actions: [ORDER, SHOP] }
      return { tone: 'ok', title: '支付成功', lines: ['商家将尽快为您发货'], actions: [{ ...ORDER, primary: true }, SHOP] }
    case 'cancelled':
      return { tone: 'warn', title: '支付已取消', lines: deadline, actions: again }
    case 'failed':
      return { tone: 'error', title: '支付失败', lines: [ctx.message || '支付未完成，请重新支付', ...deadline], actions: again }
    case 'timeout':
      return {
        tone: 'wait',
        title: '暂未查到支付结果',
        lines: ['如已付款，结果可能稍有延迟，请稍后刷新，切勿重复付款'],
        actions: [{ key: 'recheck', label: '刷新结果', primary: true }, ORDER],
      }
    case 'ended':
      return {
        tone: 'warn',
        title: ctx.message || (ctx.order ? endedMessage(ctx.order.status) : '订单不能付款'),
        lines: ['该订单已不能付款'],
        actions: ctx.order ? [{ ...ORDER, primary: true }, SHOP] : [{ ...SHOP, primary: true }],
      }
  }
}
