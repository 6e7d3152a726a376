import type { GiftView } from '@/domain/gifts'
import { api, imageUrl } from './http'

/** Item images and the giver's avatar are server paths: absolute for the mini-programs' <image>. */
function reshape(g: GiftView): GiftView {
  return {
    ...g,
    giver: { ...g.giver, avatar: g.giver.avatar ? imageUrl(g.giver.avatar) : null },
    items: g.items.map((i) => ({ ...i, image: imageUrl(i.image) })),
  }
}

/** GET /api/gifts/:code: anyone with the card may look (the token, when there is one, says who is looking). */
export async function fetchGift(code: string): Promise<GiftView> {
  return reshape(await api<GiftView>('GET', `/api/gifts/${encodeURIComponent(code)}`))
}

/** POST /api/gifts/:code/claim {addressId}: one share to this address (409 GIFT_* when it can't be). */
export async function claimGift(code: string, addressId: number): Promise<GiftView> {
  return reshape(await api<GiftView>('POST', `/api/gifts/${encodeURIComponent(code)}/claim`, { body: { addressId } }))
}

export type GiftRole = 'sent' | 'received'

/** GET /api/gifts?role=sent|received: the shopper's gifts, newest first. */
export async function fetchGifts(role: GiftRole): Promise<GiftView[]> {
  return (await api<{ items: GiftView[] }>('GET', '/api/gifts', { query: { role } })).items.map(reshape)
}
