import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { GiftView } from '@/domain/gifts'
import { checkAddress } from '@/domain/validation'
import { addressAdapter } from '@/platform/address'
import { route } from '@/routes'
import { createAddress, takePickedAddress } from '@/services/addresses'
import { claimGift } from '@/services/gifts'
import { currentToken } from '@/store/session'
import { claimChangedGift, claimErrorMessage } from './claim-errors'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

/**
 * 领取礼物: log in first (and come back to this card), pick an address (our address list in
 * select mode, or the host's own address book), then POST the claim. The address list hands
 * the pick back through storage (services/addresses pickAddress), read when this page shows again.
 */
export function useGiftClaim(code: string, onClaimed: (g: GiftView) => void, reload: () => Promise<void>) {
  const [claiming, setClaiming] = useState(false)
  const [claimError, setClaimError] = useState<string | null>(null)
  const waitingForAddress = useRef(false)

  const claim = useCallback(
    async (addressId: number) => {
      setClaiming(true)
      setClaimError(null)
      try {
        onClaimed(await claimGift(code, addressId))
        toast('领取成功')
      } catch (err) {
        const message = claimErrorMessage(err)
        setClaimError(message)
        toast(message)
        if (claimChangedGift(err)) void reload()
      } finally {
        setClaiming(false)
      }
    },
    [code, onClaimed, reload],
  )

  /** The recipient must be someone: not logged in, to login and back to this card. */
  const signedIn = (): boolean => {
    if (currentToken()) return true
    void Taro.redirectTo({ url: route.login(route.gift(code)) })
    return false
  }

  const pickFromList = () => {
    if (!signedIn()) return
    waitingForAddress.current = true
    void Taro.navigateTo({ url: route.addresses(true) })
  }

  const pickFromPlatform = async () => {
    if (!signedIn()) return
    const result = await addressAdapter.choose()
    if (result.status === 'cancelled') return
    if (result.status !== 'ok') return toast(result.status === 'failed' ? result.message : result.reason)
    const problem = checkAddress(result.address)
    if (problem) return toast(`${problem}，请从地址列表选择`)
    try {
      await claim((await createAddress(result.address)).id)
    } catch (err) {
      toast(claimErrorMessage(err))
    }
  }

  /** On show: an address picked on the list since 领取礼物 was tapped claims now. */
  const resume = () => {
    const picked = takePickedAddress()
    if (!waitingForAddress.current || picked === null) return
    waitingForAddress.current = false
    void claim(picked)
  }

  return { claiming, claimError, pickFromList, pickFromPlatform, resume, platformLabel: addressAdapter.available() ? addressAdapter.label : null }
}
