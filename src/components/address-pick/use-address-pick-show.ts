import { useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { Address } from '@/domain/contract'
import { currentToken } from '@/store/session'
import { pickDefault, takePickedAddress } from '@/services/addresses'

/**
 * The show of a page that buys to an address (拼团, 周期购): a guest is sent to log in and
 * back (`loginUrl`); the first show loads, a later one loads again only when the address list
 * (select mode) handed back a pick, so coming back from paying keeps what was chosen.
 */
export function useAddressPickShow(loginUrl: () => string, load: (picked: number | null) => void): void {
  const firstShow = useRef(true)
  useDidShow(() => {
    if (!currentToken()) {
      void Taro.redirectTo({ url: loginUrl() })
      return
    }
    const picked = takePickedAddress()
    if (firstShow.current || picked !== null) load(picked)
    firstShow.current = false
  })
}

/** The address to show from a fresh list: the one picked or already shown (`keep`), else the default. */
export function keptAddress(list: Address[], keep: number | null): Address | null {
  return list.find((a) => a.id === keep) ?? pickDefault(list)
}
