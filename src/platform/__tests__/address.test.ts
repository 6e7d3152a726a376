import { afterEach, describe, expect, it, vi } from 'vitest'
import { addressAdapter as weapp } from '../address/index.weapp'
import { addressAdapter as alipay } from '../address/index.alipay'
import { addressAdapter as h5 } from '../address/index.h5'

afterEach(() => vi.unstubAllGlobals())

describe('weapp address', () => {
  it('maps wx.chooseAddress to our address input', async () => {
    vi.stubGlobal('wx', {
      chooseAddress: ({ success }: { success: (r: unknown) => void }) =>
        success({ userName: '张三', telNumber: '13800138000', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路 397 号', errMsg: 'chooseAddress:ok' }),
    })
    expect(weapp.available()).toBe(true)
    expect(await weapp.choose()).toEqual({
      status: 'ok',
      address: { name: '张三', phone: '13800138000', region: ['广东省', '广州市', '海珠区'], detail: '新港中路 397 号' },
    })
  })

  it('reports a cancel as cancelled', async () => {
    vi.stubGlobal('wx', { chooseAddress: ({ fail }: { fail: (e: unknown) => void }) => fail({ errMsg: 'chooseAddress:fail cancel' }) })
    expect(await weapp.choose()).toEqual({ status: 'cancelled' })
  })
})

describe('alipay address', () => {
  it('is unavailable where the host has no my.getAddress', async () => {
    vi.stubGlobal('my', {})
    expect(alipay.available()).toBe(false)
    expect((await alipay.choose()).status).toBe('unavailable')
  })

  it('maps a 9000 answer and strips the region from the full address', async () => {
    vi.stubGlobal('my', {
      getAddress: ({ success }: { success: (r: unknown) => void }) =>
        success({ resultStatus: '9000', result: { fullname: '李四', mobilePhone: '13900139000', prov: '浙江省', city: '杭州市', area: '西湖区', street: '', address: '浙江省杭州市西湖区西溪路556号' } }),
    })
    expect(await alipay.choose()).toEqual({
      status: 'ok',
      address: { name: '李四', phone: '13900139000', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路556号' },
    })
  })

  it('treats 6001 (in the success callback) as cancelled', async () => {
    vi.stubGlobal('my', { getAddress: ({ success }: { success: (r: unknown) => void }) => success({ resultStatus: '6001', result: '' }) })
    expect(await alipay.choose()).toEqual({ status: 'cancelled' })
  })
})

it('h5 has no platform address book', async () => {
  expect(h5.available()).toBe(false)
  expect((await h5.choose()).status).toBe('unavailable')
})
