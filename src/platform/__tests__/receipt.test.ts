import { afterEach, describe, expect, it, vi } from 'vitest'
import Taro from '@tarojs/taro'
import { receiptAdapter as weapp } from '../receipt/index.weapp'
import { receiptAdapter as alipay } from '../receipt/index.alipay'
import { receiptAdapter as h5 } from '../receipt/index.h5'
import type { ReceiptMode } from '../receipt'

type Callbacks = { success(res: unknown): void; fail(err: unknown): void }

const managed: ReceiptMode = {
  mode: 'weapp_order_confirm',
  sandbox: false,
  extraData: { transaction_id: '4200001918202309184260377001', merchant_id: '1230000109', merchant_trade_no: 'D20241205001' },
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('weapp receipt', () => {
  const withAnswer = (answer: (cb: Callbacks) => void) => {
    const openBusinessView = vi.fn((o: Callbacks) => answer(o))
    vi.stubGlobal('wx', { openBusinessView })
    return openBusinessView
  }

  it('opens weappOrderConfirm with exactly the three documented fields and confirms on status success', async () => {
    const open = withAnswer(({ success }) => success({ errMsg: 'openBusinessView:ok', extraData: { status: 'success' } }))
    const extra = { ...managed, extraData: { ...managed.extraData, openid: 'not-ours' } } as ReceiptMode
    expect(await weapp.confirmReceipt(extra)).toEqual({ status: 'confirmed' })
    const { success, fail, ...sent } = open.mock.calls[0][0] as Callbacks & Record<string, unknown>
    expect([typeof success, typeof fail]).toEqual(['function', 'function'])
    expect(sent).toEqual({ businessType: 'weappOrderConfirm', extraData: managed.mode === 'weapp_order_confirm' ? managed.extraData : null })
  })

  it('a transaction id alone is enough (empty merchant fields are left out)', async () => {
    const open = withAnswer(({ success }) => success({ extraData: { status: 'success' } }))
    await weapp.confirmReceipt({ mode: 'weapp_order_confirm', sandbox: false, extraData: { transaction_id: '42000', merchant_id: '', merchant_trade_no: '' } })
    expect((open.mock.calls[0][0] as unknown as { extraData: unknown }).extraData).toEqual({ transaction_id: '42000' })
  })

  it.each([
    [{ extraData: { status: 'cancel' } }, { status: 'cancelled' }],
    [{ extraData: { status: 'fail', errormsg: '获取用户订单失败' } }, { status: 'failed', message: '微信确认收货未完成，请稍后重试' }],
  ])('the component answering %j in success', async (res, expected) => {
    withAnswer(({ success }) => success(res))
    expect(await weapp.confirmReceipt(managed)).toEqual(expected)
  })

  it('fail cancel is cancelled; another fail is a failure; a throw is a failure', async () => {
    withAnswer(({ fail }) => fail({ errMsg: 'openBusinessView:fail cancel' }))
    expect(await weapp.confirmReceipt(managed)).toEqual({ status: 'cancelled' })
    withAnswer(({ fail }) => fail({ errMsg: 'openBusinessView:fail system error' }))
    expect(await weapp.confirmReceipt(managed)).toEqual({ status: 'failed', message: '微信确认收货未能打开，请稍后重试' })
    vi.stubGlobal('wx', {
      openBusinessView: () => {
        throw new Error('x')
      },
    })
    expect((await weapp.confirmReceipt(managed)).status).toBe('failed')
  })

  it('sandbox mode opens no host view: the caller opens the sandbox receipt page', async () => {
    const open = withAnswer(() => undefined)
    expect(await weapp.confirmReceipt({ ...managed, sandbox: true } as ReceiptMode)).toEqual({ status: 'sandbox' })
    expect(open).not.toHaveBeenCalled()
  })

  it('app mode on WeChat asks with the app modal and never opens the component', async () => {
    const open = withAnswer(() => undefined)
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    expect(await weapp.confirmReceipt({ mode: 'app' })).toEqual({ status: 'confirmed' })
    expect(modal).toHaveBeenCalledOnce()
    expect(open).not.toHaveBeenCalled()
  })

  it('refuses missing trade fields without calling the host, and says so where there is no openBusinessView', async () => {
    const open = withAnswer(() => undefined)
    expect(await weapp.confirmReceipt({ mode: 'weapp_order_confirm', sandbox: false, extraData: { transaction_id: '', merchant_id: '123', merchant_trade_no: '' } })).toEqual({
      status: 'failed',
      message: '确认收货参数有误，请稍后重试',
    })
    expect(open).not.toHaveBeenCalled()
    vi.unstubAllGlobals()
    expect(await weapp.confirmReceipt(managed)).toEqual({ status: 'failed', message: '当前微信版本过低，请升级后确认收货' })
  })
})

describe.each([
  ['alipay', alipay],
  ['h5', h5],
] as const)('%s receipt', (_name, adapter) => {
  it('app mode: the app modal decides, and no wx call is made', async () => {
    const openBusinessView = vi.fn()
    vi.stubGlobal('wx', { openBusinessView })
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: true, cancel: false } as never)
    expect(await adapter.confirmReceipt({ mode: 'app' })).toEqual({ status: 'confirmed' })
    expect(modal).toHaveBeenCalledWith({ title: '确认收货', content: '确认已经收到全部商品了吗？' })
    modal.mockResolvedValueOnce({ confirm: false, cancel: true } as never)
    expect(await adapter.confirmReceipt({ mode: 'app' })).toEqual({ status: 'cancelled' })
    expect(openBusinessView).not.toHaveBeenCalled()
  })

  it('a WeChat-managed mode is refused here (never opens WeChat)', async () => {
    const openBusinessView = vi.fn()
    vi.stubGlobal('wx', { openBusinessView })
    expect(await adapter.confirmReceipt(managed)).toEqual({ status: 'failed', message: '请在微信中确认收货' })
    expect(openBusinessView).not.toHaveBeenCalled()
  })
})
