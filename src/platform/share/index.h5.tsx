import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import type { ShareAdapter, ShareButtonProps, ShareMessage } from './types'

export type { ShareAdapter, ShareButtonProps, ShareMessage, UpdatableShare } from './types'


/** The H5 preview has no chats: the page's link, to paste wherever the shopper likes. */
export function shareLink(message: ShareMessage, origin = window.location.origin): string {
  return `${origin}/#${message.path}`
}

// A link pasted anywhere must open in a browser: the whole address, not the bare page path.
// No chat cards on H5: a group is shared by its copied link.
export const shareAdapter: ShareAdapter = { enableMenu: () => undefined, linkOf: (m) => shareLink(m), prepareGroupShare: () => undefined } satisfies ShareAdapter

export default function ShareButton({ label, message, className }: ShareButtonProps) {
  const copy = () => {
    void Taro.setClipboardData({ data: shareLink(message) }).then(() => Taro.showToast({ title: '链接已复制，发给好友吧', icon: 'none' }))
  }
  return (
    <Button className={`share-button ${className ?? ''}`} onClick={copy}>
      {label}
    </Button>
  )
}
