import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Address, CreditStart, Order, Paged, ProductDetail, ProductSummary, Rental, Session, User } from '../../src/domain/contract'
import { rentalProduct } from '../helpers/credit'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { launchMini, textOf, type MiniHost, type PayAnswer } from '../helpers/mini-runtime'
import { startTestServer, type TestServer } from '../helpers/server'

// Issue 14: the compiled mini-programs in their IDEs against the server `npm start` starts
// (sandbox mode: no merchant keys, the real env-derived platforms, no injected login). 登录 goes
// through the sandbox's login (one shopper per device id the app keeps); the host's cashier
// can't pay a sandbox trade, so the app opens its in-app sandbox cashier page, which pays
// through the sandbox's signed notify.

const LOGIN = 'pkg-account/login/index'
const CHECKOUT = 'pkg-order/checkout/index'
const CASHIER = 'pkg-order/sandbox-cashier/index'
const PAY_RESULT = 'pkg-order/pay-result/index'
const ORDER_DETAIL = 'pkg-order/order-detail/index'
const DEVICE_KEY = 'duet-device-id'
const PRODUCT = 'pkg-shop/product/index'
const RENT = 'pkg-credit/rent/index'
const RENTAL = 'pkg-credit/rental/index'
const CONFIRM = 'pkg-credit/sandbox-confirm/index'

/** What the IDEs do with a sandbox prepay id / trade number: the host's cashier fails. */
const IDE_CANNOT_PAY: Record<MiniTarget, PayAnswer> = {
  weapp: { callback: 'fail', res: { errMsg: 'requestPayment:fail 支付验证签名失败' } },
  alipay: { callback: 'success', res: { resultCode: '4000' } },
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

const resultTitle = (host: MiniHost, title: string) =>
  host.waitFor(() => host.current.route === PAY_RESULT && host.findByClass('pay-result__title').some((n) => textOf(n).includes(title)), `the pay result page saying ${title}`)
const onCashier = (host: MiniHost) => host.waitFor(() => host.current.route === CASHIER && host.findByClass('sandbox-cashier__action--pay').length > 0, 'the sandbox cashier page with 支付')

describe.each(['weapp', 'alipay'] as const)('dist/%s in its IDE against the sandbox server', (target: MiniTarget) => {
  let server: TestServer
  let host: MiniHost
  let token: string

  beforeAll(async () => {
    requireDist(target)
    server = await startTestServer()
    host = await launchMini(target, { serverUrl: server.url })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('登录 through the platform button: the sandbox shopper of this device, the same on the next login, another device another shopper', async () => {
    token = await loginThroughTheApp(host)
    const login = host.callsOf(target === 'weapp' ? 'login' : 'getAuthCode')
    expect(login).toHaveLength(1)
    const sent = host.requests.find((r) => r.method === 'POST' && r.url === (target === 'weapp' ? '/api/auth/wechat' : '/api/auth/alipay'))!
    expect(sent.status).toBe(200)
    const device = host.storage.get(DEVICE_KEY)
    expect(device).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
    expect(sent.body).toMatchObject({ deviceId: device })
    const me = await server.get<User>('/api/me', token)
    expect(me.platform).toBe(target)

    // The same IDE (its storage kept), a fresh code: the same shopper.
    const again = await launchMini(target, { serverUrl: server.url, storage: { [DEVICE_KEY]: device } })
    expect((await server.get<User>('/api/me', await loginThroughTheApp(again))).id).toBe(me.id)
    // Another IDE: another shopper.
    const other = await launchMini(target, { serverUrl: server.url })
    expect((await server.get<User>('/api/me', await loginThroughTheApp(other))).id).not.toBe(me.id)
  })

  it('orders at checkout; the host cannot pay the sandbox trade, so the sandbox cashier page opens: 支付失败, 重新支付, then 支付 pays the order', async () => {
    await server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)
    const skuId = await inStockSku(server)
    const cashier = target === 'weapp' ? 'requestPayment' : 'tradePay'
    host.payHandler = () => IDE_CANNOT_PAY[target]

    await host.goto(`${CHECKOUT}?skuId=${skuId}&quantity=1`)
    await host.tap(await host.waitFor(() => host.findByClass('submit-order').find((n) => !String(n.cl).includes('is-disabled')), 'an enabled 提交订单'))
    await onCashier(host)
    const created = host.requests.filter((r) => r.method === 'POST' && r.url === '/api/orders' && r.status === 201)
    expect(created).toHaveLength(1)
    const order = created[0].response as Order
    // The host got the platform's own fields only; the ticket stayed in the app.
    const call = host.callsOf(cashier)[0].args[0] as Record<string, unknown>
    expect(Object.keys(call).sort()).toEqual(target === 'weapp' ? ['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'] : ['tradeNO'])
    expect(host.current.query).toMatchObject({ id: String(order.id) })
    expect(host.text()).toContain('沙箱模拟支付，不会扣款')
    expect(host.text()).toContain(order.orderNo)

    // 支付失败: the result page says so and offers 重新支付; the order still waits.
    await host.tap(await host.waitForClass('sandbox-cashier__action--fail'))
    await resultTitle(host, '支付失败')
    await host.waitForClass('pay-result__line', '沙箱模拟支付失败')
    expect((await server.get<Order>(`/api/orders/${order.id}`, token)).status).toBe('created')

    // 重新支付: the host fails again, the cashier again; 支付 pays through the sandbox's signed notify.
    await host.tap(await host.waitForClass('pay-result__action--pay'))
    await onCashier(host)
    expect(host.callsOf(cashier)).toHaveLength(2)
    await host.tap(await host.waitForClass('sandbox-cashier__action--pay'))
    await resultTitle(host, '支付成功')
    expect((await server.get<Order>(`/api/orders/${order.id}`, token)).status).toBe('paid')
    const notifies = await server.app.db.query<{ provider: string; outcome: string }>('SELECT provider, outcome FROM payment_notifies ORDER BY id')
    expect(notifies.rows).toEqual([{ provider: target === 'weapp' ? 'wechat' : 'alipay', outcome: 'paid' }])
    await host.tap(await host.waitForClass('pay-result__action--order'))
    await host.waitFor(() => host.current.route === ORDER_DETAIL && host.text().includes('待发货'), 'the order page showing 待发货')
  })

  it("rents deposit-free: the host cannot open the sandbox credit order, the sandbox confirm page decides (全额免押) and the rental page shows the server's answer", async () => {
    const product = await rentalProduct(server)
    const confirmCall = target === 'weapp' ? 'openBusinessView' : 'tradePay'
    // WeChat: Pay Score's view can't open a sandbox package; Alipay: my.tradePay({orderStr}) fails like a trade.
    if (target === 'weapp') host.businessHandler = () => ({ callback: 'fail', res: { errMsg: 'openBusinessView:fail 系统错误' } })
    else host.payHandler = () => IDE_CANNOT_PAY.alipay

    await host.goto(`${PRODUCT}?id=${product.id}`)
    await host.tap(await host.waitForClass('rent-now', '免押租用'))
    await host.waitFor(() => host.current.route === RENT, 'the rent page')
    await host.tap(await host.waitFor(() => host.findByClass('rent-submit').find((n) => !String(n.cl).includes('is-disabled') && textOf(n).includes('免押租用')), 'an enabled 免押租用'))
    await host.waitFor(() => host.current.route === CONFIRM && host.findByClass('sandbox-confirm__action--full').length > 0, 'the sandbox confirm page')
    const started = host.requests.filter((r) => r.method === 'POST' && r.url === '/api/rentals' && r.status === 201).at(-1)!.response as CreditStart<Rental>
    // The host got the platform's own confirm only; the ticket stayed in the app.
    const sent = host.callsOf(confirmCall).at(-1)!.args[0] as Record<string, unknown>
    expect(Object.keys(sent).sort()).toEqual(target === 'weapp' ? ['businessType', 'extraData'] : ['orderStr'])
    for (const label of ['全额免押', '部分免押', '不免押', '取消']) expect(host.text()).toContain(label)

    await host.tap(await host.waitForClass('sandbox-confirm__action--full'))
    await host.waitFor(() => host.current.route === RENTAL && host.current.query.id === String(started.credit.id), 'the rental page')
    const rental = await server.get<Rental>(`/api/rentals/${started.credit.id}`, token)
    expect(rental.state).not.toBe('created')
    // The rental page shows the server's rental, no longer waiting for credit.
    await host.waitFor(() => host.text().includes(rental.rentalNo), 'the rental number on the rental page')
    const callbacks = await server.app.db.query<{ channel: string }>('SELECT channel FROM credit_notifies')
    expect(callbacks.rows.map((r) => r.channel)).toContain(target === 'weapp' ? 'wechat' : 'alipay')
  })
})
