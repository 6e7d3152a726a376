import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Queryable } from '../../db'
import { AlipayCore } from '../alipay/core'
import { alipayMemberCards, formFields, rgbOf } from '../alipay/member-cards'
import { SandboxCore, generateSandboxKeys } from '../sandbox/core'
import { SandboxMemberCards } from '../sandbox/member-cards'
import { cardSignature, wechatMemberCards } from '../wechat/member-cards'
import { ProviderError } from '../types'

const NOW = new Date('2026-12-05T12:00:00Z')
const keys = generateSandboxKeys()
const core = new SandboxCore(keys, () => NOW, null)
/** The sandbox's rows are not what these tests look at: a Queryable that keeps nothing. */
const noDb = { query: async () => ({ rows: [], rowCount: 1 }) } as unknown as Queryable
const desk = new SandboxMemberCards(core, noDb)

describe('WeChat cardExt (卡券签名)', () => {
  it('SHA1 of the non-empty values sorted as strings: a worked example', () => {
    // Values: api_ticket "ticket", timestamp 1404896688, card_id "pjZ8", nonce_str "abc" (no code, no openid).
    // Sorted: "1404896688" < "abc" < "pjZ8" < "ticket" (digits, then lower case by letter).
    const want = crypto.createHash('sha1').update('1404896688abcpjZ8ticket').digest('hex')
    expect(cardSignature({ apiTicket: 'ticket', timestamp: 1404896688, cardId: 'pjZ8', code: '', openId: null, nonceStr: 'abc' })).toBe(want)
    expect(want).toMatch(/^[0-9a-f]{40}$/)
  })

  it('the facet signs with the api_ticket; the sandbox accepts it, refuses a changed one, and the code decrypts back', async () => {
    const facet = wechatMemberCards(desk.wechatApi, () => NOW, true)
    const ext = await facet.cardExt('pCARD', { code: 'D00000000001', openId: 'o-1' })
    const parsed = JSON.parse(ext.cardExt) as Record<string, unknown>
    expect(parsed).toMatchObject({ code: 'D00000000001', openid: 'o-1', timestamp: Math.floor(NOW.getTime() / 1000), signature: ext.signature })
    expect(ext.signature).toBe(cardSignature({ apiTicket: desk.apiTicket, timestamp: ext.timestamp, cardId: 'pCARD', code: 'D00000000001', openId: 'o-1', nonceStr: ext.nonceStr }))
    const added = await desk.addCard({ cardId: 'pCARD', cardExt: ext.cardExt, openId: 'o-1' })
    expect(added?.code).toBeTruthy()
    expect(added?.code).not.toBe('D00000000001')
    expect(await facet.decryptCode(added?.code as string)).toBe('D00000000001')
    // Another code under the same signature, another card id, or another shopper: refused.
    expect(await desk.addCard({ cardId: 'pCARD', cardExt: JSON.stringify({ ...parsed, code: 'D00000000002' }), openId: 'o-1' })).toBeNull()
    expect(await desk.addCard({ cardId: 'pOTHER', cardExt: ext.cardExt, openId: 'o-1' })).toBeNull()
    expect(await desk.addCard({ cardId: 'pCARD', cardExt: ext.cardExt, openId: 'o-2' })).toBeNull()
    await expect(facet.decryptCode('not-a-code')).rejects.toBeInstanceOf(ProviderError)
  })
})

describe('Alipay member card over the sandbox gateway (requests and answers RSA2-signed)', () => {
  it('creates a template, opens a card from the form and updates it', async () => {
    const facet = alipayMemberCards(core.alipay, desk.alipayGateway)
    const templateId = await facet.createTemplate({ title: '会员卡', color: '#e4393c', openCardUrl: 'pages/index/index' })
    expect(templateId).toMatch(/^2026\d{28}$/)
    expect(await facet.activationUrl(templateId, 'out-1')).toContain(`template_id=${templateId}`)
    const form = await desk.submitForm({ templateId, userUniId: '2088000000000009', fields: { OPEN_FORM_FIELD_MOBILE: '13800000000' }, outString: 'out-1' })
    const read = await facet.readActivationForm(form)
    expect(read).toMatchObject({ userId: '2088000000000009', fields: { OPEN_FORM_FIELD_MOBILE: '13800000000' } })
    const a = await facet.openCard({ outSerialNo: 'D00000000001', templateId, form: read, cardNo: 'D00000000001', openedAt: NOW, level: '普通会员', point: 10 })
    // The same serial again: the same card, as Alipay answers.
    expect(await facet.openCard({ outSerialNo: 'D00000000001', templateId, form: read, cardNo: 'D00000000001', openedAt: NOW, level: '普通会员', point: 10 })).toEqual(a)
    await facet.updateCard({ bizCardNo: a.bizCardNo, occurAt: NOW, level: '银卡会员', point: 50 })
    // An auth code the form never issued: refused.
    await expect(facet.readActivationForm({ ...form, authCode: 'made-up' })).rejects.toThrow(/code-invalid/)
  })

  it('refuses an answer whose signature does not verify, and the sandbox refuses a request signed with another key', async () => {
    const tampered = alipayMemberCards(core.alipay, async (body) => (await desk.alipayGateway(body)).replace('"10000"', '"10001"'))
    await expect(tampered.activationUrl('T1', 'x')).rejects.toThrow(/signature does not verify/)
    const unsigned = alipayMemberCards(core.alipay, async (body) => (await desk.alipayGateway(body)).replace(/,"sign":"[^"]*"}$/, '}'))
    await expect(unsigned.activationUrl('T1', 'x')).rejects.toThrow(/not signed/)
    const other = generateSandboxKeys()
    // Another app's private key, the sandbox platform's public key: the gateway answers 40002 (signed, so it is read).
    const stranger = new AlipayCore({ appId: '2021000000000000', privateKey: other.alipayAppPrivate, alipayPublicKey: keys.alipayPlatformPublic, sellerId: null }, true)
    await expect(alipayMemberCards(stranger, desk.alipayGateway).activationUrl('T1', 'x')).rejects.toThrow(/invalid-signature/)
  })

  it('reads the form infos and colours as Alipay writes them', () => {
    expect(formFields('[{"OPEN_FORM_FIELD_MOBILE":"138"},{"OPEN_FORM_FIELD_NAME":"张三"}]')).toEqual({ OPEN_FORM_FIELD_MOBILE: '138', OPEN_FORM_FIELD_NAME: '张三' })
    expect(formFields('nonsense')).toEqual({})
    expect(rgbOf('#e4393c')).toBe('rgb(228,57,60)')
  })
})
