import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WithdrawalView } from '@/domain/promoters'
import { transferAdapter as weapp } from '../transfer/index.weapp'
import { transferAdapter as alipay } from '../transfer/index.alipay'
import { transferAdapter as h5 } from '../transfer/index.h5'

afterEach(() => vi.unstubAllGlobals())

const waiting: WithdrawalView = {
  id: 5,
  amount: 1200,
  status: 'waiting_confirm',
  channel: 'wechat',
  confirm: { mchId: '1230000109', appId: 'wx0000000000000001', packageInfo: 'ABBQO+oYAAABAAAAAACE1Wy' },
  failure: null,
  createdAt: '2026-12-05T08:00:00.000Z',
  finishedAt: null,
  outBillNo: 'W20261205000005',
}

type Opts = { success(r: unknown): void; fail(e: unknown): void } & Record<string, unknown>

describe('weapp transfer', () => {
  it('opens wx.requestMerchantTransfer with mchId, appId and package = packageInfo', async () => {
    const requestMerchantTransfer = vi.fn((o: Opts) => o.success({ errMsg: 'requestMerchantTransfer:ok' }))
    vi.stubGlobal('wx', { canIUse: () => true, requestMerchantTransfer })
    expect(await weapp.receive(waiting)).toEqual({ status: 'confirmed' })
    const { success: _s, fail: _f, ...sent } = requestMerchantTransfer.mock.calls[0][0]
    expect(sent).toEqual({ mchId: '1230000109', appId: 'wx0000000000000001', package: 'ABBQO+oYAAABAAAAAACE1Wy' })
  })

  it('a closed sheet is cancelled, another failure a message', async () => {
    vi.stubGlobal('wx', { canIUse: () => true, requestMerchantTransfer: (o: Opts) => o.fail({ errMsg: 'requestMerchantTransfer:fail cancel' }) })
    expect(await weapp.receive(waiting)).toEqual({ status: 'cancelled' })
    vi.stubGlobal('wx', { canIUse: () => true, requestMerchantTransfer: (o: Opts) => o.fail({ errMsg: 'requestMerchantTransfer:fail package_info error' }) })
    expect((await weapp.receive(waiting)).status).toBe('failed')
  })

  it('an old client (canIUse false or no API) gets a clear message', async () => {
    vi.stubGlobal('wx', { canIUse: () => false, requestMerchantTransfer: vi.fn() })
    expect(await weapp.receive(waiting)).toEqual({ status: 'failed', message: expect.stringContaining('版本过低') })
    vi.stubGlobal('wx', {})
    expect((await weapp.receive(waiting)).status).toBe('failed')
  })

  it('sandbox → the in-app page; nothing waiting → nothing to do', async () => {
    vi.stubGlobal('wx', { canIUse: () => true, requestMerchantTransfer: vi.fn() })
    expect(await weapp.receive({ ...waiting, channel: 'sandbox', confirm: null })).toEqual({ status: 'sandbox' })
    expect(await weapp.receive({ ...waiting, status: 'reviewing', confirm: null })).toEqual({ status: 'none' })
  })
})

describe('alipay and h5 transfer', () => {
  it('Alipay has no confirm step; its sandbox still waits for the in-app page', async () => {
    expect(await alipay.receive({ ...waiting, channel: 'alipay', status: 'succeeded', confirm: null })).toEqual({ status: 'none' })
    expect(await alipay.receive({ ...waiting, channel: 'sandbox' })).toEqual({ status: 'sandbox' })
  })

  it('H5 goes the sandbox way for anything waiting', async () => {
    expect(await h5.receive(waiting)).toEqual({ status: 'sandbox' })
    expect(await h5.receive({ ...waiting, status: 'processing' })).toEqual({ status: 'none' })
  })
})
