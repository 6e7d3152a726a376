import Taro from '@tarojs/taro'
import type { StoreListItem } from '@/domain/stores'
import { locationAdapter } from '@/platform/location'

/** 导航: the store in the host's map (wx.openLocation / my.openLocation), from where it navigates. */
export function navigateTo(s: Pick<StoreListItem, 'latitude' | 'longitude' | 'name' | 'address'>): void {
  void locationAdapter.openInMap({ lat: s.latitude, lng: s.longitude, name: s.name, address: s.address })
}

/** 电话: the host's call sheet. */
export function callStore(phone: string): void {
  if (phone) void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}
