import { describe, expect, it } from 'vitest'
import { fakeWechatApi, TOKEN_CALL } from './fake-wechat'
import { wechatShipping } from '../wechat/shipping'
import { alipayShipping } from '../alipay/shipping'
import { alipayOrderSyncBody, wechatShippingBody, type OrderFacts } from '../../modules/shipping/requests'
import type { PaidPayment } from '../../modules/payments'

const AT = new Date('2026-12-05T04:00:00.000Z')
const order: OrderFacts = {
  id: 42,
  orderNo: 'D2026120500000042',
  total: 12_800,
  phone: '13800000001',
  buyer: { platform: 'weapp', externalId: 'o-openid-9', openId: 'o-openid-9' },
  lines: [
    { id: 101, title: '陶瓷马克杯', quantity: 2, unitPrice: 3900 },
    { id: 102, title: '纯棉短袖T恤', quantity: 1, unitPrice: 5000 },
  ],
}
const paid: PaidPayment = { provider: 'wechat', outTradeNo: 'P42A1', tradeId: '4200000042202612050000000001', amount: 12_800, paidAt: AT.toISOString() }
const MCHID = '1900000001'

/** A fake api.weixin.qq.com answering from a queue per path (errcode 0 when it runs dry). */
function fakeWechat(answers: Record<string, object[]> = {}) {
  const api = fakeWechatApi((path) => Response.json(answers[path]?.shift() ?? { errcode: 0, errmsg: 'ok' }), () => AT)
  const facet = wechatShipping({ tokens: api.tokens, appId: 'wx-app', merchantId: MCHID, fetch: api.fetch, now: () => AT })
  return { calls: api.calls, facet }
}

const UPLOAD = '/wxa/sec/order/upload_shipping_info'

describe('WeChat upload_shipping_info: the exact request', () => {
  it('express, one parcel: UNIFIED_DELIVERY by transaction_id, SF with the masked receiver phone, upload_time in +08:00', async () => {
    const { calls, facet } = fakeWechat()
    const body = wechatShippingBody(order, paid, MCHID, 'express', [{ carrier: 'SF', trackingNo: 'SF1234567890' }], AT)
    // The console's form still sends the carrier's name: the same body.
    expect(wechatShippingBody(order, paid, MCHID, 'express', [{ carrier: '顺丰速运', trackingNo: 'SF1234567890' }], AT)).toEqual(body)
    expect(await facet.uploadShippingInfo(body)).toEqual({ kind: 'sent', response: { errcode: 0, errmsg: 'ok' } })
    expect(calls).toEqual([
      TOKEN_CALL,
      {
        path: UPLOAD,
        query: { access_token: 'TOKEN-1' },
        body: {
          order_key: { order_number_type: 2, transaction_id: '4200000042202612050000000001' },
          logistics_type: 1,
          delivery_mode: 1,
          shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '陶瓷马克杯*2，纯棉短袖T恤*1', contact: { receiver_contact: '138****0001' } }],
          upload_time: '2026-12-05T12:00:00.000+08:00',
          payer: { openid: 'o-openid-9' },
        },
      },
    ])
  })

  it('express in two parcels: SPLIT_DELIVERY, is_all_delivered, each parcel describes its own lines (no contact for ZTO)', async () => {
    const { calls, facet } = fakeWechat()
    const body = wechatShippingBody(
      order,
      paid,
      MCHID,
      'express',
      [
        { carrier: 'ZTO', trackingNo: '7800001', items: [{ orderItemId: 101, quantity: 2 }] },
        { carrier: 'YTO', trackingNo: 'YT-0002', items: [{ orderItemId: 102, quantity: 1 }] },
      ],
      AT,
    )
    await facet.uploadShippingInfo(body)
    expect(calls[1].body).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200000042202612050000000001' },
      logistics_type: 1,
      delivery_mode: 2,
      is_all_delivered: true,
      shipping_list: [
        { tracking_no: '7800001', express_company: 'ZTO', item_desc: '陶瓷马克杯*2' },
        { tracking_no: 'YT-0002', express_company: 'YTO', item_desc: '纯棉短袖T恤*1' },
      ],
      upload_time: '2026-12-05T12:00:00.000+08:00',
      payer: { openid: 'o-openid-9' },
    })
  })

  it('virtual goods and pickup: logistics_type 3 / 4, one shipping_list entry with only item_desc', async () => {
    for (const [kind, type] of [
      ['virtual', 3],
      ['pickup', 4],
    ] as const) {
      const { calls, facet } = fakeWechat()
      await facet.uploadShippingInfo(wechatShippingBody(order, paid, MCHID, kind, [], AT))
      expect(calls[1].body).toEqual({
        order_key: { order_number_type: 2, transaction_id: '4200000042202612050000000001' },
        logistics_type: type,
        delivery_mode: 1,
        shipping_list: [{ item_desc: '陶瓷马克杯*2，纯棉短袖T恤*1' }],
        upload_time: '2026-12-05T12:00:00.000+08:00',
        payer: { openid: 'o-openid-9' },
      })
    }
  })

  it('without a transaction_id the order is keyed by mchid + out_trade_no (order_number_type 1); item_desc is cut at 120 characters', () => {
    const long = { ...order, lines: [{ id: 1, title: '长'.repeat(200), quantity: 1, unitPrice: 100 }] }
    const body = wechatShippingBody(long, { ...paid, tradeId: null }, MCHID, 'same_city', [{ carrier: 'SS', trackingNo: 'CITY0001' }], AT)
    expect(body.order_key).toEqual({ order_number_type: 1, mchid: MCHID, out_trade_no: 'P42A1' })
    expect(body.logistics_type).toBe(2)
    expect([...body.shipping_list[0].item_desc].length).toBe(120)
    expect(body.shipping_list[0].item_desc.endsWith('…')).toBe(true)
  })

  it('a refused token is renewed once; busy is retried later; a bad request is rejected for good', async () => {
    const { calls, facet } = fakeWechat({ [UPLOAD]: [{ errcode: 40001, errmsg: 'invalid credential' }, { errcode: 0, errmsg: 'ok' }, { errcode: -1, errmsg: 'system busy' }, { errcode: 10060001, errmsg: 'order not exist' }] })
    const body = wechatShippingBody(order, paid, MCHID, 'virtual', [], AT)
    expect((await facet.uploadShippingInfo(body)).kind).toBe('sent')
    expect(calls.map((c) => `${c.path} ${c.query.access_token ?? ''}`.trim())).toEqual(['/cgi-bin/token', `${UPLOAD} TOKEN-1`, '/cgi-bin/token', `${UPLOAD} TOKEN-2`])
    expect(await facet.uploadShippingInfo(body)).toEqual({ kind: 'retry', detail: 'errcode -1 system busy', response: { errcode: -1, errmsg: 'system busy' } })
    expect(await facet.uploadShippingInfo(body)).toMatchObject({ kind: 'rejected', detail: 'errcode 10060001 order not exist' })
  })

  it('is_trade_managed is asked with the appid and cached; get_order answers order_state; get_delivery_list the carriers', async () => {
    const { calls, facet } = fakeWechat({
      '/wxa/sec/order/is_trade_managed': [{ errcode: 0, is_trade_managed: true }],
      '/wxa/sec/order/get_order': [{ errcode: 0, order: { order_state: 3 } }],
      '/wxa/sec/order/get_delivery_list': [{ errcode: 0, delivery_list: [{ delivery_id: 'SF', delivery_name: '顺丰速运' }] }],
    })
    expect(await facet.isTradeManaged()).toBe(true)
    expect(await facet.isTradeManaged()).toBe(true)
    expect(await facet.getOrderState('4200000042')).toBe(3)
    expect(await facet.deliveryList()).toEqual([{ code: 'SF', name: '顺丰速运' }])
    expect(calls.filter((c) => c.path !== '/cgi-bin/token').map((c) => [c.path, c.body])).toEqual([
      ['/wxa/sec/order/is_trade_managed', { appid: 'wx-app' }],
      ['/wxa/sec/order/get_order', { transaction_id: '4200000042' }],
      ['/wxa/sec/order/get_delivery_list', {}],
    ])
  })
})

describe('Alipay merchant.order.sync', () => {
  it('sends the biz_content as built: buyer, trade_no, MINI_APP, Beijing time, yuan amounts, status and logistics', async () => {
    const sent: unknown[] = []
    const facet = alipayShipping(async (biz) => {
      sent.push(biz)
      return { code: '10000', msg: 'Success' }
    })
    const buyer = { ...order, buyer: { platform: 'alipay', externalId: '2088000000000042', openId: null } }
    const pay = { ...paid, provider: 'alipay' as const, tradeId: '2026120522001400000000000042' }
    const biz = alipayOrderSyncBody(buyer, pay, 'ship', AT, [{ carrier: 'SF', trackingNo: 'SF1234567890' }])
    expect(await facet.orderSync(biz)).toEqual({ kind: 'sent', response: { code: '10000', msg: 'Success' } })
    expect(sent).toEqual([
      {
        out_biz_no: 'D2026120500000042',
        buyer_id: '2088000000000042',
        trade_no: '2026120522001400000000000042',
        order_type: 'MINI_APP',
        order_modified_time: '2026-12-05 12:00:00',
        amount: '128.00',
        ext_info: [{ ext_key: 'merchant_order_status', ext_value: 'IN_DELIVERY' }],
        logistics_info_list: [{ tracking_no: 'SF1234567890', logistics_code: 'SF' }],
      },
    ])
    // Without an Alipay trade (nothing reached the order centre through a payment) the goods go along.
    expect(alipayOrderSyncBody(buyer, { ...pay, tradeId: null }, 'pay', AT).item_order_list).toEqual([
      { item_name: '陶瓷马克杯', quantity: 2, unit_price: '39.00' },
      { item_name: '纯棉短袖T恤', quantity: 1, unit_price: '50.00' },
    ])
  })

  it('system errors are retried, business errors rejected, a thrown SDK error retried', async () => {
    const answers: Record<string, string>[] = [{ code: '20000', msg: 'Service Currently Unavailable' }, { code: '40004', subCode: 'INVALID_PARAMETER', subMsg: '参数有误' }]
    const facet = alipayShipping(async () => {
      const a = answers.shift()
      if (!a) throw new Error('socket hang up')
      return a
    })
    expect((await facet.orderSync({})).kind).toBe('retry')
    expect(await facet.orderSync({})).toMatchObject({ kind: 'rejected', detail: '40004 INVALID_PARAMETER 参数有误' })
    expect((await facet.orderSync({})).kind).toBe('retry')
  })
})
