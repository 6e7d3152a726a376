import crypto from 'node:crypto'
import type { CardPlatform, MemberCardSettings } from '../../../src/domain/member-cards'
export type { CardPlatform }
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'


export interface CardRow {
  id: number
  user_id: number
  platform: CardPlatform
  card_no: string
  external_id: string | null
  status: 'opening' | 'active'
  opened_at: Date | null
}

export interface ShopperRow {
  platform: 'weapp' | 'alipay' | 'h5'
  external_id: string
  open_id: string | null
}

export async function readSettings(q: Queryable): Promise<MemberCardSettings> {
  const r = await q.one<{ alipay_template_id: string | null; wechat_card_id: string | null; title: string; color: string }>(
    'SELECT alipay_template_id, wechat_card_id, title, color FROM member_card_settings WHERE id = 1',
  )
  return { alipayTemplateId: r.alipay_template_id, wechatCardId: r.wechat_card_id, title: r.title, color: r.color }
}

export async function writeSettings(q: Queryable, s: MemberCardSettings, at: Date): Promise<void> {
  await q.query('UPDATE member_card_settings SET alipay_template_id = $1, wechat_card_id = $2, title = $3, color = $4, updated_at = $5 WHERE id = 1', [
    s.alipayTemplateId,
    s.wechatCardId,
    s.title,
    s.color,
    at,
  ])
}

export function shopperOf(q: Queryable, userId: number): Promise<ShopperRow> {
  return q.one<ShopperRow>('SELECT platform, external_id, open_id FROM users WHERE id = $1', [userId])
}

export function cardOf(q: Queryable, userId: number, platform: CardPlatform): Promise<CardRow | null> {
  return q.maybeOne<CardRow>('SELECT id, user_id, platform, card_no, external_id, status, opened_at FROM member_cards WHERE user_id = $1 AND platform = $2', [userId, platform])
}

export async function activeCards(q: Queryable, userId: number): Promise<CardRow[]> {
  return (await q.query<CardRow>("SELECT id, user_id, platform, card_no, external_id, status, opened_at FROM member_cards WHERE user_id = $1 AND status = 'active' ORDER BY id", [userId])).rows
}

/** The shop's card number: 'D' and 11 digits. */
export const newCardNo = () => `D${String(crypto.randomInt(1e11)).padStart(11, '0')}`

/**
 * The shopper's card on this platform, created 'opening' with a new number the first time.
 * Two opens at once leave one row (UNIQUE (user_id, platform)); a number already taken by
 * someone else (UNIQUE card_no) is drawn again.
 */
export async function ensureCard(q: Queryable, userId: number, platform: CardPlatform, at: Date): Promise<CardRow> {
  for (let i = 0; i < 5; i++) {
    await q.query(
      `INSERT INTO member_cards (user_id, platform, card_no, status, created_at) VALUES ($1, $2, $3, 'opening', $4)
       ON CONFLICT DO NOTHING`,
      [userId, platform, newCardNo(), at],
    )
    const row = await cardOf(q, userId, platform)
    if (row) return row
  }
  throw new Error('member card: no free card number after 5 draws')
}

/** opening → active once: answers whether this call did it (a second activation finds it active). */
export async function markActive(q: Queryable, id: number, externalId: string, at: Date): Promise<boolean> {
  const r = await q.query("UPDATE member_cards SET status = 'active', external_id = $2, opened_at = $3 WHERE id = $1 AND status = 'opening'", [id, externalId, at])
  return r.rowCount > 0
}

export const openedAtOf = (r: CardRow | null) => (r?.opened_at ? iso(r.opened_at) : null)
