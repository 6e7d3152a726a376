import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin'
import { AlipayCore } from '../alipay/core'
import { AlipayTransfers, liveAlipayTransferApi, type AlipayTransferAnswer, type AlipayTransferApi } from '../alipay/transfers'
import { WechatCore } from '../wechat/core'
import { WechatTransfers, liveWechatTransferApi, type WechatTransferApi, type WechatTransferBill } from '../wechat/transfers'
import { ProviderError } from '../types'

const pair = () =>
  crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } })
const platform = pair()
const merchant = pair()
const stranger = pair()
const apiV3Key = 'abcdefghijklmnopqrstuvwxyz012345'
const serial = 'PUB_KEY_ID_TEST'
const NOW = new Date('2026-11-23T12:00:00Z')
const REQ = { outBillNo: 'W20261123ABCDEF123456', amount: 1234, openId: 'o-openid-1', remark: '推广佣金提现' }

function wechat(answer: () => WechatTransferBill | null | Error) {
  const calls: { create: Record<string, unknown>[]; query: string[] } = { create: [], query: [] }
  const reply = async () => {
    const a = answer()
    if (a instanceof Error) throw a
    return a
  }
  const api: WechatTransferApi = {
    createBill: async (body) => {
      calls.create.push(body)
      return (await reply()) ?? {}
    },
    queryBill: async (out) => {
      calls.query.push(out)
      return reply()
    },
  }
  const core = new WechatCore({ appId: 'wxTEST', mchId: '1900000009', merchantPrivateKey: merchant.privateKey, apiV3Key, platformKeys: new Map([[serial, platform.publicKey]]) }, () => NOW)
  return { facet: new WechatTransfers(core, api, 'https://shop.example/api/withdrawals/notify/wechat', '1000'), calls }
}

function notify(resource: object, key = platform.privateKey) {
  const nonce = 'n0nce1234567'
  const body = JSON.stringify({
    id: 'evt-1',
    event_type: 'MCHTRANSFER.BILL.FINISHED',
    resource_type: 'encrypt-resource',
    resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'mch_payment', ciphertext: Aes.AesGcm.encrypt(JSON.stringify(resource), apiV3Key, nonce, 'mch_payment'), associated_data: 'mch_payment', nonce },
  })
  const ts = String(Math.floor(NOW.getTime() / 1000))
  const hn = Formatter.nonce()
  return { headers: { 'wechatpay-timestamp': ts, 'wechatpay-nonce': hn, 'wechatpay-serial': serial, 'wechatpay-signature': Rsa.sign(Formatter.response(ts, hn, body), key as never) }, body }
}

describe('WeChat 商家转账 (transfer-bills)', () => {
  it('sends the exact body and maps WAIT_USER_CONFIRM to waiting_confirm with its package_info', async () => {
    const { facet, calls } = wechat(() => ({ out_bill_no: REQ.outBillNo, transfer_bill_no: '1330000071100999991182020050700019480001', state: 'WAIT_USER_CONFIRM', package_info: 'affffddafdfafddffda==' }))
    expect(await facet.transfer(REQ)).toEqual({ kind: 'waiting_confirm', platformBillNo: '1330000071100999991182020050700019480001', packageInfo: 'affffddafdfafddffda==' })
    expect(calls.create).toEqual([
      {
        appid: 'wxTEST',
        out_bill_no: REQ.outBillNo,
        transfer_scene_id: '1000',
        openid: 'o-openid-1',
        transfer_amount: 1234,
        transfer_remark: '推广佣金提现',
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: '推广员佣金' },
          { info_type: '奖励说明', info_content: '推广佣金提现' },
        ],
        notify_url: 'https://shop.example/api/withdrawals/notify/wechat',
      },
    ])
    expect(facet.merchantId).toBe('1900000009')
    expect(facet.appId).toBe('wxTEST')
  })

  it('maps the states: SUCCESS, FAIL / CANCELLED, ACCEPTED / PROCESSING; a refusal fails, SYSTEM_ERROR and an outage throw', async () => {
    let answer: WechatTransferBill | Error = { state: 'SUCCESS', transfer_bill_no: 'B1' }
    const { facet } = wechat(() => answer)
    expect(await facet.transfer(REQ)).toEqual({ kind: 'succeeded', platformBillNo: 'B1' })
    answer = { state: 'FAIL', fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }
    expect(await facet.transfer(REQ)).toEqual({ kind: 'failed', detail: 'FAIL PAYEE_ACCOUNT_ABNORMAL' })
    answer = { state: 'CANCELLED' }
    expect(await facet.transfer(REQ)).toMatchObject({ kind: 'failed' })
    for (const state of ['ACCEPTED', 'PROCESSING', 'CANCELING']) {
      answer = { state, transfer_bill_no: 'B2' }
      expect(await facet.transfer(REQ)).toEqual({ kind: 'processing', platformBillNo: 'B2' })
    }
    answer = { code: 'NOT_ENOUGH', message: '商户运营账户资金不足' }
    expect(await facet.transfer(REQ)).toEqual({ kind: 'failed', detail: 'NOT_ENOUGH 商户运营账户资金不足' })
    answer = { code: 'SYSTEM_ERROR', message: '系统繁忙' }
    await expect(facet.transfer(REQ)).rejects.toBeInstanceOf(ProviderError)
    answer = new Error('ECONNRESET')
    await expect(facet.transfer(REQ)).rejects.toBeInstanceOf(ProviderError)
  })

  it('queries by out_bill_no; an unknown bill is null', async () => {
    let answer: WechatTransferBill | null = { state: 'WAIT_USER_CONFIRM', package_info: 'pkg' }
    const { facet, calls } = wechat(() => answer)
    expect(await facet.query(REQ.outBillNo)).toMatchObject({ kind: 'waiting_confirm', packageInfo: 'pkg' })
    answer = null
    expect(await facet.query(REQ.outBillNo)).toBeNull()
    expect(calls.query).toEqual([REQ.outBillNo, REQ.outBillNo])
  })

  it('verifies the result notify with the pay notifies\' v3 check; a forged one is refused', () => {
    const { facet } = wechat(() => null)
    const resource = { out_bill_no: REQ.outBillNo, transfer_bill_no: 'B1', state: 'SUCCESS', mch_id: '1900000009', transfer_amount: 1234, openid: 'o-openid-1' }
    expect(facet.verifyNotify(notify(resource))).toEqual({ ok: true, outBillNo: REQ.outBillNo, outcome: { kind: 'succeeded', platformBillNo: 'B1' } })
    expect(facet.verifyNotify(notify({ ...resource, state: 'FAIL', fail_reason: 'TRANSFER_RISK' }))).toMatchObject({ ok: true, outcome: { kind: 'failed', detail: 'FAIL TRANSFER_RISK' } })
    expect(facet.verifyNotify(notify(resource, stranger.privateKey))).toMatchObject({ ok: false, reason: 'bad_signature' })
    const { out_bill_no: _, ...noNumber } = resource
    expect(facet.verifyNotify(notify(noNumber))).toMatchObject({ ok: false, reason: 'bad_format' })
  })
})

describe('the live v3 client', () => {
  it('POSTs /v3/fund-app/mch-transfer/transfer-bills and GETs …/out-bill-no/{out_bill_no} on api.mch.weixin.qq.com; 404 is null, a 4xx refusal its code', async () => {
    const seen: string[] = []
    let status = 200
    let data: object = { out_bill_no: 'W1', state: 'WAIT_USER_CONFIRM', package_info: 'pkg' }
    // An axios adapter standing in for the network: answers signed with the platform key, as WeChat signs them (the client checks).
    const adapter = async (config: { method: string; baseURL: string; url: string; data?: string }) => {
      seen.push(`${config.method.toUpperCase()} ${config.baseURL}${config.url} ${config.data ?? ''}`.trim())
      const body = JSON.stringify(data)
      const ts = String(Math.floor(Date.now() / 1000))
      const nonce = Formatter.nonce()
      const headers = { 'wechatpay-timestamp': ts, 'wechatpay-nonce': nonce, 'wechatpay-serial': serial, 'wechatpay-signature': Rsa.sign(Formatter.response(ts, nonce, body), platform.privateKey as never), 'content-type': 'application/json' }
      const response = { status, statusText: '', headers, config, data: body }
      if (status >= 400) throw Object.assign(new Error(`HTTP ${status}`), { response: { ...response, data } })
      return response
    }
    const merchantPkcs8 = crypto.createPrivateKey(merchant.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string
    const client = new Wechatpay({ mchid: '1900000009', serial: 'MERCHANT_SERIAL', privateKey: merchantPkcs8, certs: { [serial]: platform.publicKey }, adapter } as never)
    const api = liveWechatTransferApi(client)
    expect(await api.createBill({ out_bill_no: 'W1' })).toMatchObject({ state: 'WAIT_USER_CONFIRM', package_info: 'pkg' })
    expect(await api.queryBill('W1')).toMatchObject({ state: 'WAIT_USER_CONFIRM' })
    status = 404
    data = { code: 'NOT_FOUND', message: '记录不存在' }
    expect(await api.queryBill('W2')).toBeNull()
    status = 403
    data = { code: 'NOT_ENOUGH', message: '资金不足' }
    expect(await api.createBill({ out_bill_no: 'W3' })).toEqual({ code: 'NOT_ENOUGH', message: '资金不足' })
    expect(seen).toEqual([
      'POST https://api.mch.weixin.qq.com/v3/fund-app/mch-transfer/transfer-bills {"out_bill_no":"W1"}',
      'GET https://api.mch.weixin.qq.com/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/W1',
      'GET https://api.mch.weixin.qq.com/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/W2',
      'POST https://api.mch.weixin.qq.com/v3/fund-app/mch-transfer/transfer-bills {"out_bill_no":"W3"}',
    ])
  })
})

describe('Alipay uni.transfer', () => {
  const app = pair()
  function alipay(answer: () => AlipayTransferAnswer | Error) {
    const calls: { method: string; biz: Record<string, unknown> }[] = []
    const reply = async () => {
      const a = answer()
      if (a instanceof Error) throw a
      return a
    }
    const api: AlipayTransferApi = {
      uniTransfer: async (biz) => (calls.push({ method: 'alipay.fund.trans.uni.transfer', biz }), reply()),
      commonQuery: async (biz) => (calls.push({ method: 'alipay.fund.trans.common.query', biz }), reply()),
    }
    const core = new AlipayCore({ appId: '2021TEST', privateKey: app.privateKey, alipayPublicKey: platform.publicKey, sellerId: '2088TEST' })
    return { facet: new AlipayTransfers(core, api, ''), calls }
  }

  it('sends the exact biz (yuan text, open_id or user id) and maps SUCCESS to succeeded', async () => {
    const { facet, calls } = alipay(() => ({ code: '10000', status: 'SUCCESS', orderId: '20191115110070000006040050105202', payFundOrderId: '20191115110070001506040049801906' }))
    expect(await facet.transfer(REQ)).toEqual({ kind: 'succeeded', platformBillNo: '20191115110070001506040049801906' })
    await facet.transfer({ ...REQ, openId: '2088000000009999', amount: 10 })
    expect(calls.map((c) => c.biz)).toEqual([
      { out_biz_no: REQ.outBillNo, trans_amount: '12.34', product_code: 'TRANS_ACCOUNT_NO_PWD', biz_scene: 'DIRECT_TRANSFER', order_title: '推广佣金提现', payee_info: { identity: 'o-openid-1', identity_type: 'ALIPAY_OPEN_ID' } },
      { out_biz_no: REQ.outBillNo, trans_amount: '0.10', product_code: 'TRANS_ACCOUNT_NO_PWD', biz_scene: 'DIRECT_TRANSFER', order_title: '推广佣金提现', payee_info: { identity: '2088000000009999', identity_type: 'ALIPAY_USER_ID' } },
    ])
    expect(facet.merchantId).toBeNull()
  })

  it('a refusal fails with its sub_code; a busy Alipay or an outage throws; DEALING is processing', async () => {
    let answer: AlipayTransferAnswer | Error = { code: '40004', msg: 'Business Failed', subCode: 'PAYER_BALANCE_NOT_ENOUGH', subMsg: '付款方余额不足' }
    const { facet } = alipay(() => answer)
    expect(await facet.transfer(REQ)).toEqual({ kind: 'failed', detail: '40004 PAYER_BALANCE_NOT_ENOUGH 付款方余额不足' })
    answer = { code: '20000', subCode: 'isp.unknow-error' }
    await expect(facet.transfer(REQ)).rejects.toBeInstanceOf(ProviderError)
    answer = new Error('ETIMEDOUT')
    await expect(facet.transfer(REQ)).rejects.toBeInstanceOf(ProviderError)
    answer = { code: '10000', status: 'DEALING', orderId: 'O1' }
    expect(await facet.transfer(REQ)).toEqual({ kind: 'processing', platformBillNo: 'O1' })
  })

  it('queries with common.query (product_code, biz_scene, out_biz_no); ORDER_NOT_EXIST is null', async () => {
    let answer: AlipayTransferAnswer = { code: '10000', status: 'FAIL', failReason: '收款账户异常' }
    const { facet, calls } = alipay(() => answer)
    expect(await facet.query(REQ.outBillNo)).toEqual({ kind: 'failed', detail: 'FAIL 收款账户异常' })
    answer = { code: '40004', subCode: 'ORDER_NOT_EXIST' }
    expect(await facet.query(REQ.outBillNo)).toBeNull()
    expect(calls[0]).toEqual({ method: 'alipay.fund.trans.common.query', biz: { product_code: 'TRANS_ACCOUNT_NO_PWD', biz_scene: 'DIRECT_TRANSFER', out_biz_no: REQ.outBillNo } })
  })

  it('the live calls go through the core\'s SDK exec with the method names and bizContent', async () => {
    const execs: unknown[] = []
    const core = { exec: async (method: string, params: unknown) => (execs.push([method, params]), { code: '10000' }) } as unknown as AlipayCore
    const api = liveAlipayTransferApi(core)
    await api.uniTransfer({ out_biz_no: 'W1' })
    await api.commonQuery({ out_biz_no: 'W1' })
    expect(execs).toEqual([
      ['alipay.fund.trans.uni.transfer', { bizContent: { out_biz_no: 'W1' } }],
      ['alipay.fund.trans.common.query', { bizContent: { out_biz_no: 'W1' } }],
    ])
  })
})
