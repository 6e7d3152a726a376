/**
 * Input rules shared by the server (which enforces them at the edge) and the app (which
 * uses them to show a message before sending). Each returns an error message in Chinese
 * or null when the input is fine.
 */
export const LIMITS = {
  nickname: 32,
  receiverName: 20,
  addressDetail: 120,
  regionPart: 20,
  keyword: 50,
  note: 200,
  idempotencyKey: 64,
  trackingNo: 40,
  carrier: 20,
  /** WeChat Pay keeps 80 characters of a refund reason. */
  refundReason: 80,
} as const

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

export function checkPhone(phone: string): string | null {
  return MAINLAND_MOBILE.test(phone) ? null : '请输入 11 位手机号'
}

export function checkReceiverName(name: string): string | null {
  const trimmed = name.trim()
  if (!trimmed) return '请填写收货人'
  if ([...trimmed].length > LIMITS.receiverName) return `收货人最多 ${LIMITS.receiverName} 个字`
  return null
}

export function checkRegion(region: readonly string[]): string | null {
  if (region.length !== 3 || region.some((p) => !p.trim())) return '请选择省、市、区'
  if (region.some((p) => [...p].length > LIMITS.regionPart)) return '地区名称过长'
  return null
}

export function checkAddressDetail(detail: string): string | null {
  const trimmed = detail.trim()
  if ([...trimmed].length < 4) return '请填写详细地址（至少 4 个字）'
  if ([...trimmed].length > LIMITS.addressDetail) return `详细地址最多 ${LIMITS.addressDetail} 个字`
  return null
}

export interface AddressInput {
  name: string
  phone: string
  region: string[]
  detail: string
  isDefault?: boolean
}

/** The first problem with an address, or null. */
export function checkAddress(a: AddressInput): string | null {
  return checkReceiverName(a.name) ?? checkPhone(a.phone) ?? checkRegion(a.region) ?? checkAddressDetail(a.detail)
}
