import type { AddressAdapter } from './types'

// Neutral default: no platform address book, the app's own form is used.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const addressAdapter: AddressAdapter = {
  available: () => false,
  regionPicker: false,
  label: '',
  choose: async () => ({ status: 'unavailable', reason: '当前环境不支持选择收货地址' }),
} satisfies AddressAdapter
