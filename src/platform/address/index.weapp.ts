import type { AddressAdapter, ChooseAddressResult } from './types'

interface WxAddress {
  userName: string
  telNumber: string
  provinceName: string
  cityName: string
  countyName: string
  detailInfo: string
  /** Newer pickers put the street in its own field and the rest here. */
  detailInfoNew?: string
  streetName?: string
}
declare const wx: {
  chooseAddress?(options: { success(res: WxAddress): void; fail(err: { errMsg: string }): void }): void
}

function chooseAddress(): Promise<WxAddress> {
  return new Promise((resolve, reject) => wx.chooseAddress!({ success: resolve, fail: reject }))
}

// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const addressAdapter: AddressAdapter = {
  available: () => typeof wx !== 'undefined' && typeof wx.chooseAddress === 'function',
  regionPicker: true,
  label: '使用微信收货地址',
  async choose(): Promise<ChooseAddressResult> {
    if (!addressAdapter.available()) return { status: 'unavailable', reason: '当前微信版本不支持选择收货地址' }
    try {
      const a = await chooseAddress()
      const detail = a.detailInfoNew ? `${a.streetName ?? ''}${a.detailInfoNew}` : a.detailInfo
      return {
        status: 'ok',
        address: { name: a.userName, phone: a.telNumber, region: [a.provinceName, a.cityName, a.countyName], detail },
      }
    } catch (err) {
      const msg = (err as { errMsg?: string }).errMsg ?? ''
      if (/cancel/i.test(msg)) return { status: 'cancelled' }
      // "auth deny": the shopper refused the address scope earlier; the form still works.
      if (/auth/i.test(msg)) return { status: 'failed', message: '未授权使用通讯地址，请手动填写' }
      return { status: 'failed', message: '获取微信地址失败，请手动填写' }
    }
  },
} satisfies AddressAdapter
