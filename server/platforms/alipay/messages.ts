import { networkOutcome, type MessagesFacet, type OutgoingMessage, type SendOutcome } from '../types'
import { alipayAnswerDetail, alipaySystemBusy, type AlipayCore } from './core'

/** The one call we make, so tests can stand in for alipay-sdk. */
export type AlipayMessageApi = (biz: Record<string, string>) => Promise<{ code?: string; msg?: string; subCode?: string; subMsg?: string }>

export function liveAlipayMessageApi(core: AlipayCore): AlipayMessageApi {
  return (biz) => core.exec('alipay.open.app.mini.templatemessage.send', { bizContent: biz })
}

/**
 * Alipay subscribe messages: alipay.open.app.mini.templatemessage.send with to_user_id (or
 * to_open_id for apps on open_id), user_template_id, page and data as a JSON string of
 * {keyword: {value}}. No idempotency key either: not idempotent.
 */
export function alipayMessages(api: AlipayMessageApi): MessagesFacet {
  return {
    id: 'alipay',
    idempotent: false,
    async send(m: OutgoingMessage): Promise<SendOutcome> {
      const id = m.recipient.externalId
      const to: Record<string, string> = /^2088\d{12}$/.test(id) ? { to_user_id: id } : { to_open_id: m.recipient.openId ?? id }
      const biz = {
        ...to,
        user_template_id: m.templateId,
        page: m.page,
        data: JSON.stringify(Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }]))),
      }
      let res: Awaited<ReturnType<AlipayMessageApi>>
      try {
        res = await api(biz)
      } catch (err) {
        return networkOutcome(err)
      }
      if (res.code === '10000') return { kind: 'sent' }
      const detail = alipayAnswerDetail(res)
      // 20000 service unavailable, system errors, and 20001 auth token issues on Alipay's side: nothing was sent.
      if (alipaySystemBusy(res) || res.code === '20001') return { kind: 'retry', detail }
      // The shopper has no subscription left for this template.
      if (/SUBSCRIBE|QUOTA|USER_NOT_SUB/i.test(res.subCode ?? '')) return { kind: 'no_quota', detail }
      return { kind: 'rejected', detail }
    },
  }
}
