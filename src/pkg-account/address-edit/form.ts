import type { Address } from '@/domain/contract'
import { checkAddressDetail, checkPhone, checkReceiverName, checkRegion, type AddressInput } from '@/domain/validation'

export interface AddressForm {
  name: string
  phone: string
  province: string
  city: string
  district: string
  detail: string
  isDefault: boolean
}

export type FormField = 'name' | 'phone' | 'region' | 'detail'
export type FormErrors = Partial<Record<FormField, string>>

export const EMPTY_FORM: AddressForm = { name: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: false }

export function formFromAddress(a: Pick<Address, 'name' | 'phone' | 'detail'> & { region: readonly string[]; isDefault?: boolean }): AddressForm {
  const [province = '', city = '', district = ''] = a.region
  return { name: a.name, phone: a.phone, province, city, district, detail: a.detail, isDefault: a.isDefault ?? false }
}

export function toInput(f: AddressForm): AddressInput {
  return { name: f.name.trim(), phone: f.phone.trim(), region: [f.province.trim(), f.city.trim(), f.district.trim()], detail: f.detail.trim(), isDefault: f.isDefault }
}

/** Every field's problem at once, with the shared rules the server enforces too. */
export function validateForm(f: AddressForm): FormErrors {
  const input = toInput(f)
  const errors: FormErrors = {}
  const checks: [FormField, string | null][] = [
    ['name', checkReceiverName(input.name)],
    ['phone', checkPhone(input.phone)],
    ['region', checkRegion(input.region)],
    ['detail', checkAddressDetail(input.detail)],
  ]
  for (const [field, problem] of checks) if (problem) errors[field] = problem
  return errors
}
