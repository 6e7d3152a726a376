import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Address, Order, Paged, PaymentState, ProductDetail, ProductSummary, Session } from '../../src/domain/contract'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { launchMini, textOf, type MiniHost, type PayAnswer } from '../helpers/mini-runtime'
import { startTestServer, type TestServer } from '../helpers/server'

// Paying in the compiled mini-programs: the bundle asks the real server (sandbox mode) for
// its platform's parameters, hands exactly those to the host's cashier, and believes only
// the server. The sandbox plays WeChat Pay / Alipay: it settles the trade and its signed
// notify is posted to the server's notify endpoint over HTTP, as the platform would.

const LOGIN = 'pkg-account/login/index'
const ORDER_DETAIL = 'pkg-order/order-detail/index'
const CHECKOUT = 'pkg-order/checkout/index'
const PAY_RESULT = 'pkg-order/pay-result/index'
const PAY_PATH = /^\/api\/orders\/(\d+)\/pay$/

interface Shop {
  server: TestServer
  host: MiniHost
  token: string
  skuId: number
}

async function loginThroughTheApp(host: MiniHost): Promise<string> {
  await host.goto(LOGIN)
  await host.tap(await host.waitForClass('login-button'))
  const raw = await host.waitFor(() => host.storage.get('duet-session'), 'a session in storage')
  const token = (JSON.parse(String(raw)) as { state: Session }).state.token
  expect(token).toBeTruthy()
  return token
}

async function inStockSku(server: TestServer): Promise<number> {
  const page = await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')
  const product = page.items.find((p) => p.stock > 20) ?? page.items[0]
  const detail = await server.get<ProductDetail>(`/api/products/${product.id}`)
  return [...detail.skus].sort((a, b) => b.stock - a.stock)[0].id
}

let seq = 0
async function newOrder(shop: Shop): Promise<Order> {
  return shop.server.post<Order>('/api/orders', { items: [{ skuId: shop.skuId, quantity: 1 }], idempotencyKey: `bundle-pay-${process.pid}-${++seq}` }, shop.token)
}

/** The platform's side after the shopper paid: the trade is settled and its signed notify reaches the server over HTTP. */
async function platformNotifies(shop: Shop, target: MiniTarget, orderId: number): Promise<void> {
  const state = await shop.server.get<PaymentState>(`/api/orders/${orderId}/payment`, shop.token)
  const out = state.payment!.outTradeNo
  const sandbox = shop.server.app.payments.providers.sandbox!
  sandbox.settle(out)
  const n = target === 'weapp' ? sandbox.wechatNotify(out) : sandbox.alipayNotify(out)
  const res = await fetch(`${shop.server.url}/api/payments/notify/${target === 'weapp' ? 'wechat' : 'alipay'}`, {
    method: 'POST',
    headers: n.headers as Record<string, string>,
    body: n.body,
  })
  if (target === 'weapp') expect(res.status).toBe(204)
  else expect(await res.text()).toBe('success')
}

const orderStatus = async (shop: Shop, id: number) => (await shop.server.get<Order>(`/api/orders/${id}`, shop.token)).status
const pollsFor = (host: MiniHost, id: number) => host.requests.filter((r) => r.method === 'GET' && r.url === `/api/orders/${id}/payment`).length

/** POST /pay answers for this order, in order. */
function payAnswers(host: MiniHost, id: number): unknown[] {
  return host.requests.filter((r) => r.method === 'POST' && PAY_PATH.exec(r.url)?.[1] === String(id) && r.status === 200).map((r) => r.response)
}

/** Opens the order and taps 去支付. */
async function payFromOrderPage(host: MiniHost, id: number): Promise<void> {
  await host.goto(`${ORDER_DETAIL}?id=${id}`)
  await host.waitFor(() => host.text().includes('待付款'), 'the order shown as 待付款')
  await host.tap(await host.waitForClass('order-detail__pay', '去支付'))
}

// What the shopper sees, in one place: the result page after the cashier.
const resultTitle = (host: MiniHost, title: string) =>
  host.waitFor(() => host.current.route === PAY_RESULT && host.findByClass('pay-result__title').some((n) => textOf(n).includes(title)), `the pay result page saying ${title}`)
const seesConfirming = (host: MiniHost) => resultTitle(host, '支付确认中')
const seesPaid = async (host: MiniHost) => {
  await resultTitle(host, '支付成功')
  expect(host.findByClass('pay-result__action').map(textOf)).toEqual(['查看订单', '继续购物'])
}
const seesCancelled = async (host: MiniHost) => {
  await resultTitle(host, '支付已取消')
  await host.waitFor(() => host.findByClass('pay-result__line').some((n) => /请在 \d+分\d{2}秒 内完成支付/.test(textOf(n))), 'the time left to pay')
  await host.waitForClass('pay-result__action--pay', '重新支付')
}
const seesFailed = async (host: MiniHost, message: string) => {
  await resultTitle(host, '支付失败')
  await host.waitForClass('pay-result__line', message)
  await host.waitForClass('pay-result__action--pay', '重新支付')
}

describe.each(['weapp', 'alipay'] as const)('paying on dist/%s', (target: MiniTarget) => {
  const shop = {} as Shop

  beforeAll(async () => {
    requireDist(target)
    shop.server = await startTestServer({ platformLogin: true })
    shop.host = await launchMini(target, { serverUrl: shop.server.url })
    shop.token = await loginThroughTheApp(shop.host)
    await shop.server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, shop.token)
    shop.skuId = await inStockSku(shop.server)
  })
  afterAll(async () => {
    await shop.server?.close()
  })

  const cashier = target === 'weapp' ? 'requestPayment' : 'tradePay'
  const answer = (res: Record<string, unknown>, callback: PayAnswer['callback'] = 'success'): PayAnswer => ({ callback, res })
  const paidOnDevice = target === 'weapp' ? answer({ errMsg: 'requestPayment:ok' }) : answer({ resultCode: '9000' })

  it(`${cashier} gets exactly what POST /pay answered; success shows paying (polling only while the page shows), and paid only once the server has the notify`, async () => {
    const { host } = shop
    const order = await newOrder(shop)
    host.payHandler = () => paidOnDevice
    await payFromOrderPage(host, order.id)
    const call = await host.waitFor(() => host.callsOf(cashier)[0], `${cashier} to be called`)
    const [sent] = payAnswers(host, order.id)
    expect(sent).toBeDefined()
    // The recorded call is the options object with its callbacks stripped: the server's fields and nothing else.
    expect(call.args[0]).toEqual(sent)
    if (target === 'weapp') {
      expect(Object.keys(call.args[0] as object).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
      expect(call.args[0]).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) })
    } else {
      expect(Object.keys(call.args[0] as object)).toEqual(['tradeNO'])
    }

    // The device said paid, the platform has not told the server: paying, not paid.
    await seesConfirming(host)
    await host.waitFor(() => pollsFor(host, order.id) >= 2, 'two payment polls')
    expect(await orderStatus(shop, order.id)).toBe('created')
    expect(host.text()).not.toContain('待发货')

    // Another page on top hides the result page: no polling meanwhile; back again, it resumes.
    const navigate = host.api.navigateTo as (o: { url: string }) => Promise<void>
    await navigate({ url: `/${ORDER_DETAIL}?id=${order.id}` })
    await host.waitFor(() => host.current.route === ORDER_DETAIL, 'the order page on top')
    await new Promise((r) => setTimeout(r, 300))
    const hidden = pollsFor(host, order.id)
    await new Promise((r) => setTimeout(r, 2000))
    expect(pollsFor(host, order.id), 'polls while the result page is hidden').toBe(hidden)
    await (host.api.navigateBack as (o: object) => Promise<void>)({})
    await host.waitFor(() => host.current.route === PAY_RESULT && pollsFor(host, order.id) > hidden, 'polling again once the result page shows')
    await seesConfirming(host)

    await platformNotifies(shop, target, order.id)
    await seesPaid(host)
    expect(await orderStatus(shop, order.id)).toBe('paid')
  })

  it(`${target === 'weapp' ? 'requestPayment:fail cancel' : 'resultCode 6001 in the success callback'} is a cancel: the order stays 待付款, nothing is polled, and 重新支付 on the result page pays it`, async () => {
    const { host } = shop
    const order = await newOrder(shop)
    host.payHandler = () => (target === 'weapp' ? answer({ errMsg: 'requestPayment:fail cancel' }, 'fail') : answer({ resultCode: '6001' }))
    const before = host.callsOf(cashier).length
    await payFromOrderPage(host, order.id)
    await seesCancelled(host)
    expect(host.callsOf(cashier)).toHaveLength(before + 1)
    expect(pollsFor(host, order.id)).toBe(0)
    expect(await orderStatus(shop, order.id)).toBe('created')

    // 重新支付 on the result page: the same pending trade is offered again (WeChat signs it afresh), and this time the shopper pays.
    host.payHandler = () => paidOnDevice
    await host.tap(await host.waitForClass('pay-result__action--pay'))
    await seesConfirming(host)
    const [first, again] = payAnswers(host, order.id) as Record<string, string>[]
    const trade = target === 'weapp' ? 'package' : 'tradeNO'
    expect(again[trade]).toBe(first[trade])
    expect(host.callsOf(cashier)).toHaveLength(before + 2)
    expect(host.callsOf(cashier).at(-1)!.args[0]).toEqual(again)
    await platformNotifies(shop, target, order.id)
    await seesPaid(host)
    // 查看订单: the order page says what the server says.
    await host.tap(await host.waitForClass('pay-result__action--order'))
    await host.waitFor(() => host.current.route === ORDER_DETAIL && host.text().includes('待发货'), 'the order page showing 待发货')
  })

  it('checkout: 提交订单 places the order and opens the cashier in the same tap', async () => {
    const { host } = shop
    host.payHandler = () => paidOnDevice
    const before = host.callsOf(cashier).length
    await host.goto(`${CHECKOUT}?skuId=${shop.skuId}&quantity=1`)
    await host.waitFor(() => host.findByClass('submit-order').find((n) => !String(n.cl).includes('is-disabled')), 'an enabled 提交订单')
    await host.tap(host.findByClass('submit-order')[0])
    await seesConfirming(host)
    expect(host.callsOf(cashier)).toHaveLength(before + 1)
    const created = host.requests.filter((r) => r.method === 'POST' && r.url === '/api/orders' && r.status === 201)
    expect(created).toHaveLength(1)
    const id = (created[0].response as Order).id
    expect(host.callsOf(cashier).at(-1)!.args[0]).toEqual(payAnswers(host, id)[0])
    expect(host.current.query).toMatchObject({ id: String(id), result: 'confirming' })
    await platformNotifies(shop, target, id)
    await seesPaid(host)
  })

  if (target === 'alipay') {
    it('resultCode 8000 (processing) shows paying and polls; the server finds the payment by asking Alipay', async () => {
      const { host } = shop
      const order = await newOrder(shop)
      host.payHandler = () => answer({ resultCode: '8000' })
      await payFromOrderPage(host, order.id)
      await seesConfirming(host)
      await host.waitFor(() => pollsFor(host, order.id) >= 2, 'two payment polls')
      expect(await orderStatus(shop, order.id)).toBe('created')
      // Alipay settles; no notify: the server's own trade query (made while it answers a poll) confirms it.
      const state = await shop.server.get<PaymentState>(`/api/orders/${order.id}/payment`, shop.token)
      shop.server.app.payments.providers.sandbox!.settle(state.payment!.outTradeNo)
      await seesPaid(host)
    })

    it('resultCode 4000 is a failure with its message; the order stays 待付款', async () => {
      const { host } = shop
      const order = await newOrder(shop)
      host.payHandler = () => answer({ resultCode: '4000' })
      await payFromOrderPage(host, order.id)
      await seesFailed(host, '订单支付失败，请稍后重试')
      expect(pollsFor(host, order.id)).toBe(0)
      expect(await orderStatus(shop, order.id)).toBe('created')
    })
  }
})
