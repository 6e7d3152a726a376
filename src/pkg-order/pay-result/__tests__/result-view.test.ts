import { describe, expect, it } from 'vitest'
import { initialPhase, phaseForOrder, resultView, type ResultPhase } from '../result-view'

const NOW = Date.parse('2026-11-23T10:00:00.000Z')
const unpaid = (msLeft: number) => ({ status: 'created' as const, expiresAt: new Date(NOW + msLeft).toISOString() })
const keys = (phase: ResultPhase, ctx: Parameters<typeof resultView>[1]) => resultView(phase, ctx).actions.map((a) => a.key)

describe('initialPhase', () => {
  it('reads what the tap that led here ended with', () => {
    expect(initialPhase({ id: '7', result: 'confirming' })).toEqual({ phase: 'confirming', message: '' })
    expect(initialPhase({ id: '7', result: 'cancelled' })).toEqual({ phase: 'cancelled', message: '' })
    expect(initialPhase({ id: '7', result: 'failed', message: '余额不足' })).toEqual({ phase: 'failed', message: '余额不足' })
    expect(initialPhase({ id: '7', result: 'failed' })).toEqual({ phase: 'failed', message: '支付未完成，请重新支付' })
  })

  it('anything else asks the server; a bad id is no order', () => {
    expect(initialPhase({ id: '7', result: 'paid' }).phase).toBe('confirming')
    expect(initialPhase({ id: '7' }).phase).toBe('confirming')
    expect(initialPhase({ id: 'x', result: 'cancelled' })).toEqual({ phase: 'ended', message: '订单信息有误' })
    expect(initialPhase({ result: 'cancelled' }).phase).toBe('ended')
  })
})

describe('phaseForOrder', () => {
  it('the server overrules the page: paid is paid, an ended order is ended', () => {
    for (const p of ['confirming', 'cancelled', 'failed', 'timeout'] as const) {
      expect(phaseForOrder(p, 'paid')).toBe('paid')
      expect(phaseForOrder(p, 'shipped')).toBe('paid')
      expect(phaseForOrder(p, 'closed')).toBe('ended')
      expect(phaseForOrder(p, 'cancelled')).toBe('ended')
      expect(phaseForOrder(p, 'created')).toBe(p)
    }
  })
})

describe('resultView', () => {
  it('paid: 查看订单 and 继续购物', () => {
    const v = resultView('paid', { message: '', order: { status: 'paid', expiresAt: null }, now: NOW })
    expect(v).toMatchObject({ tone: 'ok', title: '支付成功' })
    expect(v.actions).toEqual([
      { key: 'order', label: '查看订单', primary: true },
      { key: 'shop', label: '继续购物' },
    ])
  })

  it('cancelled: the time left to pay and 重新支付 first', () => {
    const v = resultView('cancelled', { message: '', order: unpaid(14 * 60_000 + 5_000), now: NOW })
    expect(v.title).toBe('支付已取消')
    expect(v.lines).toEqual(['订单已为您保留', '请在 14分05秒 内完成支付，超时将自动关闭'])
    expect(v.actions[0]).toEqual({ key: 'pay', label: '重新支付', primary: true })
    expect(v.actions.map((a) => a.key)).toEqual(['pay', 'order'])
  })

  it('cancelled after the deadline: no 重新支付', () => {
    const v = resultView('cancelled', { message: '', order: unpaid(-1000), now: NOW })
    expect(v.lines).toEqual(['付款时间已到，订单即将关闭'])
    expect(v.actions.map((a) => a.key)).toEqual(['order'])
  })

  it('failed: why, the time left, and 重新支付', () => {
    const v = resultView('failed', { message: '订单支付失败，请稍后重试', order: unpaid(90_000), now: NOW })
    expect(v).toMatchObject({ tone: 'error', title: '支付失败' })
    expect(v.lines).toEqual(['订单支付失败，请稍后重试', '订单已为您保留', '请在 1分30秒 内完成支付，超时将自动关闭'])
    expect(v.actions.map((a) => a.key)).toEqual(['pay', 'order'])
  })

  it('before the order has loaded, paying again is still offered', () => {
    expect(keys('cancelled', { message: '', order: null, now: NOW })).toEqual(['pay', 'order'])
    expect(resultView('cancelled', { message: '', order: null, now: NOW }).lines).toEqual([])
  })

  it('confirming and paying never offer to pay (no double payment); timeout offers to ask again', () => {
    expect(keys('confirming', { message: '', order: unpaid(60_000), now: NOW })).toEqual(['order'])
    expect(resultView('confirming', { message: '', order: null, now: NOW }).title).toBe('支付确认中…')
    expect(keys('paying', { message: '', order: unpaid(60_000), now: NOW })).toEqual([])
    expect(keys('timeout', { message: '', order: unpaid(60_000), now: NOW })).toEqual(['recheck', 'order'])
  })

  it('ended: says how it ended', () => {
    expect(resultView('ended', { message: '', order: { status: 'closed', expiresAt: null }, now: NOW }).title).toBe('订单已超时关闭')
    expect(resultView('ended', { message: '订单已取消', order: { status: 'cancelled', expiresAt: null }, now: NOW }).title).toBe('订单已取消')
    expect(keys('ended', { message: '订单信息有误', order: null, now: NOW })).toEqual(['shop'])
  })
})

describe('a paid gift', () => {
  it('says the next step is sharing it, not shipping', () => {
    const gift = { code: 'Gift0A1b2C', status: 'open' as const, message: '', recipients: 2, claimed: 0, expiresAt: null }
    const view = resultView('paid', { message: '', order: { status: 'paid', expiresAt: null, gift }, now: NOW })
    expect(view.lines).toEqual(['把礼物送给好友，好友领取并填写地址后发货'])
    expect(view.actions.map((a) => a.key)).toEqual(['order', 'shop'])
    expect(resultView('paid', { message: '', order: { status: 'paid', expiresAt: null }, now: NOW }).lines).toEqual(['商家将尽快为您发货'])
  })
})
