import type { AddressInput } from '@/domain/validation'

/** The host app's own address book; the H5 preview has none and uses our form instead. */
export type ChooseAddressResult =
  | { status: 'ok'; address: AddressInput }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface AddressAdapter {
  /** Whether a "use my WeChat/Alipay address" entry should be shown at all. */
  available(): boolean
  /** The button's text, e.g. 使用微信收货地址. */
  label: string
  choose(): Promise<ChooseAddressResult>
  /**
   * Whether the host's native region wheel (<Picker mode="region">) can fill 省/市/区.
   * Only WeChat has one; elsewhere the form keeps its three text fields alone.
   */
  regionPicker: boolean
}
