import { Button } from '@tarojs/components'
import { ENTRY_LABEL, SERVICE_CONFIG } from './config'
import type { ServiceCard, ServiceConfig, ServiceEntryProps } from './types'

export type { ServiceCard, ServiceConfig, ServiceEntryProps } from './types'

declare const wx: {
  openCustomerServiceChat(options: {
    extInfo: { url: string }
    corpId: string
    showMessageCard?: boolean
    sendMessageTitle?: string
    sendMessagePath?: string
    sendMessageImg?: string
    success?(res: unknown): void
    fail?(err: { errMsg?: string }): void
  }): void
}

/** The message card's three fields (send-message-title / -path / -img), only when there is a card. */
export function cardFields(card?: ServiceCard): { showMessageCard: boolean; sendMessageTitle?: string; sendMessagePath?: string; sendMessageImg?: string } {
  if (!card) return { showMessageCard: false }
  return { showMessageCard: true, sendMessageTitle: card.title, sendMessagePath: card.path, ...(card.image ? { sendMessageImg: card.image } : {}) }
}

export function usesWecom(config: ServiceConfig = SERVICE_CONFIG): boolean {
  return config.wecomUrl !== '' && config.wecomCorpId !== ''
}

/**
 * WeCom customer service (微信客服): wx.openCustomerServiceChat({extInfo: {url}, corpId, …}), base
 * library 2.19.0+, only from a tap. False when the host can't (the caller then says so).
 */
export function openWecomChat(card?: ServiceCard, config: ServiceConfig = SERVICE_CONFIG): boolean {
  if (typeof wx === 'undefined' || typeof wx.openCustomerServiceChat !== 'function') return false
  try {
    wx.openCustomerServiceChat({ extInfo: { url: config.wecomUrl }, corpId: config.wecomCorpId, ...cardFields(card) })
    return true
  } catch {
    return false
  }
}

/**
 * WeChat: the mini-program's own customer service through <button open-type="contact"> with the
 * order as the session's message card; or WeCom's when a link and corp id are configured.
 */
export default function ServiceEntry({ card, sessionFrom, className }: ServiceEntryProps) {
  const cls = `service-entry ${className ?? ''}`
  if (usesWecom()) {
    return (
      <Button className={`${cls} service-entry--wecom`} onClick={() => void openWecomChat(card)}>
        {ENTRY_LABEL}
      </Button>
    )
  }
  return (
    <Button className={`${cls} service-entry--contact`} openType="contact" sessionFrom={sessionFrom ?? ''} {...cardFields(card)}>
      {ENTRY_LABEL}
    </Button>
  )
}
