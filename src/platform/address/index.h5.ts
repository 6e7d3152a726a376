import type { AddressAdapter } from './types'

// A browser has no address book to offer: the app's own form is used.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const addressAdapter: AddressAdapter = {
  available: () => false,
  regionPicker: false,
  label: '',
  choose: async () => ({ status: 'unavailable', reason: '浏览器预览不支持选择收货地址，请手动填写' }),
} satisfies AddressAdapter
