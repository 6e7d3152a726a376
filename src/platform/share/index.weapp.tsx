import { Button } from '@tarojs/components'
import type { ShareAdapter, ShareButtonProps } from './types'

export type { ShareAdapter, ShareButtonProps, ShareMessage } from './types'

declare const wx: { showShareMenu?(options: { withShareTicket?: boolean; menus?: string[]; fail?: () => void }): void }

export const shareAdapter: ShareAdapter = {
  // wx.showShareMenu({withShareTicket, menus}): "发送给朋友" in the ··· menu; withShareTicket so a
  // share into a group carries its shareTicket (the page's onShareAppMessage gives the card).
  enableMenu() {
    if (typeof wx === 'undefined' || typeof wx.showShareMenu !== 'function') return
    wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'], fail: () => undefined })
  },
  linkOf: (m) => m.path,
} satisfies ShareAdapter

/** <button open-type="share">: WeChat opens the chat picker and asks the page's onShareAppMessage ({from: 'button'}). */
export default function ShareButton({ label, className }: ShareButtonProps) {
  return (
    <Button className={`share-button ${className ?? ''}`} openType="share">
      {label}
    </Button>
  )
}
