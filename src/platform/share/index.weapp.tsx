import { Button } from '@tarojs/components'
import type { ShareAdapter, ShareButtonProps } from './types'

export type { ShareAdapter, ShareButtonProps, ShareMessage, UpdatableShare } from './types'

interface UpdateShareMenuOptions {
  withShareTicket: boolean
  isUpdatableMessage: boolean
  activityId: string
  templateInfo: { parameterList: { name: 'member_count' | 'room_limit'; value: string }[] }
  fail?: () => void
}

declare const wx: {
  showShareMenu?(options: { withShareTicket?: boolean; menus?: string[]; fail?: () => void }): void
  updateShareMenu?(options: UpdateShareMenuOptions): void
}

export const shareAdapter: ShareAdapter = {
  // wx.showShareMenu({withShareTicket, menus}): "发送给朋友" in the ··· menu; withShareTicket so a
  // share into a group carries its shareTicket (the page's onShareAppMessage gives the card).
  enableMenu() {
    if (typeof wx === 'undefined' || typeof wx.showShareMenu !== 'function') return
    wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'], fail: () => undefined })
  },
  linkOf: (m) => m.path,
  // wx.updateShareMenu({withShareTicket, isUpdatableMessage, activityId, templateInfo: {parameterList:
  // [{name: 'member_count'}, {name: 'room_limit'}]}}) (base library 2.4.0): the next share of this
  // page is a 动态消息 whose "N/M" the server moves on with updatableMessage.setUpdatableMsg.
  prepareGroupShare({ activityId, memberCount, roomLimit }) {
    if (typeof wx === 'undefined' || typeof wx.updateShareMenu !== 'function') return
    wx.updateShareMenu({
      withShareTicket: true,
      isUpdatableMessage: true,
      activityId,
      templateInfo: {
        parameterList: [
          { name: 'member_count', value: String(memberCount) },
          { name: 'room_limit', value: String(roomLimit) },
        ],
      },
      // An account without the template: the card is an ordinary share, which still works.
      fail: () => undefined,
    })
  },
} satisfies ShareAdapter

/** <button open-type="share">: WeChat opens the chat picker and asks the page's onShareAppMessage ({from: 'button'}). */
export default function ShareButton({ label, className }: ShareButtonProps) {
  return (
    <Button className={`share-button ${className ?? ''}`} openType="share">
      {label}
    </Button>
  )
}
