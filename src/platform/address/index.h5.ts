import type { AddressAdapter } from './types'

// A browser has no address book to offer: the app's own form is used.
export const addressAdapter = {
  available: () => false,
  label: '',
  choose: async () => ({ status: 'unavailable', reason: '浏览器预览不支持选择收货地址，请手动填写' }),
} satisfies AddressAdapter
