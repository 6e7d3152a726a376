import type { AddressAdapter, ChooseAddressResult } from './types'

interface AlipayAddressResult {
  resultStatus?: string
  result?: {
    fullname: string
    mobilePhone: string
    prov: string
    city: string
    area: string
    street?: string
    address: string
  } | ''
}
declare const my: {
  getAddress?(options: { success(res: AlipayAddressResult): void; fail(err: { error?: number; errorMessage?: string }): void }): void
}

function getAddress(): Promise<AlipayAddressResult> {
  return new Promise((resolve, reject) => my.getAddress!({ success: resolve, fail: reject }))
}

// my.getAddress exists only on some hosts (and only for enterprise accounts): feature-detect.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const addressAdapter: AddressAdapter = {
  available: () => typeof my !== 'undefined' && typeof my.getAddress === 'function',
  // Alipay's <picker> has no region mode: the form keeps its three fields.
  regionPicker: false,
  label: '使用支付宝收货地址',
  async choose(): Promise<ChooseAddressResult> {
    if (!addressAdapter.available()) return { status: 'unavailable', reason: '当前支付宝版本不支持选择收货地址' }
    let res: AlipayAddressResult
    try {
      res = await getAddress()
    } catch (err) {
      const e = err as { errorMessage?: string }
      return { status: 'failed', message: e.errorMessage ? `获取支付宝地址失败：${e.errorMessage}` : '获取支付宝地址失败，请手动填写' }
    }
    // 6001 arrives in the success callback: the shopper closed the picker.
    if (res.resultStatus === '6001') return { status: 'cancelled' }
    if (res.resultStatus !== '9000' || !res.result) return { status: 'failed', message: '获取支付宝地址失败，请手动填写' }
    const a = res.result
    return {
      status: 'ok',
      address: { name: a.fullname, phone: a.mobilePhone, region: [a.prov, a.city, a.area], detail: stripRegion(a.address, [a.prov, a.city, a.area]) },
    }
  },
} satisfies AddressAdapter

/** Alipay's `address` repeats province/city/district in front; keep only the part after them. */
function stripRegion(address: string, region: string[]): string {
  let rest = address
  for (const part of region) if (part && rest.startsWith(part)) rest = rest.slice(part.length)
  return rest.trim() || address
}
