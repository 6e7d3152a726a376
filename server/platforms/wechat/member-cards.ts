import crypto from 'node:crypto'
import { CardRefused, ProviderError, type WechatMemberCardsFacet } from '../types'
import { WECHAT_API } from './core'
import type { TokenSource } from './messages'
import { wechatTokenCall } from './token-call'

/** The three card calls, so the sandbox can play WeChat under the same facet. */
export interface WechatCardApi {
  /** GET cgi-bin/ticket/getticket?type=wx_card → {ticket, expires_in} (the card api_ticket, valid 7200 s). */
  getTicket(): Promise<{ ticket: string; expiresIn: number }>
  /** POST card/code/decrypt {encrypt_code} → {code}. */
  decrypt(encryptCode: string): Promise<string>
  /** POST card/membercard/updateuser {code, card_id, bonus, custom_field_value1}. */
  updateUser(body: { code: string; card_id: string; bonus: number; custom_field_value1: string }): Promise<void>
}

export function liveWechatCardApi(tokens: TokenSource, fetchImpl: typeof fetch = fetch): WechatCardApi {
  const withToken = wechatTokenCall(tokens)
  const post = (path: string, body: unknown) => (token: string) =>
    fetchImpl(`${WECHAT_API}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
  return {
    async getTicket() {
      const r = await withToken<{ ticket?: string; expires_in?: number; errcode?: number }>('ticket/getticket', (token) =>
        fetchImpl(`${WECHAT_API}/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(token)}&type=wx_card`, { signal: AbortSignal.timeout(10_000) }),
      )
      if (!r.ticket) throw new ProviderError('WeChat ticket/getticket: no ticket')
      return { ticket: r.ticket, expiresIn: r.expires_in ?? 7200 }
    },
    async decrypt(encryptCode) {
      const r = await withToken<{ code?: string; errcode?: number }>('card/code/decrypt', post('/card/code/decrypt', { encrypt_code: encryptCode })).catch((err: unknown) => {
        // 40056 invalid serial code: not a code WeChat encrypted for this account.
        if (err instanceof ProviderError && /errcode 40056/.test(err.message)) throw new CardRefused(err.message)
        throw err
      })
      if (!r.code) throw new ProviderError('WeChat card/code/decrypt: no code')
      return r.code
    },
    async updateUser(body) {
      await withToken('card/membercard/updateuser', post('/card/membercard/updateuser', body))
    },
  }
}

/**
 * 卡券签名: SHA1 of the values (not the names) of api_ticket, timestamp, card_id, code, openid
 * and nonce_str, the empty ones left out, sorted as strings (dictionary order) and joined.
 */
export function cardSignature(v: { apiTicket: string; timestamp: number | string; cardId: string; code?: string; openId?: string | null; nonceStr: string }): string {
  const values = [v.apiTicket, String(v.timestamp), v.cardId, v.code ?? '', v.openId ?? '', v.nonceStr].filter((x) => x !== '')
  return crypto.createHash('sha1').update(values.sort().join('')).digest('hex')
}

/**
 * WeChat's membership card for the mini-program: wx.addCard({cardList: [{cardId, cardExt}]})
 * with cardExt = JSON {code, openid, timestamp (seconds), nonce_str, signature, outer_str}
 * signed with the card api_ticket (cached until a while before it expires; one fetch at a
 * time), card/code/decrypt for the code addCard answers, card/membercard/updateuser for
 * points (bonus) and the level (custom_field_value1).
 */
export function wechatMemberCards(api: WechatCardApi, now: () => Date, sandbox = false): WechatMemberCardsFacet {
  let cached: { ticket: string; renewAt: number } | null = null
  let inflight: Promise<string> | null = null
  const ticket = (): Promise<string> => {
    if (cached && now().getTime() < cached.renewAt) return Promise.resolve(cached.ticket)
    inflight ??= api
      .getTicket()
      .then((t) => {
        cached = { ticket: t.ticket, renewAt: now().getTime() + Math.max(t.expiresIn - 300, t.expiresIn / 2) * 1000 }
        return t.ticket
      })
      .finally(() => {
        inflight = null
      })
    return inflight
  }

  return {
    id: 'wechat',
    sandbox,
    async cardExt(cardId, c) {
      const apiTicket = await ticket()
      const timestamp = Math.floor(now().getTime() / 1000)
      const nonceStr = crypto.randomBytes(12).toString('hex')
      const signature = cardSignature({ apiTicket, timestamp, cardId, code: c.code, openId: c.openId, nonceStr })
      const ext = { code: c.code, ...(c.openId ? { openid: c.openId } : {}), timestamp, nonce_str: nonceStr, signature, ...(c.outerStr ? { outer_str: c.outerStr } : {}) }
      return { cardExt: JSON.stringify(ext), timestamp, nonceStr, signature }
    },
    decryptCode: (encryptCode) => api.decrypt(encryptCode),
    async updateCard(u) {
      await api.updateUser({ code: u.code, card_id: u.cardId, bonus: u.bonus, custom_field_value1: u.levelName })
    },
  }
}
