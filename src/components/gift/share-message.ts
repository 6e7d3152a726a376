import type { ShareMessage } from '@/platform/share/types'

/**
 * The gift card in a chat: "<giver> 送你一份礼物" with the product's picture, opening the gift
 * page (`path`: route.gift(code); routes belong to the pages, so the caller passes it).
 */
export function giftShareMessage(path: string, giver: string | null | undefined, image: string | undefined): ShareMessage {
  const who = giver?.trim() || '好友'
  return { title: `${who} 送你一份礼物`, path, ...(image ? { imageUrl: image } : {}) }
}
