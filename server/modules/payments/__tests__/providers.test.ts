import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin'
import { alipayVerifier, fenToYuan, verifyAlipayNotify, yuanToFen } from '../providers/alipay'
import { loadSandboxKeys } from '../providers/sandbox'
import { requestPaymentParams, verifyWechatNotify } from '../providers/wechat'

/** The tests' own keys, independent of the sandbox's. */
const pair = () =>
  crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } })
const platform = pair()
const stranger = pair()
const apiV3Key = 'abcdefghijklmnopqrstuvwxyz012345'
const serial = 'PUB_KEY_ID_TEST'
const NOW = new Date('2026-11-23T12:00:00Z')

function wechatNotify(tx: object, o: { key?: string; ts?: number; v3key?: string } = {}) {
  const nonce = 'n0nce1234567'
  const body = JSON.stringify({
    id: 'evt-1',
    event_type: 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: Aes.AesGcm.encrypt(JSON.stringify(tx), o.v3key ?? apiV3Key, nonce, 'transaction'), associated_data: 'transaction', nonce },
  })
  const ts = String(o.ts ?? Math.floor(NOW.getTime() / 1000))
  const hn = Formatter.nonce()
  return {
    headers: { 'wechatpay-timestamp': ts, 'wechatpay-nonce': hn, 'wechatpay-serial': serial, 'wechatpay-signature': Rsa.sign(Formatter.response(ts, hn, body), (o.key ?? platform.privateKey) as never) },
    body,
  }
}
const TX = { appid: 'wxTEST', mchid: '1900000009', out_trade_no: 'T1', transaction_id: '4200001', trade_state: 'SUCCESS', amount: { total: 1234 } }
const keys = { apiV3Key, platformKeys: new Map([[serial, platform.publicKey]]) }

describe('wechat v3 crypto', () => {
  it('verifies and decrypts a notify signed with the platform key', () => {
    const r = verifyWechatNotify(keys, wechatNotify(TX), NOW)
    expect(r).toEqual({ ok: true, event: { outTradeNo: 'T1', amount: 1234, appId: 'wxTEST', merchantId: '1900000009', tradeId: '4200001', success: true } })
  })

  it('refuses another key, a tampered body, a stale timestamp, an unknown serial and a wrong APIv3 key', () => {
    expect(verifyWechatNotify(keys, wechatNotify(TX, { key: stranger.privateKey }), NOW)).toMatchObject({ ok: false, reason: 'bad_signature' })
    const n = wechatNotify(TX)
    expect(verifyWechatNotify(keys, { ...n, body: n.body.replace('evt-1', 'evt-2') }, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(verifyWechatNotify(keys, wechatNotify(TX, { ts: Math.floor(NOW.getTime() / 1000) - 301 }), NOW)).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(verifyWechatNotify(keys, { ...n, headers: { ...n.headers, 'wechatpay-serial': 'OTHER' } }, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(verifyWechatNotify(keys, wechatNotify(TX, { v3key: 'zyxwvutsrqponmlkjihgfedcba543210' }), NOW)).toMatchObject({ ok: false, reason: 'bad_format' })
  })

  it('a replayed notify verifies within five minutes only (the database makes it a duplicate)', () => {
    const n = wechatNotify(TX)
    expect(verifyWechatNotify(keys, n, new Date(NOW.getTime() + 299_000)).ok).toBe(true)
    expect(verifyWechatNotify(keys, n, new Date(NOW.getTime() + 301_000)).ok).toBe(false)
  })

  it('signs paySign over appId, timeStamp, nonceStr and package, each followed by a newline', () => {
    const merchant = pair()
    const p = requestPaymentParams({ appId: 'wxTEST', merchantPrivateKey: merchant.privateKey }, 'wx201410272009395522657a690389285100', NOW)
    expect(p).toMatchObject({ timeStamp: String(NOW.getTime() / 1000), package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' })
    const msg = `wxTEST\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`
    expect(crypto.createVerify('RSA-SHA256').update(msg).verify(merchant.publicKey, p.paySign, 'base64')).toBe(true)
    expect(crypto.createVerify('RSA-SHA256').update(msg.slice(0, -1)).verify(merchant.publicKey, p.paySign, 'base64')).toBe(false)
  })
})

describe('alipay RSA2 notify', () => {
  const app = pair()
  const sdk = alipayVerifier({ appId: '2021TEST', privateKey: app.privateKey, alipayPublicKey: platform.publicKey })
  const fields = { app_id: '2021TEST', out_trade_no: 'A1', total_amount: '12.34', trade_status: 'TRADE_SUCCESS', trade_no: '2026X', seller_id: '2088TEST', subject: '测试 & 订单=1' }
  const form = (key: string, f: Record<string, string> = fields) => {
    const content = Object.keys(f).sort().map((k) => `${k}=${f[k]}`).join('&')
    const sign = crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64')
    return { headers: {}, body: new URLSearchParams({ ...f, sign_type: 'RSA2', sign }).toString() }
  }

  it('verifies a form notify with special characters and converts yuan to fen', () => {
    expect(verifyAlipayNotify(sdk, form(platform.privateKey))).toEqual({ ok: true, event: { outTradeNo: 'A1', amount: 1234, appId: '2021TEST', merchantId: '2088TEST', tradeId: '2026X', success: true } })
  })

  it('refuses another key and a tampered field', () => {
    expect(verifyAlipayNotify(sdk, form(stranger.privateKey))).toMatchObject({ ok: false, reason: 'bad_signature' })
    const n = form(platform.privateKey)
    expect(verifyAlipayNotify(sdk, { ...n, body: n.body.replace('total_amount=12.34', 'total_amount=0.01') })).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(verifyAlipayNotify(sdk, { headers: {}, body: 'out_trade_no=A1' })).toMatchObject({ ok: false, reason: 'bad_signature' })
  })

  it('amounts', () => {
    expect(yuanToFen('12.34')).toBe(1234)
    expect(yuanToFen('12.3')).toBe(1230)
    expect(yuanToFen('12')).toBe(1200)
    expect(yuanToFen('-1.00')).toBeNull()
    expect(yuanToFen('1.234')).toBeNull()
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(19900)).toBe('199.00')
  })
})

describe('sandbox keys', () => {
  it('are generated once into DATA_DIR with mode 0600 and reused on the next start', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-paykeys-'))
    try {
      const a = loadSandboxKeys(dir)
      const file = path.join(dir, 'sandbox-pay-keys.json')
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      expect(a.apiV3Key).toHaveLength(32)
      expect(loadSandboxKeys(dir)).toEqual(a)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
