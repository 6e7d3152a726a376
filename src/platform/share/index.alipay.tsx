import { Button } from '@tarojs/components'
import type { ShareAdapter, ShareButtonProps } from './types'

export type { ShareAdapter, ShareButtonProps, ShareMessage, UpdatableShare } from './types'

declare const my: { showSharePanel?(): void }

// Alipay shows 分享 in the ··· menu of any page with onShareAppMessage: nothing to turn on, and
// no updatable message (the card is the page's onShareAppMessage answer).
export const shareAdapter: ShareAdapter = { enableMenu: () => undefined, linkOf: (m) => m.path, prepareGroupShare: () => undefined } satisfies ShareAdapter

/**
 * my.showSharePanel() (base library 1.17.0+) opens the share panel from our own button; the
 * page's onShareAppMessage is then asked with `from: 'code'`.
 */
export function openSharePanel(): void {
  if (typeof my !== 'undefined' && typeof my.showSharePanel === 'function') my.showSharePanel()
}

export default function ShareButton({ label, className }: ShareButtonProps) {
  return (
    <Button className={`share-button ${className ?? ''}`} onClick={openSharePanel}>
      {label}
    </Button>
  )
}
