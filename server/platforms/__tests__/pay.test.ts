import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin'
import { AlipayCore, alipaySdk, fenToYuan, yuanToFen } from '../alipay/core'
import { AlipayPay, verifyAlipayNotify, type AlipayPayApi } from '../alipay/pay'
import { loadSandboxKeys } from '../sandbox/core'
import { refundAnswer, requestPaymentParams, verifyWechatNotify } from '../wechat/pay'
import { ProviderError } from '../types'

/** The tests' own keys, independent of the sandbox's. */
const pair = () =>
  crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } })
const platform = pair()
const stranger = pair()
const apiV3Key = 'abcdefghijklmnopqrstuvwxyz012345'
const serial = 'PUB_KEY_ID_TEST'
const NOW = new Date('2026-11-23T12:00:00Z')

function wechatNotify(tx: object, o: { key?: string; ts?: number; v3key?: string; event?: string } = {}) {
  const nonce = 'n0nce1234567'
  const kind = o.event?.startsWith('REFUND.') ? 'refund' : 'transaction'
  const body = JSON.stringify({
    id: 'evt-1',
    event_type: o.event ?? 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: Aes.AesGcm.encrypt(JSON.stringify(tx), o.v3key ?? apiV3Key, nonce, kind), associated_data: kind, nonce },
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
    expect(r).toEqual({ ok: true, event: { kind: 'payment', outTradeNo: 'T1', amount: 1234, appId: 'wxTEST', merchantId: '1900000009', tradeId: '4200001', success: true } })
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

  it('verifies refund notifies: REFUND.SUCCESS succeeds, ABNORMAL and CLOSED fail, a forged one is refused', () => {
    const refund = { mchid: '1900000009', out_trade_no: 'T1', transaction_id: '4200001', out_refund_no: 'T1R01', refund_id: '5030001', refund_status: 'SUCCESS', amount: { total: 1234, refund: 500 } }
    expect(verifyWechatNotify(keys, wechatNotify(refund, { event: 'REFUND.SUCCESS' }), NOW)).toEqual({
      ok: true,
      event: { kind: 'refund', outTradeNo: 'T1', outRefundNo: 'T1R01', amount: 500, merchantId: '1900000009', appId: null, refundId: '5030001', state: 'succeeded' },
    })
    for (const status of ['ABNORMAL', 'CLOSED']) {
      const r = verifyWechatNotify(keys, wechatNotify({ ...refund, refund_status: status }, { event: `REFUND.${status}` }), NOW)
      expect(r).toMatchObject({ ok: true, event: { kind: 'refund', state: 'failed' } })
    }
    expect(verifyWechatNotify(keys, wechatNotify(refund, { event: 'REFUND.SUCCESS', key: stranger.privateKey }), NOW)).toMatchObject({ ok: false, reason: 'bad_signature' })
    const { out_refund_no: _, ...noNumber } = refund
    expect(verifyWechatNotify(keys, wechatNotify(noNumber, { event: 'REFUND.SUCCESS' }), NOW)).toMatchObject({ ok: false, reason: 'bad_format' })
  })

  it('maps refund answers: SUCCESS, PROCESSING, ABNORMAL, and a refusal with its code', () => {
    expect(refundAnswer({ status: 'SUCCESS', refund_id: 'r1' })).toEqual({ state: 'succeeded', refundId: 'r1' })
    expect(refundAnswer({ status: 'PROCESSING', refund_id: 'r1' })).toEqual({ state: 'pending', refundId: 'r1' })
    expect(refundAnswer({ status: 'ABNORMAL' })).toMatchObject({ state: 'failed' })
    expect(refundAnswer({ code: 'NOT_ENOUGH', message: '基本账户余额不足' })).toEqual({ state: 'failed', message: 'NOT_ENOUGH 基本账户余额不足' })
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
  const sdk = alipaySdk({ appId: '2021TEST', privateKey: app.privateKey, alipayPublicKey: platform.publicKey })
  const fields = { app_id: '2021TEST', out_trade_no: 'A1', total_amount: '12.34', trade_status: 'TRADE_SUCCESS', trade_no: '2026X', seller_id: '2088TEST', subject: '测试 & 订单=1' }
  const form = (key: string, f: Record<string, string> = fields) => {
    const content = Object.keys(f).sort().map((k) => `${k}=${f[k]}`).join('&')
    const sign = crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64')
    return { headers: {}, body: new URLSearchParams({ ...f, sign_type: 'RSA2', sign }).toString() }
  }

  it('verifies a form notify with special characters and converts yuan to fen', () => {
    expect(verifyAlipayNotify(sdk, form(platform.privateKey))).toEqual({ ok: true, event: { kind: 'payment', outTradeNo: 'A1', amount: 1234, appId: '2021TEST', merchantId: '2088TEST', tradeId: '2026X', success: true } })
  })

  it('refuses another key and a tampered field', () => {
    expect(verifyAlipayNotify(sdk, form(stranger.privateKey))).toMatchObject({ ok: false, reason: 'bad_signature' })
    const n = form(platform.privateKey)
    expect(verifyAlipayNotify(sdk, { ...n, body: n.body.replace('total_amount=12.34', 'total_amount=0.01') })).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(verifyAlipayNotify(sdk, { headers: {}, body: 'out_trade_no=A1' })).toMatchObject({ ok: false, reason: 'bad_signature' })
  })

  it('reads a refund notify (out_biz_no, send_back_fee) as a refund event', () => {
    const refund = { ...fields, out_biz_no: 'A1R01', refund_fee: '5.00', send_back_fee: '5.00', gmt_refund: '2026-11-23 12:00:00.000' }
    expect(verifyAlipayNotify(sdk, form(platform.privateKey, refund))).toEqual({
      ok: true,
      event: { kind: 'refund', outTradeNo: 'A1', outRefundNo: 'A1R01', amount: 500, merchantId: '2088TEST', appId: '2021TEST', refundId: '2026X', state: 'succeeded' },
    })
    expect(verifyAlipayNotify(sdk, form(stranger.privateKey, refund))).toMatchObject({ ok: false, reason: 'bad_signature' })
  })

  it('refunds: fundChange Y is done; N (a repeat) asks fastpay.refund.query; a refusal fails with its code; an outage throws', async () => {
    let answer: Awaited<ReturnType<AlipayPayApi['tradeRefund']>> = { code: '10000', fundChange: 'Y' }
    let query: Awaited<ReturnType<AlipayPayApi['refundQuery']>> = { code: '10000', refundStatus: 'REFUND_SUCCESS', refundAmount: '5.00' }
    const calls: string[] = []
    const api: AlipayPayApi = {
      tradeCreate: async () => ({}),
      tradeQuery: async () => ({}),
      tradeClose: async () => {},
      tradeRefund: async (biz) => {
        calls.push(`refund ${biz.outRequestNo} ${biz.refundAmount}`)
        if (answer.code === 'down') throw new Error('ECONNRESET')
        return answer
      },
      refundQuery: async (out, no) => {
        calls.push(`query ${out} ${no}`)
        return query
      },
    }
    const provider = new AlipayPay(new AlipayCore({ appId: '2021TEST', privateKey: app.privateKey, alipayPublicKey: platform.publicKey, sellerId: null }), api, 'https://shop/notify')
    const r = { outTradeNo: 'A1', tradeId: '2026X', outRefundNo: 'A1R01', total: 1234, amount: 500, reason: '退货' }
    expect(await provider.refund(r)).toEqual({ state: 'succeeded', refundId: 'A1R01' })
    answer = { code: '10000', fundChange: 'N' }
    expect(await provider.refund(r)).toEqual({ state: 'succeeded', refundId: 'A1R01' })
    query = { code: '10000' }
    expect(await provider.refund(r)).toEqual({ state: 'pending' })
    answer = { code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST', subMsg: '交易不存在' }
    expect(await provider.refund(r)).toEqual({ state: 'failed', message: 'ACQ.TRADE_NOT_EXIST 交易不存在' })
    answer = { code: '20000', subCode: 'ACQ.SYSTEM_ERROR' }
    expect((await provider.refund(r)).state).toBe('pending')
    answer = { code: 'down' }
    await expect(provider.refund(r)).rejects.toBeInstanceOf(ProviderError)
    expect(calls[0]).toBe('refund A1R01 5.00')
    expect(calls).toContain('query A1 A1R01')
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
