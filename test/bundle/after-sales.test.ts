import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AfterSale } from '../../src/domain/after-sales'
import type { Order } from '../../src/domain/contract'
import type { OrderTracking, ReceiptMode } from '../../src/domain/shipping'
import { distDir, listFiles, requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { launchMini, textOf, type MiniHost, type MiniNode } from '../helpers/mini-runtime'
import { orderFixture, TEE_LINE } from '../helpers/orders'

// After-sales, confirming receipt and customer service in the compiled mini-programs. The
// after-sales, receipt and tracking endpoints are another part's work, so a small fake API
// answers them here with the contract's shapes (src/domain/after-sales.ts, shipping.ts), and
// records what the app sent.

const ORDER_DETAIL = 'pkg-order/order-detail/index'
const APPLY = 'pkg-order/after-sale-apply/index'
const AFTER_SALE = 'pkg-order/after-sale/index'
const TRANSACTION_ID = '4200001918202312050000000042'

const order: Order = orderFixture('shipped', {
  items: [{ ...TEE_LINE, id: 7, quantity: 2, lineTotal: 3980, discount: 380 }],
  itemCount: 2,
  subtotal: 3980,
  discount: 380,
  total: 3600,
  shippedAt: '2026-12-01T08:00:00.000Z',
})

const tracking: OrderTracking = {
  orderId: 42,
  kind: 'express',
  parcels: [
    {
      carrier: 'SF',
      carrierName: '顺丰速运',
      trackingNo: 'SF1234567890',
      state: 'delivering',
      updatedAt: '2026-12-02T09:00:00.000Z',
      events: [
        { at: '2026-12-02T09:00:00.000Z', text: '快递员正在派件', area: '上海市' },
        { at: '2026-12-01T10:00:00.000Z', text: '已揽收', area: null },
      ],
    },
  ],
}

const afterSale: AfterSale = {
  id: 9,
  orderId: 42,
  orderNo: order.orderNo,
  type: 'refund',
  status: 'requested',
  lines: [{ orderItemId: 7, skuId: 1, title: '纯棉T恤', specs: '白', image: '/api/images/a.jpg', quantity: 1, amount: 1800 }],
  reason: '不想要了',
  description: null,
  photos: [],
  amount: 1800,
  refusal: null,
  returnAddress: null,
  returnShipment: null,
  resendShipment: null,
  refund: null,
  deadline: { event: 'approve', at: '2026-12-07T08:00:00.000Z' },
  createdAt: '2026-12-05T08:00:00.000Z',
  updatedAt: '2026-12-05T08:00:00.000Z',
  steps: [{ status: 'requested', actor: 'shopper', note: null, at: '2026-12-05T08:00:00.000Z' }],
}

interface Fake extends FakeApi {
  receipt: ReceiptMode
  confirmed: boolean
}

async function startAfterSalesApi(receipt: ReceiptMode): Promise<Fake> {
  const fake = { receipt, confirmed: false } as Fake
  const api = await startFakeApi((key): FakeAnswer => {
    if (key === 'GET /api/orders/42') return [200, fake.confirmed ? { ...order, status: 'completed' } : order]
    if (key === 'GET /api/orders/42/receipt') return [200, fake.receipt]
    if (key === 'POST /api/orders/42/confirm') {
      fake.confirmed = true
      return [200, { ...order, status: 'completed', receivedAt: '2026-12-05T09:00:00.000Z' }]
    }
    if (key === 'POST /api/sandbox/shipping/confirm') return [200, { ok: true }]
    if (key === 'GET /api/orders/42/tracking') return [200, tracking]
    if (key === 'GET /api/orders/42/after-sales') return [200, { types: ['refund', 'return', 'exchange'], windowEndsAt: null, items: [] }]
    if (key === 'POST /api/orders/42/after-sales') return [201, { id: 9, status: 'requested' }]
    if (key === 'GET /api/after-sales/9') return [200, afterSale]
    return undefined
  })
  return Object.assign(fake, api)
}

const SESSION = JSON.stringify({
  state: { token: 'test-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: '测试', avatar: null, platform: 'weapp' } },
  version: 0,
})

/**
 * What the host renders for a node: Taro stores a node's element as a template number (nn) and
 * its props as short keys (p0, p1…); the build's base template says which element and attribute
 * each is (`<template name="tmpl_0_14"><button … open-type="{{i.p11}}" …>`).
 */
function rendered(target: MiniTarget, node: MiniNode): { tag: string; attrs: Record<string, unknown> } {
  const file = path.join(distDir(target), target === 'weapp' ? 'base.wxml' : 'base.axml')
  const tpl = fs.readFileSync(file, 'utf8').split(`<template name="tmpl_0_${String(node.nn)}">`)[1]
  expect(tpl, `template for node ${String(node.nn)}`).toBeDefined()
  const open = /<([a-z-]+)\s([^>]*)>/.exec(tpl)!
  const attrs: Record<string, unknown> = {}
  for (const m of open[2].matchAll(/([a-z-]+)="\{\{(?:xs\.b\()?i\.(p\d+)/g)) if (node[m[2]] !== undefined) attrs[m[1]] = node[m[2]]
  return { tag: open[1], attrs }
}

/** The contact entry on the current page. */
function contactEntry(host: MiniHost): MiniNode {
  const entry = host.findByClass('service-entry')[0]
  expect(entry, 'a contact entry on the page').toBeDefined()
  return entry
}

const hasClassName = (n: MiniNode, name: string) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes(name)

const managed: ReceiptMode = { mode: 'weapp_order_confirm', sandbox: false, extraData: { transaction_id: TRANSACTION_ID, merchant_id: '1230000109', merchant_trade_no: order.orderNo } }

describe.each(['weapp', 'alipay'] as const)('after-sales, receipt and service on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let host: MiniHost

  beforeAll(async () => {
    requireDist(target)
    // The server answers WeChat's managed mode only to WeChat sessions; Alipay confirms in the app.
    fake = await startAfterSalesApi(target === 'weapp' ? managed : { mode: 'app' })
    host = await launchMini(target, { serverUrl: fake.url, storage: { 'duet-session': SESSION } })
  })
  afterAll(() => fake.close())

  it('the order page shows the trace, 申请售后 and the contact entry with its platform component', async () => {
    await host.goto(`${ORDER_DETAIL}?id=42`)
    await host.waitForClass('order-tracking__state', '派送中')
    expect(host.texts()).toContain('顺丰速运 SF1234567890')
    // The carrier's text as it is; the area goes with the time.
    expect(host.texts()).toContain('快递员正在派件')
    expect(host.texts().some((t) => t.endsWith(' · 上海市'))).toBe(true)
    await host.waitForClass('order-after-sales__apply', '申请售后')
    const entry = contactEntry(host)
    expect(textOf(entry)).toContain('联系客服')
    const { tag, attrs } = rendered(target, entry)
    expect(tag).toBe('button')
    if (target === 'weapp') {
      // Unconfigured WeCom: the mini-program's own <button open-type="contact"> with the order as the session card.
      expect(attrs).toMatchObject({
        'open-type': 'contact',
        'session-from': `order:${order.orderNo}`,
        'show-message-card': true,
        'send-message-title': `订单 ${order.orderNo}`,
        'send-message-path': 'pkg-order/order-detail/index?id=42',
      })
      expect(String(attrs['send-message-img'])).toMatch(/\/api\/images\/a\.jpg$/)
    } else {
      // This build has no 蚂蚁智能客服 tnt-inst-id / scene nor phone: the fallback button, never open-type contact;
      // <contact-button tnt-inst-id scene> is in the build's template for builds that configure it.
      expect(attrs['open-type']).toBeUndefined()
      expect(hasClassName(entry, 'service-entry--phone')).toBe(true)
      expect(fs.readFileSync(path.join(distDir('alipay'), 'base.axml'), 'utf8')).toMatch(/<contact-button tnt-inst-id="\{\{i\.p\d+\}\}" scene="\{\{i\.p\d+\}\}"/)
    }
  })

  it(`确认收货 ${target === 'weapp' ? 'opens openBusinessView weappOrderConfirm with the transaction id' : 'asks in the app'}, then confirms with the server`, async () => {
    await host.goto(`${ORDER_DETAIL}?id=42`)
    if (target === 'weapp') host.businessHandler = () => ({ callback: 'success', res: { errMsg: 'openBusinessView:ok', extraData: { status: 'success' } } })
    await host.tap(await host.waitForClass('order-actions__confirm', '确认收货'))
    await host.waitFor(() => fake.confirmed, 'POST /api/orders/42/confirm')
    if (target === 'weapp') {
      const calls = host.callsOf('openBusinessView')
      expect(calls).toHaveLength(1)
      const { success: _s, fail: _f, complete: _c, ...sent } = calls[0].args[0] as Record<string, unknown>
      expect(sent).toEqual({ businessType: 'weappOrderConfirm', extraData: { transaction_id: TRANSACTION_ID, merchant_id: '1230000109', merchant_trade_no: order.orderNo } })
      expect(host.callsOf('showModal')).toHaveLength(0)
    } else {
      // Taro's showModal is my.confirm on Alipay.
      expect(host.callsOf('confirm').at(-1)?.args[0]).toMatchObject({ title: '确认收货', content: '确认已经收到全部商品了吗？' })
      expect(host.callsOf('openBusinessView')).toHaveLength(0)
    }
    const asked = fake.received.map((r) => `${r.method} ${r.path}`)
    expect(asked.indexOf('GET /api/orders/42/receipt')).toBeLessThan(asked.indexOf('POST /api/orders/42/confirm'))
    await host.waitForClass('order-detail__status', '已完成')
  })

  it.runIf(target === 'weapp')('sandbox receipt mode opens the in-app sandbox sheet (no openBusinessView); 确认收货 there tells the sandbox, then confirms', async () => {
    fake.confirmed = false
    fake.receipt = { ...managed, sandbox: true } as ReceiptMode
    const before = host.callsOf('openBusinessView').length
    await host.goto(`${ORDER_DETAIL}?id=42`)
    await host.tap(await host.waitForClass('order-actions__confirm', '确认收货'))
    await host.waitFor(() => host.current.route === 'pkg-order/sandbox-receipt/index', 'the sandbox receipt page')
    expect(fake.confirmed).toBe(false)
    await host.tap(await host.waitFor(() => host.findByClass('sandbox-receipt__action--confirm').find((n) => !rendered(target, n).attrs.disabled && textOf(n).includes('确认收货')), 'an enabled 确认收货'))
    await host.waitFor(() => host.current.route === ORDER_DETAIL, 'back on the order page')
    const posts = fake.received.filter((r) => r.method === 'POST').map((r) => `${r.path} ${JSON.stringify(r.body ?? null)}`)
    expect(posts.slice(-2)).toEqual(['/api/sandbox/shipping/confirm {"orderId":42}', '/api/orders/42/confirm null'])
    expect(host.callsOf('openBusinessView')).toHaveLength(before)
    fake.receipt = managed
  })

  it('the after-sales form: type, bounded quantity, reason, estimate; submits and opens the request with its contact entry', async () => {
    fake.confirmed = false
    await host.goto(`${APPLY}?orderId=42`)
    await host.waitForClass('after-sale-apply__type', '仅退款')
    const plus = () => host.findByClass('quantity-stepper__plus')[0]
    await host.tap(plus())
    await host.tap(plus())
    await host.tap(plus())
    expect(textOf(host.findByClass('quantity-stepper__value')[0])).toBe('2')
    expect(textOf(host.findByClass('after-sale-apply__estimate')[0])).toBe('预计退款 ¥36.00')
    await host.tap(host.findByClass('after-sale-apply__reason').find((n) => textOf(n) === '不想要了')!)
    expect(rendered(target, contactEntry(host)).tag).toBe('button')
    await host.tap(host.findByClass('after-sale-apply__submit')[0])
    await host.waitFor(() => host.current.route === AFTER_SALE, 'the request page')
    expect(fake.received.find((r) => r.method === 'POST' && r.path === '/api/orders/42/after-sales')?.body).toEqual({
      type: 'refund',
      lines: [{ orderItemId: 7, quantity: 2 }],
      reason: '不想要了',
    })
    await host.waitForClass('after-sale__status', '待商家处理')
    expect(host.findByClass('after-sale__withdraw')).toHaveLength(1)
    const detailEntry = rendered(target, contactEntry(host))
    expect(detailEntry.tag).toBe('button')
    if (target === 'weapp') expect(detailEntry.attrs).toMatchObject({ 'open-type': 'contact', 'show-message-card': true, 'send-message-path': 'pkg-order/after-sale/index?id=9' })
    expect(host.errors).toEqual([])
  })

  it("carries none of the other platform's calls or components", () => {
    const files = listFiles(distDir(target), (f) => /\.(js|wxml|axml)$/.test(f))
    const all = files.map((f) => fs.readFileSync(path.join(distDir(target), f), 'utf8')).join('\n')
    if (target === 'alipay') {
      expect(all).not.toMatch(/openBusinessView|openCustomerServiceChat|chooseMedia/)
      expect(all).toMatch(/chooseImage/)
    } else {
      expect(all).not.toMatch(/contact-button|tntInstId/)
      expect(all).toMatch(/openBusinessView/)
      expect(all).toMatch(/openCustomerServiceChat/)
      expect(all).toMatch(/weappOrderConfirm/)
    }
  })
})
