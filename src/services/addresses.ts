import Taro from '@tarojs/taro'
import type { Address } from '@/domain/contract'
import type { AddressInput } from '@/domain/validation'
import { api } from './http'

export async function fetchAddresses(): Promise<Address[]> {
  return (await api<{ items: Address[] }>('GET', '/api/addresses')).items
}

function body(input: AddressInput) {
  return { name: input.name.trim(), phone: input.phone.trim(), region: input.region, detail: input.detail.trim(), isDefault: input.isDefault ?? false }
}

export function createAddress(input: AddressInput): Promise<Address> {
  return api<Address>('POST', '/api/addresses', { body: body(input) })
}

export function updateAddress(id: number, input: AddressInput): Promise<Address> {
  return api<Address>('PUT', `/api/addresses/${id}`, { body: body(input) })
}

export function deleteAddress(id: number): Promise<void> {
  return api<void>('DELETE', `/api/addresses/${id}`)
}

export function setDefaultAddress(id: number): Promise<Address> {
  return api<Address>('POST', `/api/addresses/${id}/default`)
}

/** The default address, else the first one, else null: what checkout starts with. */
export function pickDefault(list: Address[]): Address | null {
  return list.find((a) => a.isDefault) ?? list[0] ?? null
}

// The address list (select mode) hands the picked id back to checkout. The two pages sit in
// different subpackages, each bundling its own copy of this module, so a module variable
// would not reach across: the hand-off goes through storage, which both share.
const PICKED_KEY = 'duet-picked-address'

export function pickAddress(id: number): void {
  Taro.setStorageSync(PICKED_KEY, String(id))
}

/** The id picked since the last call, once. */
export function takePickedAddress(): number | null {
  const raw: unknown = Taro.getStorageSync(PICKED_KEY)
  if (raw === '' || raw === undefined || raw === null) return null
  Taro.removeStorageSync(PICKED_KEY)
  const id = Number(raw)
  return Number.isInteger(id) && id > 0 ? id : null
}
